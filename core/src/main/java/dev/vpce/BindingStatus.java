package dev.vpce;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One binding at the moment {@link PrivateLink#status()} was taken. Immutable.
 *
 * @param host              the binding's hostname, as configured
 * @param state             where the binding is in its lifecycle
 * @param endpoint          the endpoint it uses or last saw, or null before discovery found one
 * @param lastGoodDiscovery when a discovery answer last listed its endpoint, or null (never, or a static
 *                          binding)
 * @param lastError         its most recent failure in one line (a failed refresh, or why callers are failed),
 *                          or null when nothing failed since start
 * @param lastErrorAt       when that failure happened, or null with {@code lastError}
 * @param refreshFailures   failed background refreshes since start, by kind (every kind present)
 * @param dnsNames          the DNS names its route is computed from: the local zone's name first, if any, then
 *                          the regional name; empty before an endpoint is bound
 * @param route             the route handed to callers that do not report outcomes (its first rotation when
 *                          fallback spreads), or null while it has no route
 * @param targets           the breakers of the route's socket addresses, in route order; addresses no client
 *                          reported on yet have none
 */
public record BindingStatus(String host, BindingState state, EndpointStatus endpoint, Instant lastGoodDiscovery,
    String lastError, Instant lastErrorAt, Map<RefreshKind, Long> refreshFailures, List<DnsNameStatus> dnsNames,
    Route route, List<TargetStatus> targets) {
  /**
   * Copies the lists and the map, with every {@link RefreshKind} present (0 when absent).
   *
   * @param host the binding's hostname
   * @param state its lifecycle state
   * @param endpoint its endpoint, or null before discovery found one
   * @param lastGoodDiscovery when discovery last listed its endpoint, or null
   * @param lastError its most recent failure in one line, or null
   * @param lastErrorAt when that failure happened, or null
   * @param refreshFailures failed refreshes by kind; kinds left out count 0
   * @param dnsNames the DNS names its route is computed from
   * @param route its route, or null while it has none
   * @param targets the breakers of the route's socket addresses
   */
  public BindingStatus {
    Map<RefreshKind, Long> counts = new EnumMap<>(RefreshKind.class);
    for (RefreshKind k : RefreshKind.values()) {
      counts.put(k, refreshFailures.getOrDefault(k, 0L));
    }
    refreshFailures = Map.copyOf(counts);
    dnsNames = List.copyOf(dnsNames);
    targets = List.copyOf(targets);
  }

  /**
   * The tier of the route's first address, or null while the binding has no route.
   *
   * @return {@link RouteTier#LOCAL_ZONE}, {@link RouteTier#OTHER_ZONE} or {@link RouteTier#REGIONAL}, or null
   */
  public RouteTier tier() {
    return route == null ? null : route.tier();
  }

  /**
   * Whether some DNS name of the binding is served past its TTL because refreshes fail.
   *
   * @return true when at least one of {@link #dnsNames()} is stale
   */
  public boolean hasStaleDns() {
    return dnsNames.stream().anyMatch(DnsNameStatus::stale);
  }
}
