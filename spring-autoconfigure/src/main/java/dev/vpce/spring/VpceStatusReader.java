package dev.vpce.spring;

import dev.vpce.BindingState;
import dev.vpce.BindingStatus;
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
 * The one place the starter reads vpce's state (health, the Actuator endpoint): a view of
 * {@link PrivateLink#status()}. It never does network I/O and never waits for start-up, so a binding still
 * {@link BindingState#STARTING} is reported as such while the application starts.
 */
public final class VpceStatusReader {
  private final PrivateLink privateLink;

  /** @param privateLink the {@code PrivateLink} whose {@link PrivateLink#status()} is read */
  public VpceStatusReader(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  /**
   * What the health indicator shows.
   *
   * @return the placement, and per binding its state, endpoint, route and breakers; no DNS answers
   */
  public VpceStatus read() {
    return read(false);
  }

  /**
   * What the {@code vpce} Actuator endpoint shows.
   *
   * @return as {@link #read()}, plus the DNS answers vpce holds for each binding's names and their ages
   */
  public VpceStatus readWithDns() {
    return read(true);
  }

  private VpceStatus read(boolean withDns) {
    PrivateLinkStatus s = privateLink.status();
    Placement p = s.placement();
    VpceStatus.PlacementStatus placement = p == null
        ? new VpceStatus.PlacementStatus(null, null, null, null, "pending")
        : new VpceStatus.PlacementStatus(p.zoneName(), p.zoneId(), p.region(), p.vpcId(),
            p.source().name().toLowerCase(Locale.ROOT));
    Map<String, VpceStatus.BindingStatus> bindings = new LinkedHashMap<>();
    boolean up = true;
    for (BindingStatus b : s.bindings()) {
      up &= b.state() == BindingState.ROUTED;
      bindings.put(b.host(), binding(b, withDns));
    }
    return new VpceStatus(up, placement, bindings);
  }

  private static VpceStatus.BindingStatus binding(BindingStatus b, boolean withDns) {
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
    return new VpceStatus.BindingStatus(b.host(), b.state().name(), e == null ? null : e.serviceName(),
        e == null ? null : e.id(), e == null ? null : e.state(), b.tier() == null ? null : b.tier().name(),
        route == null ? null : route.localZone(), route != null && route.failOpen(), addresses, breakers, error,
        withDns ? dns(b.dnsNames()) : List.of());
  }

  private static List<VpceStatus.DnsStatus> dns(List<DnsNameStatus> names) {
    List<VpceStatus.DnsStatus> out = new ArrayList<>();
    for (DnsNameStatus d : names) {
      out.add(new VpceStatus.DnsStatus(d.name(), d.zone() == null ? "regional" : d.zone(),
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
}
