package dev.vpce.cli;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.Route;
import dev.vpce.dns.NameResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The route vpce would use now: a real {@link PrivateLink} with the same inputs (placement, Region, EC2,
 * resolver), told about the connects that failed (one failure opens an address's breaker here), asked for the
 * host's route.
 */
final class RouteCheck {
  private RouteCheck() {}

  static void run(DoctorOptions o, Placement placement, String region, AwsCredentialsProvider credentials,
      NameResolver resolver, List<DnsCheck.Target> targets, List<ConnectCheck.Outcome> outcomes, Step step) {
    Binding.Builder binding = Binding.builder(o.host());
    if (o.isStatic()) {
      binding.regionalDnsName(o.regionalDnsName());
      o.zonalDnsNames().forEach(binding::zonalDnsName);
    } else {
      binding.serviceName(o.serviceName()).bindPrivateDnsName(false);
    }
    PrivateLink.Builder b = PrivateLink.builder()
        .bind(binding.build())
        .nameResolver(resolver)
        .startupTimeout(o.startupTimeout())
        .breakerFailureThreshold(1);
    if (placement.isKnown()) {
      b.placement(placement);
    } else {
      b.placementSources(List.of());
    }
    if (!o.isStatic()) {
      b.ec2Credentials(credentials);
      if (region != null) {
        b.region(region);
      }
      if (o.ec2Endpoint() != null) {
        b.ec2Endpoint(o.ec2Endpoint());
      }
      String vpc = o.vpcId() != null ? o.vpcId() : placement.vpcId();
      if (vpc != null) {
        b.vpcId(vpc);
      }
    }
    Map<InetAddress, String> zones = new HashMap<>();
    targets.forEach(t -> zones.put(t.address(), t.zone()));
    try (PrivateLink privateLink = b.build()) {
      Route route = privateLink.route(o.host());
      int opened = 0;
      for (ConnectCheck.Outcome out : outcomes) {
        if (out.failure() != null && privateLink.connectFailed(out.socket(), out.failure())) {
          opened++;
        }
      }
      if (opened > 0) {
        route = privateLink.route(o.host());
        step.detail("after the " + opened + " failed connect(s) above");
      }
      List<Object> addresses = new ArrayList<>();
      for (InetAddress a : route.addresses()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", a.getHostAddress());
        m.put("zone", zones.getOrDefault(a, "?"));
        addresses.add(m);
        step.detail(a.getHostAddress() + " (" + zones.getOrDefault(a, "?") + ")");
      }
      step.fact("tier", route.tier().name());
      step.fact("localZone", route.localZone());
      step.fact("failOpen", route.failOpen());
      step.fact("addresses", addresses);
      String first = route.addresses().get(0).getHostAddress() + " (" + zones.getOrDefault(route.addresses().get(0),
          "?") + ")";
      switch (route.tier()) {
        case LOCAL_ZONE -> step.result(Verdict.OK, "local zone " + route.localZone() + " first: " + first);
        case OTHER_ZONE -> step.result(Verdict.WARN, "another zone first: " + first + "; the local zone "
            + route.localZone() + " is failing");
        case REGIONAL -> step.result(Verdict.WARN, "regional: " + first + (route.localZone() == null
            ? " (no local zone: placement unknown or the endpoint has no subnet in this zone)"
            : " (the local zone " + route.localZone() + " is failing)"));
      }
      if (route.failOpen()) {
        step.result(Verdict.FAIL, "fail-open: every address's breaker is open; vpce hands out all of them: " + first);
      }
    } catch (UnknownHostException e) {
      step.fact("error", e.getMessage());
      step.result(Verdict.FAIL, "no route: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      step.fact("error", e.getMessage());
      step.result(Verdict.FAIL, "vpce rejects this configuration: " + e.getMessage());
    }
  }
}
