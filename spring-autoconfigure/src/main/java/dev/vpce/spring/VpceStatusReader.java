package dev.vpce.spring;

import dev.vpce.BreakerState;
import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.Route;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one place the starter reads vpce's state (health, the Actuator endpoint). Today it combines
 * {@link PrivateLink#placement()}, {@link PrivateLink#endpoint}, {@link PrivateLink#route} and
 * {@link PrivateLink#breakerStates()}; it becomes a thin view of {@code PrivateLink.status()} once that exists.
 * {@link PrivateLink#route} waits for a binding's first resolution (at most the start-up timeout) and is a
 * single read afterwards.
 */
public final class VpceStatusReader {
  private final PrivateLink privateLink;
  private final NameResolver nameResolver;

  public VpceStatusReader(PrivateLink privateLink, NameResolver nameResolver) {
    this.privateLink = privateLink;
    this.nameResolver = nameResolver;
  }

  /** Placement, endpoints, routes and breakers; no network I/O once every binding has resolved once. */
  public VpceStatus read() {
    return read(false);
  }

  /** As {@link #read()}, plus a live DNS lookup of every endpoint name (for the Actuator endpoint). */
  public VpceStatus readWithDns() {
    return read(true);
  }

  private VpceStatus read(boolean withDns) {
    Placement p = privateLink.placement();
    VpceStatus.PlacementStatus placement = p == null
        ? new VpceStatus.PlacementStatus(null, null, null, null, "pending")
        : new VpceStatus.PlacementStatus(p.zoneName(), p.zoneId(), p.region(), p.vpcId(), p.source().name().toLowerCase(java.util.Locale.ROOT));
    Map<InetSocketAddress, BreakerState> breakerStates = privateLink.breakerStates();
    Map<String, VpceStatus.BindingStatus> bindings = new LinkedHashMap<>();
    boolean up = true;
    for (String host : new TreeSet<>(privateLink.hosts())) {
      VpceStatus.BindingStatus b = binding(host, breakerStates, withDns);
      up &= b.error() == null;
      bindings.put(host, b);
    }
    return new VpceStatus(up, placement, bindings);
  }

  private VpceStatus.BindingStatus binding(String host, Map<InetSocketAddress, BreakerState> breakerStates, boolean withDns) {
    Route route = null;
    String error = null;
    try {
      route = privateLink.route(host);
    } catch (UnknownHostException e) {
      error = e.getMessage();
    }
    Endpoint e = privateLink.endpoint(host);
    List<String> addresses = new ArrayList<>();
    Map<String, String> breakers = new LinkedHashMap<>();
    if (route != null) {
      for (InetAddress a : route.addresses()) {
        addresses.add(a.getHostAddress());
        breakerStates.forEach((target, state) -> {
          if (target.getAddress().equals(a)) {
            breakers.put(a.getHostAddress() + ":" + target.getPort(), state.name());
          }
        });
      }
    }
    return new VpceStatus.BindingStatus(host, e == null ? null : e.serviceName(), e == null ? null : e.id(),
        e == null ? null : e.state(), route == null ? null : route.tier().name(),
        route == null ? null : route.localZone(), route != null && route.failOpen(), addresses, breakers, error,
        withDns && e != null ? dns(e) : List.of());
  }

  private List<VpceStatus.DnsStatus> dns(Endpoint e) {
    List<VpceStatus.DnsStatus> out = new ArrayList<>();
    if (nameResolver == null) {
      return out;
    }
    if (e.regionalDnsName() != null) {
      out.add(lookup(e.regionalDnsName(), "regional"));
    }
    new java.util.TreeMap<>(e.zonalDnsNames()).forEach((zone, name) -> out.add(lookup(name, zone)));
    return out;
  }

  private VpceStatus.DnsStatus lookup(String name, String kind) {
    try {
      DnsAnswer answer = nameResolver.resolve(name);
      List<String> addresses = answer.addresses().stream().map(InetAddress::getHostAddress).toList();
      return new VpceStatus.DnsStatus(name, kind, addresses, answer.ttl().toSeconds(), null);
    } catch (IOException ex) {
      return new VpceStatus.DnsStatus(name, kind, List.of(), -1, ex.toString());
    }
  }
}
