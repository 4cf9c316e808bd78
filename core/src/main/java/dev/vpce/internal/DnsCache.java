package dev.vpce.internal;

import dev.vpce.IpAddressType;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vpce's own DNS cache, keyed by name. An answer expires at receive time + TTL; it is refreshed in the
 * background ahead of expiry; when a refresh fails the last good answer is served until
 * {@code expiry + staleLimit}, and only then dropped. An empty answer (NODATA) to a name that had
 * addresses counts as such a failure, so a name that briefly loses its records keeps its last answer within
 * the same limit; a name that has no addresses is asked again within its negative TTL (RFC 2308), at most 30 s
 * apart. Each name is asked for the record types of its endpoint (A, AAAA or both). Readers never
 * wait on the network.
 */
public final class DnsCache {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final NameResolver resolver;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration staleLimit;
  private final Backoff backoff;
  private final Consumer<String> onChange;
  private final BiConsumer<String, Throwable> onFailure;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public DnsCache(NameResolver resolver, Clock clock, Scheduler scheduler, Duration staleLimit, Backoff backoff,
      Consumer<String> onChange, BiConsumer<String, Throwable> onFailure) {
    this.resolver = resolver;
    this.clock = clock;
    this.scheduler = scheduler;
    this.staleLimit = staleLimit;
    this.backoff = backoff;
    this.onChange = onChange;
    this.onFailure = onFailure;
  }

  /** One cached name. */
  private static final class Entry {
    final String name;
    volatile IpAddressType types = IpAddressType.IPV4;
    volatile List<InetAddress> addresses = List.of();
    volatile Instant expiresAt = Instant.MIN;
    volatile Instant receivedAt; // null until a first answer
    Duration ttl = MAX_RETRY; // guarded by this; until a first address, retries back off to the cap
    int failures; // guarded by this
    Scheduler.Cancellable next; // guarded by this

    Entry(String name) {
      this.name = name;
    }
  }

  /**
   * Resolves a name now if it has no answer yet, and keeps it fresh from then on. When the first
   * resolution fails the name stays tracked and is retried with back-off; its first answer is a change.
   *
   * @throws IOException when the first resolution fails
   */
  public List<InetAddress> track(String name) throws IOException {
    return track(name, IpAddressType.IPV4);
  }

  /**
   * Like {@link #track(String)}, asking for the record types of {@code types}. A name already tracked with
   * other types is asked for the new ones from its next refresh.
   *
   * @throws IOException when the first resolution fails
   */
  public List<InetAddress> track(String name, IpAddressType types) throws IOException {
    Entry e = entries.computeIfAbsent(name, Entry::new);
    IOException failure = null;
    synchronized (e) {
      e.types = types;
      if (e.next == null) {
        try {
          apply(e, resolver.resolve(name, types));
        } catch (IOException first) {
          failure = first;
        }
      }
    }
    if (failure != null) {
      failed(e, failure);
      throw failure;
    }
    return e.addresses;
  }

  /** Resolves a name's A records once, without caching it. */
  public DnsAnswer lookupOnce(String name) throws IOException {
    return lookupOnce(name, IpAddressType.IPV4);
  }

  /** Resolves a name once for these record types, without caching it. */
  public DnsAnswer lookupOnce(String name, IpAddressType types) throws IOException {
    return resolver.resolve(name, types);
  }

  /** The current addresses of a tracked name; empty when it has none or its stale answer was dropped. */
  public List<InetAddress> addresses(String name) {
    Entry e = entries.get(name);
    return e == null ? List.of() : e.addresses;
  }

  /** When the current answer for a name expires, or null when the name is not tracked. */
  public Instant expiresAt(String name) {
    Entry e = entries.get(name);
    return e == null ? null : e.expiresAt;
  }

  /**
   * A tracked name's current answer, for the status: its addresses, when it was received (null before a
   * first answer) and when it expires. Null when the name is not tracked. Takes no lock.
   */
  public View view(String name) {
    Entry e = entries.get(name);
    return e == null ? null : new View(e.addresses, e.receivedAt, e.expiresAt);
  }

  /** A name's answer as served now; see {@link #view}. */
  public record View(List<InetAddress> addresses, Instant receivedAt, Instant expiresAt) {}

  /** Stops tracking a name. */
  public void forget(String name) {
    Entry e = entries.remove(name);
    if (e != null) {
      synchronized (e) {
        if (e.next != null) {
          e.next.cancel();
        }
      }
    }
  }

  private void apply(Entry e, DnsAnswer answer) {
    Instant now = clock.instant();
    boolean changed = !answer.addresses().equals(e.addresses);
    e.addresses = answer.addresses();
    e.expiresAt = now.plus(answer.ttl());
    e.receivedAt = now;
    Duration ahead = answer.ttl().multipliedBy(3).dividedBy(4);
    if (answer.addresses().isEmpty()) {
      // NODATA, nothing to serve: asked again when 3/4 of the zone's negative TTL (RFC 2308) is gone, or with
      // back-off when the reply gave none (no SOA, or one that says 0); either way at most MAX_RETRY apart, so
      // that records that appear are soon used. The name's TTL stays what it was (MAX_RETRY until a first
      // address): it caps how long a failed refresh waits.
      if (answer.ttl().isZero()) {
        ahead = backOff(++e.failures, MAX_RETRY);
      } else {
        e.failures = 0; // an answer the zone said how long to keep: a failure after it starts back-off afresh
        ahead = ahead.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : ahead;
      }
    } else {
      e.ttl = answer.ttl();
      e.failures = 0;
    }
    e.next = scheduler.schedule("dns refresh " + e.name, () -> refresh(e),
        ahead.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : ahead);
    if (changed) {
      onChange.accept(e.name);
    }
  }

  private void refresh(Entry e) {
    if (entries.get(e.name) != e) {
      return; // forgotten
    }
    DnsAnswer answer;
    IpAddressType types = e.types;
    try {
      answer = resolver.resolve(e.name, types);
    } catch (IOException | RuntimeException failure) {
      failed(e, failure);
      return;
    }
    if (answer.addresses().isEmpty() && !e.addresses.isEmpty()) {
      // NODATA: the name is there but has no records of these types; treated as a failed refresh
      failed(e, new IOException(e.name + " answered with no " + types + " records (NODATA)"));
      return;
    }
    synchronized (e) {
      apply(e, answer);
    }
  }

  /** The wait before the next try after {@code failures} in a row: at least MIN_REFRESH, jittered, up to cap. */
  private Duration backOff(int failures, Duration cap) {
    Duration ceiling = backoff.ceiling(failures);
    return MIN_REFRESH.plus(backoff.jitter((ceiling.compareTo(cap) > 0 ? cap : ceiling).minus(MIN_REFRESH)));
  }

  private void failed(Entry e, Exception failure) {
    Instant now = clock.instant();
    Instant staleUntil = e.expiresAt.plus(staleLimit);
    boolean dropped = false;
    synchronized (e) {
      e.failures++;
      if (!now.isBefore(staleUntil) && !e.addresses.isEmpty()) {
        e.addresses = List.of();
        dropped = true;
      }
      // back off, but never wait longer between tries than the answer was meant to live
      Duration cap = e.ttl.compareTo(MAX_RETRY) > 0 ? MAX_RETRY
          : e.ttl.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : e.ttl;
      Duration retry = backOff(e.failures, cap);
      Duration untilStaleEnds = Duration.between(now, staleUntil);
      if (!dropped && untilStaleEnds.compareTo(retry) < 0 && !untilStaleEnds.isNegative()) {
        retry = untilStaleEnds.isZero() ? MIN_REFRESH : untilStaleEnds;
      }
      e.next = scheduler.schedule("dns refresh " + e.name, () -> refresh(e), retry);
    }
    if (dropped) {
      LOG.warn("vpce DNS for {} failed for longer than the stale limit {}; its last answer is dropped: {}",
          e.name, staleLimit, failure.toString());
      onChange.accept(e.name);
    } else {
      LOG.debug("vpce DNS refresh of {} failed (attempt {}), serving the last answer: {}", e.name, e.failures,
          failure.toString());
    }
    onFailure.accept(e.name, failure);
  }
}
