package dev.vpce.internal;

import dev.vpce.EndpointUnavailableException;
import dev.vpce.Route;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code resolve} hands out for one binding, precomputed off the request path: the route, and for
 * each address whose breaker is not closed, the list to hand out to the one caller that wins its trial.
 * Or, when the binding cannot route, the failure to throw. Immutable.
 */
final class RouteTable {
  final Route route;
  final EndpointUnavailableException failure;
  private final InetAddress[] suspects;
  private final List<List<InetAddress>> trialLists;

  private RouteTable(Route route, EndpointUnavailableException failure, InetAddress[] suspects,
      List<List<InetAddress>> trialLists) {
    this.route = route;
    this.failure = failure;
    this.suspects = suspects;
    this.trialLists = trialLists;
  }

  static RouteTable failed(EndpointUnavailableException failure) {
    return new RouteTable(null, failure, new InetAddress[0], List.of());
  }

  /**
   * @param route    the route, healthy addresses first
   * @param ordered  every address in preference order, ignoring breakers
   * @param suspects the addresses whose breaker is not closed, in preference order
   */
  static RouteTable of(Route route, List<InetAddress> ordered, List<InetAddress> suspects) {
    List<List<InetAddress>> trials = new ArrayList<>(suspects.size());
    for (InetAddress trial : suspects) {
      List<InetAddress> list = new ArrayList<>(ordered.size());
      for (InetAddress a : ordered) {
        if (a.equals(trial) || !suspects.contains(a)) {
          list.add(a);
        }
      }
      for (InetAddress a : suspects) {
        if (!a.equals(trial)) {
          list.add(a);
        }
      }
      trials.add(List.copyOf(list));
    }
    return new RouteTable(route, null, suspects.toArray(new InetAddress[0]), List.copyOf(trials));
  }

  /** The addresses for one new connection: a trial list for the caller that wins a trial, else the route. */
  List<InetAddress> addresses(TargetHealth health) throws EndpointUnavailableException {
    if (failure != null) {
      throw failure;
    }
    InetAddress[] s = suspects;
    for (int i = 0; i < s.length; i++) {
      if (health.tryTrial(s[i])) {
        return trialLists.get(i);
      }
    }
    return route.addresses();
  }

  boolean contains(InetAddress address) {
    return route != null && route.addresses().contains(address);
  }
}
