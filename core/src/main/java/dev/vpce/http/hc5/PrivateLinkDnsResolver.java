package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An Apache HttpClient 5 {@link DnsResolver}: bound hosts get their vpce route, best address first; other
 * hosts go to the system resolver as before. HttpClient calls it once per new connection, not per request.
 * TLS SNI, certificate checks and the {@code Host} header stay on the hostname. Thread-safe.
 */
public final class PrivateLinkDnsResolver implements DnsResolver {
  private final PrivateLink privateLink;
  private final DnsResolver fallback;

  public PrivateLinkDnsResolver(PrivateLink privateLink) {
    this(privateLink, SystemDefaultDnsResolver.INSTANCE);
  }

  /** With another resolver for unbound hosts. */
  public PrivateLinkDnsResolver(PrivateLink privateLink, DnsResolver unboundHosts) {
    if (privateLink == null || unboundHosts == null) {
      throw new IllegalArgumentException("privateLink and unboundHosts must not be null");
    }
    this.privateLink = privateLink;
    this.fallback = unboundHosts;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    if (!privateLink.isBound(host)) {
      return fallback.resolve(host);
    }
    List<InetAddress> route = privateLink.resolve(host);
    return route.toArray(new InetAddress[0]);
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return privateLink.isBound(host) ? host : fallback.resolveCanonicalHostname(host);
  }
}
