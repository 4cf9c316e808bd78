package dev.vpce.internal;

import dev.vpce.EndpointUnavailableException;
import dev.vpce.Route;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code resolve} hands out for one binding, precomputed off the request path by {@link RouteOrder}:
 * the route; its rotations when new connections spread over several healthy addresses; and for each
 * address whose breaker is not closed, the list to hand out to the one caller that wins its trial. Or,
 * when the binding cannot route, the failure to throw. Immutable.
 */
final class RouteTable {
  final Route route;
  final EndpointUnavailableException failure;
  private final Route[] spread;
  private final InetAddress[] suspects;
  private final List<List<InetAddress>> trialLists;

  RouteTable(Route route, Route[] spread, InetAddress[] suspects, List<List<InetAddress>> trialLists) {
    this.route = route;
    this.failure = null;
    this.spread = spread;
    this.suspects = suspects;
    this.trialLists = trialLists;
  }

  private RouteTable(EndpointUnavailableException failure) {
    this.route = null;
    this.failure = failure;
    this.spread = new Route[0];
    this.suspects = new InetAddress[0];
    this.trialLists = List.of();
  }

  static RouteTable failed(EndpointUnavailableException failure) {
    return new RouteTable(failure);
  }

  /**
   * The addresses for one new connection of a caller that reports outcomes: a trial list for the caller
   * that wins a trial, else the route (one of its rotations, picked at random, when it spreads).
   */
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
    return next().addresses();
  }

  /** The route for one new connection of a caller that does not report outcomes: never a trial. */
  Route next() throws EndpointUnavailableException {
    if (failure != null) {
      throw failure;
    }
    Route[] r = spread;
    return r.length == 1 ? r[0] : r[ThreadLocalRandom.current().nextInt(r.length)];
  }

  boolean contains(InetAddress address) {
    return route != null && route.addresses().contains(address);
  }
}
