package dev.vpce.spring;

import dev.vpce.BindingState;
import dev.vpce.DnsNameStatus;
import dev.vpce.EndpointStatus;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkStatus;
import dev.vpce.Route;
import dev.vpce.TargetStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What vpce knows at one moment, for the health indicator and the {@code vpce} Actuator endpoint (which
 * renders it as JSON). Immutable.
 *
 * @param up        whether every binding is {@code ROUTED}
 * @param placement where this process runs
 * @param bindings  each binding, by host
 */
public record VpceStatus(boolean up, PlacementStatus placement, Map<String, BindingStatus> bindings) {
  /**
   * Copies the bindings into an unmodifiable map that keeps their order.
   *
   * @param up        whether every binding is {@code ROUTED}
   * @param placement where this process runs
   * @param bindings  each binding, by host
   */
  public VpceStatus {
    bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
  }

  /** The status for health ({@code withDns} false) or the endpoint (true), from {@link PrivateLink#status()}. */
  static VpceStatus of(PrivateLinkStatus s, boolean withDns) {
    Placement p = s.placement();
    PlacementStatus placement = p == null
        ? new PlacementStatus(null, null, null, null, "pending")
        : new PlacementStatus(p.zoneName(), p.zoneId(), p.region(), p.vpcId(),
            p.source().name().toLowerCase(Locale.ROOT));
    Map<String, BindingStatus> bindings = new LinkedHashMap<>();
    boolean up = true;
    for (dev.vpce.BindingStatus b : s.bindings()) {
      up &= b.state() == BindingState.ROUTED;
      bindings.put(b.host(), binding(b, withDns));
    }
    return new VpceStatus(up, placement, bindings);
  }

  private static BindingStatus binding(dev.vpce.BindingStatus b, boolean withDns) {
    EndpointStatus e = b.endpoint();
    Route route = b.route();
    List<String> addresses = route == null ? List.of()
        : route.addresses().stream().map(InetAddress::getHostAddress).toList();
    Map<String, String> breakers = new LinkedHashMap<>();
    for (TargetStatus t : b.targets()) {
      String host = t.address().getAddress() == null ? t.address().getHostString()
          : t.address().getAddress().getHostAddress();
      breakers.put(host + ":" + t.address().getPort(), t.breaker().name());
    }
    String error = b.state() == BindingState.ROUTED ? null : b.lastError();
    return new BindingStatus(b.host(), b.state().name(), e == null ? null : e.serviceName(),
        e == null ? null : e.id(), e == null ? null : e.state(), b.tier() == null ? null : b.tier().name(),
        route == null ? null : route.localZone(), route != null && route.failOpen(), addresses, breakers, error,
        withDns ? dns(b.dnsNames()) : List.of());
  }

  private static List<DnsStatus> dns(List<DnsNameStatus> names) {
    List<DnsStatus> out = new ArrayList<>();
    for (DnsNameStatus d : names) {
      out.add(new DnsStatus(d.name(), d.zone() == null ? "regional" : d.zone(),
          d.addresses().stream().map(InetAddress::getHostAddress).toList(), seconds(d.ttl()), millis(d.age()),
          d.stale()));
    }
    return out;
  }

  private static long seconds(Duration d) {
    return d == null ? -1 : d.toSeconds();
  }

  private static long millis(Duration d) {
    return d == null ? -1 : d.toMillis();
  }

  /**
   * Where this process runs, as vpce's placement chain (or the explicit placement) said.
   *
   * @param zoneName the AZ name, or null
   * @param zoneId   the AZ ID, or null
   * @param region   the region, or null
   * @param vpcId    the VPC, or null
   * @param source   which source answered ({@code explicit}, {@code environment}, {@code ecs}, {@code imds},
   *                 {@code unknown}), or {@code pending} before the placement chain answered
   */
  public record PlacementStatus(String zoneName, String zoneId, String region, String vpcId, String source) {}

  /**
   * One binding as vpce holds it now.
   *
   * @param host        the binding's host
   * @param binding     where the binding is in its lifecycle: {@code STARTING}, {@code ROUTED}, {@code FAILED}
   *                    or {@code CLOSED}
   * @param serviceName the service name, or null for a static binding
   * @param endpointId  the endpoint ID, or null (static binding, or not discovered yet)
   * @param state       the endpoint's state as on the wire ({@code available}, ...), or null when not known
   * @param tier        where the route's first address sits ({@code LOCAL_ZONE}, {@code OTHER_ZONE},
   *                    {@code REGIONAL}), or null without a route
   * @param localZone   the zone the route prefers, or null
   * @param failOpen    whether every address's breaker is open and all are used anyway
   * @param addresses   the route, best first (empty without a route)
   * @param breakers    the breaker state of each address of the route that has one
   * @param error       while the binding is not {@code ROUTED}, its last error (the endpoint state's message, a
   *                    failed discovery), or null when nothing failed yet (still starting)
   * @param dns         the DNS answers vpce holds for the binding's names (only in the endpoint's view; empty
   *                    in health)
   */
  public record BindingStatus(String host, String binding, String serviceName, String endpointId, String state, String tier,
      String localZone, boolean failOpen, List<String> addresses, Map<String, String> breakers, String error,
      List<DnsStatus> dns) {
    /**
     * Copies the lists and the map, which are then unmodifiable.
     *
     * @param host        the binding's host
     * @param binding     its lifecycle state: {@code STARTING}, {@code ROUTED}, {@code FAILED} or {@code CLOSED}
     * @param serviceName the service name, or null for a static binding
     * @param endpointId  the endpoint ID, or null
     * @param state       the endpoint's state as on the wire, or null when not known
     * @param tier        the tier of the route's first address, or null without a route
     * @param localZone   the zone the route prefers, or null
     * @param failOpen    whether every address's breaker is open and all are used anyway
     * @param addresses   the route, best first
     * @param breakers    the breaker state by socket address ({@code address:port})
     * @param error       the last error while not {@code ROUTED}, or null
     * @param dns         the DNS answers vpce holds for the binding's names
     */
    public BindingStatus {
      addresses = List.copyOf(addresses);
      breakers = Map.copyOf(breakers);
      dns = List.copyOf(dns);
    }
  }

  /**
   * The answer vpce's own DNS cache holds for one name of a binding (no lookup is made to show it).
   *
   * @param name       the DNS name
   * @param kind       {@code regional} or the zone the zonal name belongs to
   * @param addresses  the answer's addresses (empty before a first answer)
   * @param ttlSeconds the answer's TTL in seconds, or -1 before a first answer
   * @param ageMillis  how long ago the answer was received, in milliseconds, or -1 before a first answer
   * @param stale      whether the answer is past its TTL and still served because refreshes fail
   */
  public record DnsStatus(String name, String kind, List<String> addresses, long ttlSeconds, long ageMillis,
      boolean stale) {
    /**
     * Copies the addresses, which are then unmodifiable.
     *
     * @param name       the DNS name
     * @param kind       {@code regional} or the zone of a zonal name
     * @param addresses  the answer's addresses
     * @param ttlSeconds the answer's TTL in seconds, or -1 before a first answer
     * @param ageMillis  the answer's age in milliseconds, or -1 before a first answer
     * @param stale      whether the answer is past its TTL and served because refreshes fail
     */
    public DnsStatus {
      addresses = List.copyOf(addresses);
    }
  }
}
