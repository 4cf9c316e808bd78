package dev.vpce.spring;

import dev.vpce.PrivateLink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An HttpClient 5 resolver for a client whose connect outcomes vpce does not hear (Boot's connection manager):
 * bound hosts get their current route from {@link PrivateLink#route}, which never hands out a breaker trial that
 * would go unreported; other hosts go to the system resolver. Thread-safe.
 */
final class VpceRouteDnsResolver implements DnsResolver {
  private final PrivateLink privateLink;

  VpceRouteDnsResolver(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    if (!privateLink.isBound(host)) {
      return SystemDefaultDnsResolver.INSTANCE.resolve(host);
    }
    return privateLink.route(host).addresses().toArray(new InetAddress[0]);
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return privateLink.isBound(host) ? host : SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }
}
