package dev.vpce.internal;

import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link NameResolver} on dnsjava: A records, CNAMEs followed, no cache of dnsjava's own (vpce keeps one). */
public final class DnsjavaNameResolver implements NameResolver {
  private final ExtendedResolver resolver;
  private final List<InetSocketAddress> servers;

  public DnsjavaNameResolver(List<InetSocketAddress> servers, Duration timeout) {
    Checks.positive("dns.timeout", timeout);
    if (servers == null || servers.isEmpty()) {
      throw new IllegalArgumentException("dns.servers must name at least one name server, but was " + servers);
    }
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

  public static DnsjavaNameResolver system(Duration timeout) {
    return new DnsjavaNameResolver(ResolverConfig.getCurrentConfig().servers(), timeout);
  }

  @Override
  public DnsAnswer resolve(String name) throws IOException {
    Name absolute;
    try {
      absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new UnknownHostException("'" + name + "' is not a valid DNS name: " + e.getMessage());
    }
    Lookup lookup = new Lookup(absolute, Type.A);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] records = lookup.run();
    switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL -> {
        List<InetAddress> addresses = new ArrayList<>(records.length);
        long ttl = Long.MAX_VALUE;
        for (Record r : records) {
          if (r instanceof ARecord a) {
            addresses.add(InetAddress.getByAddress(name, a.getAddress().getAddress()));
            ttl = Math.min(ttl, a.getTTL());
          }
        }
        return new DnsAnswer(addresses, Duration.ofSeconds(ttl == Long.MAX_VALUE ? 0 : ttl));
      }
      case Lookup.TYPE_NOT_FOUND -> {
        return new DnsAnswer(List.of(), Duration.ZERO);
      }
      case Lookup.HOST_NOT_FOUND -> throw new UnknownHostException(name + ": NXDOMAIN from " + servers);
      default -> throw new IOException("DNS lookup of " + name + " failed against " + servers + ": "
          + lookup.getErrorString());
    }
  }

  @Override
  public String toString() {
    return "dnsjava" + servers;
  }
}
