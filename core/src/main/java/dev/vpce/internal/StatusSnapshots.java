package dev.vpce.internal;

import dev.vpce.BindingStatus;
import dev.vpce.DnsNameStatus;
import dev.vpce.Endpoint;
import dev.vpce.EndpointStatus;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkStatus;
import dev.vpce.RefreshKind;
import dev.vpce.Route;
import dev.vpce.TargetStatus;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@code PrivateLink.status()} on demand from what the parts already keep: each binding's
 * lifecycle and history, the DNS cache's answers and the breakers. Reads volatile fields and takes only
 * locks that are never held across network calls, so a health check may call it at any time, start-up
 * included; the request path does no work for it.
 */
final class StatusSnapshots {
  /** The Region in an endpoint's regional DNS name: {@code vpce-….vpce-svc-….us-east-1.vpce.amazonaws.com}. */
  private static final Pattern REGION_IN_NAME =
      Pattern.compile("\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.vpce\\.amazonaws\\.com");

  private final Clock clock;
  private final String configuredRegion;
  private final DnsCache dns;
  private final TargetHealth health;

  StatusSnapshots(Clock clock, String configuredRegion, DnsCache dns, TargetHealth health) {
    this.clock = clock;
    this.configuredRegion = configuredRegion;
    this.dns = dns;
    this.health = health;
  }

  PrivateLinkStatus take(Placement placement, List<BindingLifecycle> lifecycles) {
    Instant now = clock.instant();
    List<BindingStatus> out = new ArrayList<>(lifecycles.size());
    for (BindingLifecycle l : lifecycles) {
      out.add(binding(l, placement, now));
    }
    return new PrivateLinkStatus(now, placement, out);
  }

  private BindingStatus binding(BindingLifecycle l, Placement placement, Instant now) {
    BindingHistory h = l.history;
    BoundEndpoint bound = l.bound();
    Route route = l.route();
    Endpoint ep = l.endpoint();
    EndpointStatus endpoint = ep == null ? null : new EndpointStatus(ep.id(), ep.serviceName(), ep.state(),
        ep.vpcId(), region(ep, placement), h.chosenBecause());
    Map<RefreshKind, Long> failures = new EnumMap<>(RefreshKind.class);
    for (RefreshKind k : RefreshKind.values()) {
      failures.put(k, h.failures(k));
    }
    BindingHistory.Failure last = h.lastError();
    return new BindingStatus(l.host, l.state(), endpoint, h.lastGoodDiscovery(),
        last == null ? null : last.line(), last == null ? null : last.at(), failures, names(bound, now), route,
        targets(bound, route));
  }

  /** The local zone's name first, then the regional name. */
  private List<DnsNameStatus> names(BoundEndpoint bound, Instant now) {
    if (bound == null) {
      return List.of();
    }
    List<DnsNameStatus> out = new ArrayList<>(2);
    if (bound.localName() != null) {
      out.add(name(bound.localName(), bound.localZone(), now));
    }
    String regional = bound.endpoint().regionalDnsName();
    if (regional != null && !regional.equals(bound.localName())) {
      out.add(name(regional, null, now));
    }
    return out;
  }

  private DnsNameStatus name(String name, String zone, Instant now) {
    DnsCache.View v = dns.view(name);
    if (v == null || v.receivedAt() == null) {
      return new DnsNameStatus(name, zone, v == null ? List.of() : v.addresses(), null, null, false);
    }
    boolean stale = !v.addresses().isEmpty() && now.isAfter(v.expiresAt());
    return new DnsNameStatus(name, zone, v.addresses(), Duration.between(v.receivedAt(), v.expiresAt()),
        Duration.between(v.receivedAt(), now), stale);
  }

  private List<TargetStatus> targets(BoundEndpoint bound, Route route) {
    if (route == null) {
      return List.of();
    }
    List<TargetStatus> out = new ArrayList<>();
    for (InetAddress a : route.addresses()) {
      String zone = bound == null ? null : bound.zoneOf().get(a);
      for (TargetHealth.View v : health.views(a)) {
        out.add(new TargetStatus(v.address(), zone, v.state(), v.failuresInRow(), v.nextTrialAt()));
      }
    }
    return out;
  }

  /** The endpoint's Region: in its regional DNS name, else the configured one, else the placement's. */
  private String region(Endpoint ep, Placement placement) {
    if (ep.regionalDnsName() != null) {
      Matcher m = REGION_IN_NAME.matcher(ep.regionalDnsName());
      if (m.find()) {
        return m.group(1);
      }
    }
    return configuredRegion != null ? configuredRegion : placement == null ? null : placement.region();
  }
}
