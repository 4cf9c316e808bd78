package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import dev.vpce.internal.RouteAttempts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An Apache HttpClient 5 {@link DnsResolver}: bound hosts get their vpce route, best address first; other
 * hosts go to the system resolver as before. HttpClient calls it once per new connection, not per request.
 * TLS SNI, certificate checks and the {@code Host} header stay on the hostname. Thread-safe.
 *
 * <p>A resolver built with the public constructors serves a client that reports no connect outcomes (the
 * async client, or a connection manager built elsewhere), so it takes {@link PrivateLink#route}, which never
 * hands out a breaker's trial. {@link PrivateLinkHttpClient5#connectionManager()} uses the reporting kind.
 */
public final class PrivateLinkDnsResolver implements DnsResolver {
  private final PrivateLink privateLink;
  private final DnsResolver fallback;
  private final boolean reporting;

  /**
   * Unbound hosts resolve through the system resolver.
   *
   * @param privateLink the instance whose routes bound hosts get
   */
  public PrivateLinkDnsResolver(PrivateLink privateLink) {
    this(privateLink, SystemDefaultDnsResolver.INSTANCE);
  }

  /**
   * With another resolver for unbound hosts.
   *
   * @param privateLink the instance whose routes bound hosts get
   * @param unboundHosts the resolver for every other host
   */
  public PrivateLinkDnsResolver(PrivateLink privateLink, DnsResolver unboundHosts) {
    this(privateLink, unboundHosts, false);
  }

  private PrivateLinkDnsResolver(PrivateLink privateLink, DnsResolver unboundHosts, boolean reporting) {
    if (privateLink == null || unboundHosts == null) {
      throw new IllegalArgumentException("privateLink and unboundHosts must not be null");
    }
    this.privateLink = privateLink;
    this.fallback = unboundHosts;
    this.reporting = reporting;
  }

  /** For the classic operator, which connects on the resolving thread and reports every outcome. */
  static PrivateLinkDnsResolver reporting(PrivateLink privateLink) {
    return new PrivateLinkDnsResolver(privateLink, SystemDefaultDnsResolver.INSTANCE, true);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    if (!privateLink.isBound(host)) {
      if (reporting) {
        RouteAttempts.started(0);
      }
      return fallback.resolve(host);
    }
    if (!reporting) {
      return privateLink.route(host).addresses().toArray(new InetAddress[0]);
    }
    List<InetAddress> route = privateLink.resolve(host);
    RouteAttempts.started(route.size());
    return route.toArray(new InetAddress[0]);
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return privateLink.isBound(host) ? host : fallback.resolveCanonicalHostname(host);
  }
}
