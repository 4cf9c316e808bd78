package dev.vpce;

import java.net.InetSocketAddress;

/**
 * Hears what a {@link PrivateLink} does. Every method does nothing by default, so new events never
 * break a listener. Methods are called on vpce's own threads or on the thread reporting a connect
 * outcome; they must be fast and must not throw (a thrown exception is logged and ignored).
 */
public abstract class PrivateLinkListener {
  /**
   * The placement chain answered (possibly {@link Placement#UNKNOWN}).
   *
   * @param placement where this process runs and which source said so
   */
  public void placementResolved(Placement placement) {}

  /**
   * Discovery found the endpoint for a binding for the first time.
   *
   * @param host the binding's hostname
   * @param endpoint the endpoint found, in whatever state it is
   */
  public void endpointDiscovered(String host, Endpoint endpoint) {}

  /**
   * A refresh found the endpoint changed (state, names, interfaces).
   *
   * @param host the binding's hostname
   * @param previous the endpoint as the last answer described it
   * @param current the endpoint as this answer describes it
   */
  public void endpointChanged(String host, Endpoint previous, Endpoint current) {}

  /**
   * The tier of a binding's first address changed, for example from local zone to regional.
   *
   * @param host the binding's hostname
   * @param previous the tier before the change
   * @param current the new route, whose {@link Route#tier()} is the new tier
   */
  public void routeTierChanged(String host, RouteTier previous, Route current) {}

  /**
   * A client reported a failed connect to a routed socket address; {@code counted} says whether it counted
   * against it (hostname-verification failures and cancelled attempts do not).
   *
   * @param target the endpoint address and port
   * @param cause the failure as the client reported it
   * @param counted whether it counted towards opening the address's breaker
   */
  public void connectFailed(InetSocketAddress target, java.io.IOException cause, boolean counted) {}

  /**
   * The circuit breaker of a socket address (endpoint address and port) changed state.
   *
   * @param target the endpoint address and port
   * @param from the state before
   * @param to the state now
   */
  public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {}

  /**
   * Every address of a binding has an open breaker, so all are returned (fail open).
   *
   * @param route the fail-open route: every address, none healthy
   */
  public void failOpen(Route route) {}

  /**
   * A background refresh failed; the last good data stays in use. {@code what} names the refresh.
   *
   * @param host the binding's hostname
   * @param what the refresh that failed, for example {@code start-up}, {@code endpoint} or a DNS name
   * @param cause why it failed
   */
  public void refreshFailed(String host, String what, Throwable cause) {}
}
