package dev.vpce.internal;

import dev.vpce.EndpointUnavailableException;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a binding's route from its bound endpoint, the DNS cache and the breakers: the local zone's
 * addresses first (its zonal name's answer, and the regional name's answers known to sit in that zone, as
 * the endpoint's interfaces say), then the regional name's, addresses whose breaker is not closed last; every address
 * when all are unhealthy (fail open). Logs and reports tier changes. Stateless; thread-safe.
 */
final class RouteComputer {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final DnsCache dns;
  private final TargetHealth health;
  private final Events events;

  RouteComputer(DnsCache dns, TargetHealth health, Events events) {
    this.dns = dns;
    this.health = health;
    this.events = events;
  }

  /** The binding routes nowhere now: its addresses stop counting as routed for it. */
  void ended(String host) {
    health.routed(host, List.of());
  }

  RouteTable compute(String host, BoundEndpoint b, RouteTable previous) {
    List<InetAddress> local = new ArrayList<>();
    if (b.localName() != null) {
      local.addAll(dns.addresses(b.localName()));
    }
    List<InetAddress> regional = dns.addresses(b.endpoint().regionalDnsName());
    if (b.localKey() != null) {
      // the regional name's answers known to sit in this zone (the endpoint's interfaces say so, or the local
      // name answered with them) are the local zone's too, whether or not the local zone's own name answers now
      for (InetAddress a : regional) {
        if (b.localKey().equals(b.zoneOf().get(a)) && !local.contains(a)) {
          local.add(a);
        }
      }
    }
    Set<InetAddress> ordered = new LinkedHashSet<>(local);
    ordered.addAll(regional);
    if (ordered.isEmpty()) {
      // not an endpoint failure: the next DNS answer recomputes the route
      return RouteTable.failed(new EndpointUnavailableException(host, b.endpoint().serviceName(), "vpce ["
          + host + "] no address: the endpoint's DNS names (" + b.names() + ") have no current answer", null));
    }
    health.routed(host, ordered);
    RouteTable table = RouteOrder.table(host, ordered, local, b.zoneOf(), b.localZone(), health);
    Route route = table.route;
    List<InetAddress> addresses = route.addresses();
    InetAddress first = addresses.get(0);
    RouteTier tier = route.tier();
    boolean failOpen = route.failOpen();
    Route before = previous == null ? null : previous.route;
    if (before != null && before.tier() != tier) {
      if (failOpen) {
        LOG.warn("vpce [{}] every address has an open breaker; failing open, {} first", host, first.getHostAddress());
      } else if (tier == RouteTier.LOCAL_ZONE) {
        LOG.info("vpce [{}] zone {} healthy again, routing to it", host, b.localZone());
      } else if (before.tier() == RouteTier.LOCAL_ZONE) {
        LOG.warn("vpce [{}] zone {} unhealthy, routing {} via {}", host, b.localZone(),
            tier == RouteTier.OTHER_ZONE ? "to another zone" : "regional", first.getHostAddress());
      } else {
        LOG.info("vpce [{}] routing {} via {}", host, tier == RouteTier.OTHER_ZONE ? "to another zone" : "regional",
            first.getHostAddress());
      }
      events.emit(l -> l.routeTierChanged(host, before.tier(), route));
    }
    if (failOpen && (before == null || !before.failOpen())) {
      LOG.warn("vpce [{}] every address has an open breaker; failing open with all of {}", host, addresses);
      events.emit(l -> l.failOpen(route));
    }
    return table;
  }
}
