package dev.vpce.dns;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Resolves the endpoint's DNS names with their TTLs. vpce calls it on its own refresh threads (and for the
 * first resolution of a binding), never on the request path. Implementations must be safe for concurrent
 * use.
 */
public interface NameResolver {
  /**
   * Resolves the IPv4 addresses (A records) of a name. A name that exists without A records (NODATA) gives
   * an empty answer whose TTL is the negative TTL of RFC 2308 (the smaller of the zone's SOA TTL and its
   * MINIMUM field), or zero when the reply carries no SOA; vpce asks again within that, at most 30 s apart.
   *
   * @param name the DNS name to resolve; vpce passes fully qualified endpoint names
   * @return the addresses in server order and the answer's TTL
   * @throws UnknownHostException when the name does not exist (NXDOMAIN)
   * @throws IOException          when no server answered usefully (timeout, SERVFAIL)
   */
  DnsAnswer resolve(String name) throws IOException;

  /**
   * Resolves the addresses of the families an endpoint's names carry: A records for
   * {@link IpAddressType#IPV4}, AAAA for {@link IpAddressType#IPV6}, both (IPv4 first) for
   * {@link IpAddressType#DUALSTACK}. The answer's TTL is the smallest TTL along the answer, CNAMEs included.
   *
   * <p>The default suits resolvers that know only A records: it asks {@link #resolve(String)} and keeps the
   * addresses of the families asked for, so an IPv6-only name gets an empty answer. Resolvers that can ask
   * for AAAA records override it, as vpce's own resolvers do.
   *
   * @param name the DNS name
   * @param types the record types to ask for
   * @return the addresses of those families, in server order, and the answer's TTL
   * @throws IOException as {@link #resolve(String)}: {@link UnknownHostException} for NXDOMAIN, else when no server
   *     answered usefully
   */
  default DnsAnswer resolve(String name, IpAddressType types) throws IOException {
    DnsAnswer answer = resolve(name);
    if (types == IpAddressType.DUALSTACK) {
      return answer;
    }
    Class<? extends InetAddress> family = types == IpAddressType.IPV4 ? Inet4Address.class : Inet6Address.class;
    return new DnsAnswer(answer.addresses().stream().filter(family::isInstance).toList(), answer.ttl());
  }

  /**
   * A resolver made on its first lookup by {@code factory}. Making vpce's default resolver reads the system's
   * DNS set-up; a {@code PrivateLink} makes its lookups on its own threads, so a lazy resolver keeps that work
   * off the thread that builds it (an application's start-up thread). A factory that throws fails that lookup
   * with an {@link IOException} (retried like any failed lookup) and is asked again on the next one; once it has
   * made a resolver it is not asked again.
   *
   * @param description what the resolver is, for {@code toString()} until it is made, for example
   *                    {@code "system resolver"}
   * @param factory     makes the resolver; must not return null
   * @return the lazy resolver
   * @throws NullPointerException when description or factory is null
   */
  static NameResolver lazy(String description, Supplier<? extends NameResolver> factory) {
    return new LazyNameResolver(description, factory);
  }

  /**
   * vpce's own stub resolver against the system's name servers ({@code /etc/resolv.conf} and the like, read
   * through dnsjava's {@code ResolverConfig}), 2 s per server. It asks for A and AAAA records over UDP, and over
   * TCP when an answer is truncated, follows CNAMEs and keeps the smallest TTL; it loads a few classes where
   * dnsjava's message layer loads a few hundred, so a {@code PrivateLink}'s first lookups compete less with the
   * application's start-up.
   *
   * @return the system resolver; reads the name servers once, when called
   */
  static NameResolver system() {
    return StubResolver.create(org.xbill.DNS.ResolverConfig.getCurrentConfig().servers(), Duration.ofSeconds(2));
  }

  /**
   * vpce's own stub resolver (as {@link #system()}) against these name servers, asked in order, each with this
   * timeout; a server that times out or fails (SERVFAIL, REFUSED) passes the question to the next, and NXDOMAIN
   * from any server is the answer.
   *
   * @param servers the name servers as IP addresses and ports, at least one
   * @param timeout the time each server gets per query; must be positive
   * @return the resolver
   * @throws IllegalArgumentException when servers is empty, holds null or a hostname, or timeout is not positive
   */
  static NameResolver servers(List<InetSocketAddress> servers, Duration timeout) {
    return StubResolver.create(servers, timeout);
  }

  /**
   * dnsjava against these name servers, tried in order, each with this timeout. vpce uses its own resolver
   * ({@link #servers}) by default; this one is for applications that want dnsjava's.
   *
   * @param servers the name servers, at least one
   * @param timeout the time each server gets per query; must be positive
   * @return the resolver
   * @throws IllegalArgumentException when servers is empty or timeout is not positive
   */
  static NameResolver dnsjava(List<InetSocketAddress> servers, Duration timeout) {
    return DnsjavaNameResolver.create(servers, timeout);
  }
}
