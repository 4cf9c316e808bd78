package dev.vpce.dns;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link NameResolver} on dnsjava: A and/or AAAA records, CNAME chains followed, no cache of its own (vpce
 * keeps one). An answer's TTL is the smallest TTL along the whole chain, CNAMEs included, so a short-lived
 * alias is looked up again when it may change. Thread-safe.
 */
public final class DnsjavaNameResolver implements NameResolver {
  /** How many CNAMEs a chain may have before the lookup gives up (a loop or a misconfiguration). */
  static final int MAX_CHAIN = 8;

  private final ExtendedResolver resolver;
  private final List<InetSocketAddress> servers;

  private DnsjavaNameResolver(List<InetSocketAddress> servers, Duration timeout) {
    this.servers = List.copyOf(servers);
    List<org.xbill.DNS.Resolver> each = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      SimpleResolver r = new SimpleResolver(s);
      r.setTimeout(timeout);
      each.add(r);
    }
    this.resolver = new ExtendedResolver(each);
    this.resolver.setTimeout(timeout);
    this.resolver.setRetries(1);
    this.resolver.setLoadBalance(false);
  }

  /**
   * A resolver that asks these name servers, in order, each with this timeout.
   *
   * @param servers the name servers, at least one, none null
   * @param timeout the time each server gets per query; must be positive
   * @return the resolver
   * @throws IllegalArgumentException when the list is empty or holds null, or the timeout is not positive
   */
  public static DnsjavaNameResolver create(List<InetSocketAddress> servers, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("dns.timeout must be greater than 0, but was " + timeout);
    }
    if (servers == null || servers.isEmpty() || servers.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("dns.servers must name at least one name server and no null, but was "
          + servers);
    }
    return new DnsjavaNameResolver(servers, timeout);
  }

  /**
   * A resolver that asks the system's name servers ({@code /etc/resolv.conf} and the like).
   *
   * @param timeout the time each server gets per query; must be positive
   * @return the resolver, with the name servers the system lists when called
   */
  public static DnsjavaNameResolver system(Duration timeout) {
    return create(ResolverConfig.getCurrentConfig().servers(), timeout);
  }

  @Override
  public DnsAnswer resolve(String name) throws IOException {
    return resolve(name, IpAddressType.IPV4);
  }

  @Override
  public DnsAnswer resolve(String name, IpAddressType types) throws IOException {
    Name absolute;
    try {
      absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new UnknownHostException("'" + name + "' is not a valid DNS name: " + e.getMessage());
    }
    DnsAnswer v4 = types.ipv4() ? lookup(name, absolute, Type.A) : null;
    DnsAnswer v6 = types.ipv6() ? lookup(name, absolute, Type.AAAA) : null;
    return DnsAnswer.ofFamilies(v4, v6);
  }

  /** One record type, following CNAMEs in the answer and, when a chain leaves it, with a new query. */
  private DnsAnswer lookup(String name, Name start, int type) throws IOException {
    Name current = start;
    long ttl = Long.MAX_VALUE;
    int hops = 0;
    Message reply = query(name, current, type);
    while (true) {
      List<InetAddress> addresses = new ArrayList<>();
      Name alias = null;
      for (Record r : reply.getSection(Section.ANSWER)) {
        if (!r.getName().equals(current)) {
          continue;
        }
        if (r.getType() == type) {
          addresses.add(address(name, r));
          ttl = Math.min(ttl, DnsAnswer.wireTtl(r.getTTL()));
        } else if (r instanceof CNAMERecord c && alias == null) {
          alias = c.getTarget();
          ttl = Math.min(ttl, DnsAnswer.wireTtl(c.getTTL()));
        }
      }
      if (!addresses.isEmpty()) {
        return new DnsAnswer(addresses, Duration.ofSeconds(ttl));
      }
      if (alias == null) {
        if (reply.getRcode() == Rcode.NXDOMAIN) {
          throw new UnknownHostException(name + ": NXDOMAIN" + (hops == 0 ? "" : " for its alias " + current)
              + " from " + servers);
        }
        // NODATA: the name exists without records of this type; the zone's SOA says how long that holds
        return DnsAnswer.noData(ttl, negativeTtl(reply));
      }
      if (++hops > MAX_CHAIN) {
        throw new IOException("DNS lookup of " + name + " followed more than " + MAX_CHAIN + " CNAMEs (a loop?)");
      }
      current = alias;
      if (!answers(reply, current)) {
        reply = query(name, current, type);
      }
    }
  }

  /**
   * The negative TTL of RFC 2308: the smaller of the authority section's SOA TTL and its MINIMUM field, a value
   * with the top bit set counting as 0 (RFC 2181); -1 when there is no SOA (then the empty answer is not cached).
   */
  private static long negativeTtl(Message reply) {
    long negative = -1;
    for (Record r : reply.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa && soa.getDClass() == DClass.IN) {
        long ttl = DnsAnswer.soaNegativeTtl(soa.getTTL(), soa.getMinimum());
        negative = negative < 0 ? ttl : Math.min(negative, ttl);
      }
    }
    return negative;
  }

  private static boolean answers(Message reply, Name owner) {
    return reply.getSection(Section.ANSWER).stream().anyMatch(r -> r.getName().equals(owner));
  }

  private Message query(String name, Name asked, int type) throws IOException {
    Message reply;
    try {
      reply = resolver.send(Message.newQuery(Record.newRecord(asked, type, DClass.IN)));
    } catch (IOException e) {
      throw new IOException("DNS lookup of " + name + " (" + Type.string(type) + ") failed against " + servers
          + ": " + e.getMessage(), e);
    }
    int rcode = reply.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      throw new IOException("DNS lookup of " + name + " (" + Type.string(type) + ") failed against " + servers
          + ": " + Rcode.string(rcode));
    }
    return reply;
  }

  private static InetAddress address(String name, Record r) throws UnknownHostException {
    InetAddress a = r instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) r).getAddress();
    return InetAddress.getByAddress(name, a.getAddress());
  }

  @Override
  public String toString() {
    return "dnsjava" + servers;
  }
}
