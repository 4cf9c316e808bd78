package dev.vpce.cli;

import dev.vpce.BindingStatus;
import dev.vpce.Route;
import dev.vpce.TargetStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route vpce would use now, from the status snapshot of the doctor's {@link dev.vpce.PrivateLink} taken after
 * the connects above were reported to it (one failure opens an address's breaker here): the binding's state,
 * the route and its tier, and each address's breaker.
 */
final class RouteCheck {
  private RouteCheck() {}

  /**
   * @param binding the binding's status; its route is null when vpce has none
   * @param zones   the zone of each address as the DNS step found it (the endpoint's zone keys); a breaker's zone
   *                stands in for addresses it did not find
   */
  static void report(int port, BindingStatus binding, Map<InetAddress, String> zones, Step step) {
    step.fact("bindingState", binding.state().name());
    Route route = binding.route();
    if (route == null) {
      step.fact("error", binding.lastError());
      step.result(Verdict.FAIL, "no route: binding " + binding.state() + (binding.lastError() == null ? ""
          : ": " + binding.lastError()));
      return;
    }
    Map<InetAddress, TargetStatus> breakers = new LinkedHashMap<>();
    for (TargetStatus t : binding.targets()) {
      if (t.address().getPort() == port) {
        breakers.put(t.address().getAddress(), t);
      }
    }
    List<Object> addresses = new ArrayList<>();
    for (InetAddress a : route.addresses()) {
      TargetStatus t = breakers.get(a);
      String zone = zoneOf(a, breakers, zones);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", a.getHostAddress());
      m.put("zone", zone);
      m.put("breaker", t == null ? null : t.breaker().name());
      m.put("recentFailures", t == null ? null : t.recentFailures());
      m.put("nextTrialAt", t == null || t.nextTrialAt() == null ? null : t.nextTrialAt().toString());
      addresses.add(m);
      step.detail(a.getHostAddress() + ":" + port + " (" + zone + ") breaker " + (t == null ? "none (no outcome yet)"
          : t.breaker() + (t.recentFailures() == 0 ? "" : ", " + t.recentFailures() + " failure(s) in a row")
              + (t.nextTrialAt() == null ? "" : ", next trial " + t.nextTrialAt())));
    }
    step.fact("tier", route.tier().name());
    step.fact("localZone", route.localZone());
    step.fact("failOpen", route.failOpen());
    step.fact("addresses", addresses);
    InetAddress head = route.addresses().get(0);
    String first = head.getHostAddress() + " (" + zoneOf(head, breakers, zones) + ")";
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
  }

  private static String zoneOf(InetAddress a, Map<InetAddress, TargetStatus> breakers, Map<InetAddress, String> zones) {
    TargetStatus t = breakers.get(a);
    String zone = zones.get(a);
    return zone != null ? zone : t != null && t.zone() != null ? t.zone() : "?";
  }
}
