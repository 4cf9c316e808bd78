package dev.vpce;

import java.net.InetSocketAddress;

/**
 * Hears what a {@link PrivateLink} does. Every method does nothing by default, so new events never
 * break a listener. Methods are called on vpce's own threads or on the thread reporting a connect
 * outcome; they must be fast and must not throw (a thrown exception is logged and ignored).
 */
public abstract class PrivateLinkListener {
  /** The placement chain answered (possibly {@link Placement#UNKNOWN}). */
  public void placementResolved(Placement placement) {}

  /** Discovery found the endpoint for a binding for the first time. */
  public void endpointDiscovered(String host, Endpoint endpoint) {}

  /** A refresh found the endpoint changed (state, names, interfaces). */
  public void endpointChanged(String host, Endpoint previous, Endpoint current) {}

  /** The tier of a binding's first address changed, for example from local zone to regional. */
  public void routeTierChanged(String host, RouteTier previous, Route current) {}

  /**
   * A client reported a failed connect to a routed socket address; {@code counted} says whether it counted
   * against it (hostname-verification failures and cancelled attempts do not).
   */
  public void connectFailed(InetSocketAddress target, java.io.IOException cause, boolean counted) {}

  /** The circuit breaker of a socket address (endpoint address and port) changed state. */
  public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {}

  /** Every address of a binding has an open breaker, so all are returned (fail open). */
  public void failOpen(Route route) {}

  /** A background refresh failed; the last good data stays in use. {@code what} names the refresh. */
  public void refreshFailed(String host, String what, Throwable cause) {}
}
