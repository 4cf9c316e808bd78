package dev.vpce.dns;

import dev.vpce.internal.DnsjavaNameResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Resolves the endpoint's DNS names with their TTLs. vpce calls it on its own refresh threads (and for the
 * first resolution of a binding), never on the request path. Implementations must be safe for concurrent
 * use.
 */
public interface NameResolver {
  /**
   * Resolves the IPv4 addresses of a name.
   *
   * @throws UnknownHostException when the name does not exist (NXDOMAIN)
   * @throws IOException          when no server answered usefully (timeout, SERVFAIL)
   */
  DnsAnswer resolve(String name) throws IOException;

  /** dnsjava against the system's name servers ({@code /etc/resolv.conf} and the like). */
  static NameResolver system() {
    return DnsjavaNameResolver.system(Duration.ofSeconds(2));
  }

  /** dnsjava against these name servers, tried in order, each with this timeout. */
  static NameResolver dnsjava(List<InetSocketAddress> servers, Duration timeout) {
    return new DnsjavaNameResolver(servers, timeout);
  }
}
