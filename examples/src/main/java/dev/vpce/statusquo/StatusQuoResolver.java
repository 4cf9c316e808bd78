package dev.vpce.statusquo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * How a JVM resolves an endpoint's DNS name today, without vpce, against the kit's DNS server: the answer comes
 * back in random order (as Route 53 returns it) and is cached for its TTL ({@code networkaddress.cache.ttl} set
 * to the record's TTL, as AWS advises), a failed lookup is cached for 10 s from when it failed (the JVM's default
 * {@code networkaddress.cache.negative.ttl}) and a lookup the server does not answer fails after the lookup
 * timeout. Java 17 cannot point its own resolver at a DNS server on a loopback port, so this asks the kit's
 * server directly; nothing leaves loopback. An alias stands for a CNAME in a private hosted zone (the logical
 * hostname pointing at the regional or one zonal name) that the kit's DNS does not serve, so TLS stays verified
 * on the logical hostname. Safe for concurrent use.
 */
public final class StatusQuoResolver {
  /** The JVM's default {@code networkaddress.cache.negative.ttl}. */
  public static final Duration NEGATIVE_TTL = Duration.ofSeconds(10);

  private record Answer(List<InetAddress> addresses, UnknownHostException failure, long expiresNanos) {}

  private final SimpleResolver dns;
  private final Map<String, String> aliases;
  private final Random order = new Random(42);
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  /**
   * A resolver with an empty cache.
   *
   * @param server the DNS server to ask (the kit's, on loopback)
   * @param timeout how long a lookup waits for an answer before it fails
   * @param aliases logical hostname to the DNS name looked up in its place; empty where the DNS server serves the
   *     logical hostnames itself
   */
  public StatusQuoResolver(InetSocketAddress server, Duration timeout, Map<String, String> aliases) {
    this.dns = new SimpleResolver(server);
    this.dns.setTimeout(timeout);
    this.aliases = Map.copyOf(aliases);
  }

  /**
   * Every address of a host, in the order the lookup or the cache gives them.
   *
   * @param host the hostname, or an alias given at construction
   * @return the addresses, at least one
   * @throws UnknownHostException if the lookup failed, got no answer in time or no address, now or, cached,
   *     within {@link #NEGATIVE_TTL} before
   */
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    String name = aliases.getOrDefault(host, host);
    Answer cached = cache.get(name);
    if (cached == null || System.nanoTime() - cached.expiresNanos() >= 0) {
      cached = lookUp(name);
      cache.put(name, cached);
    }
    if (cached.failure() != null) {
      UnknownHostException e = new UnknownHostException(cached.failure().getMessage());
      e.initCause(cached.failure());
      throw e;
    }
    return cached.addresses();
  }

  private Answer lookUp(String name) {
    Message reply;
    try {
      reply = dns.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    } catch (IOException e) {
      // cached from when the failure is known, as the JVM does (not from when the lookup began)
      return failed(name + ": DNS lookup failed: " + e.getMessage(), System.nanoTime());
    }
    long now = System.nanoTime();
    if (reply.getRcode() != Rcode.NOERROR) {
      return failed(name + ": DNS answered " + Rcode.string(reply.getRcode()), now);
    }
    List<InetAddress> addresses = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record r : reply.getSection(Section.ANSWER)) {
      ttl = Math.min(ttl, r.getTTL());
      if (r instanceof ARecord a) {
        addresses.add(a.getAddress());
      }
    }
    if (addresses.isEmpty()) {
      return failed(name + ": no address in the DNS answer", now);
    }
    synchronized (order) {
      Collections.shuffle(addresses, order);
    }
    return new Answer(List.copyOf(addresses), null, now + Duration.ofSeconds(ttl).toNanos());
  }

  private static Answer failed(String message, long now) {
    return new Answer(List.of(), new UnknownHostException(message), now + NEGATIVE_TTL.toNanos());
  }
}
