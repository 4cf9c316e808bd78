package dev.vpce.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * How applications resolve an endpoint today, without vpce: the logical hostname (a CNAME to the endpoint's
 * regional name in a private hosted zone) is looked up in DNS, the answer comes back in random order (as
 * Route 53 returns it), is cached for its TTL, and a failed lookup fails the request. It asks the kit's DNS
 * server directly so that nothing leaves loopback; otherwise it behaves as the JVM resolver with
 * {@code networkaddress.cache.ttl} at the record's TTL.
 */
final class StatusQuoResolver {
  private record Answer(List<InetAddress> addresses, Instant expires) {}

  private final SimpleResolver dns;
  private final Clock clock;
  private final Random order = new Random(42);
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  StatusQuoResolver(InetSocketAddress server, Duration timeout, Clock clock) {
    this.dns = new SimpleResolver(server);
    this.dns.setTimeout(timeout);
    this.clock = clock;
  }

  /** Every address, in the order the lookup (or the cache) gives them. */
  List<InetAddress> resolve(String host) throws UnknownHostException {
    Answer cached = cache.get(host);
    if (cached != null && clock.instant().isBefore(cached.expires())) {
      return cached.addresses();
    }
    Answer fresh = lookUp(host);
    cache.put(host, fresh);
    return fresh.addresses();
  }

  private Answer lookUp(String host) throws UnknownHostException {
    Message reply;
    try {
      reply = dns.send(Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A, DClass.IN)));
    } catch (IOException e) {
      UnknownHostException u = new UnknownHostException(host + ": DNS lookup failed: " + e.getMessage());
      u.initCause(e);
      throw u;
    }
    if (reply.getRcode() != Rcode.NOERROR) {
      throw new UnknownHostException(host + ": DNS answered " + Rcode.string(reply.getRcode()));
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
      throw new UnknownHostException(host + ": no address in the DNS answer");
    }
    synchronized (order) {
      Collections.shuffle(addresses, order);
    }
    return new Answer(List.copyOf(addresses), clock.instant().plusSeconds(ttl));
  }
}
