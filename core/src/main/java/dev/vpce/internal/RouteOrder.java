package dev.vpce.internal;

import dev.vpce.Route;
import dev.vpce.RouteTier;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Orders a binding's addresses into a {@link RouteTable}:
 *
 * <ol>
 *   <li>the local zone's healthy addresses, then the other healthy addresses in DNS order, then the
 *       addresses whose breakers are all open or half-open (fail open when that is every address);</li>
 *   <li>when no local address is healthy, new connections spread evenly over the healthy others: the
 *       table holds each rotation of them and {@code resolve} picks one at random, so a process does not
 *       pile onto the first regional address;</li>
 *   <li>the caller that wins an address's trial gets that address first, so the trial is really made.</li>
 * </ol>
 */
final class RouteOrder {
  private RouteOrder() {}

  /**
   * @param ordered   every address, local zone's first, without duplicates
   * @param local     the local zone's addresses
   * @param zoneOf    the zone of each address whose zone is known
   * @param localZone the local zone, or null
   */
  static RouteTable table(String host, Collection<InetAddress> ordered, List<InetAddress> local,
      Map<InetAddress, String> zoneOf, String localZone, TargetHealth health) {
    List<InetAddress> healthyLocal = new ArrayList<>();
    List<InetAddress> healthyOther = new ArrayList<>();
    List<InetAddress> suspects = new ArrayList<>();
    for (InetAddress a : ordered) {
      if (!health.isHealthy(a)) {
        suspects.add(a);
      } else if (local.contains(a)) {
        healthyLocal.add(a);
      } else {
        healthyOther.add(a);
      }
    }
    boolean failOpen = healthyLocal.isEmpty() && healthyOther.isEmpty();
    List<InetAddress> base = new ArrayList<>(healthyLocal);
    base.addAll(healthyOther);
    base.addAll(suspects);
    Route route = route(host, base, local, zoneOf, localZone, failOpen);

    Route[] spread;
    if (healthyLocal.isEmpty() && healthyOther.size() > 1) {
      int k = healthyOther.size();
      spread = new Route[k];
      spread[0] = route;
      for (int i = 1; i < k; i++) {
        List<InetAddress> rotated = new ArrayList<>(base.size());
        for (int j = 0; j < k; j++) {
          rotated.add(healthyOther.get((i + j) % k));
        }
        rotated.addAll(suspects);
        spread[i] = route(host, rotated, local, zoneOf, localZone, false);
      }
    } else {
      spread = new Route[] {route};
    }

    List<List<InetAddress>> trials = new ArrayList<>(suspects.size());
    for (InetAddress trial : suspects) {
      List<InetAddress> list = new ArrayList<>(base.size());
      list.add(trial);
      for (InetAddress a : base) {
        if (!a.equals(trial)) {
          list.add(a);
        }
      }
      trials.add(List.copyOf(list));
    }
    return new RouteTable(route, spread, suspects.toArray(new InetAddress[0]), List.copyOf(trials));
  }

  private static Route route(String host, List<InetAddress> addresses, List<InetAddress> local,
      Map<InetAddress, String> zoneOf, String localZone, boolean failOpen) {
    InetAddress first = addresses.get(0);
    // OTHER_ZONE only means something relative to a known local zone; without one the route is regional
    RouteTier tier = local.contains(first) ? RouteTier.LOCAL_ZONE
        : localZone != null && zoneOf.containsKey(first) ? RouteTier.OTHER_ZONE : RouteTier.REGIONAL;
    return new Route(host, addresses, tier, localZone, failOpen);
  }
}
