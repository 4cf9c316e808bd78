package dev.vpce.http.jdk;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The one place the proxy talks to vpce's outcome API, so that moving to the socket-address API (target
 * health keyed by address and port, and the adaptive connect deadline) changes only these lines.
 */
final class ConnectOutcomes {
  private final PrivateLink privateLink;

  ConnectOutcomes(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  /**
   * The connect timeout for a target that is not the last one the proxy will try: the adaptive deadline,
   * never above {@code callerTimeout}. Until {@code PrivateLink.connectTimeout(InetSocketAddress, Duration)}
   * exists this is the caller's timeout.
   */
  Duration connectTimeout(InetSocketAddress target, Duration callerTimeout) {
    return callerTimeout;
  }

  /** A TCP connect to target succeeded after {@code connectTime}. */
  void succeeded(InetSocketAddress target, Duration connectTime) {
    privateLink.connectSucceeded(target.getAddress());
  }

  /** A TCP connect to target failed; returns whether it counted against the target's breaker. */
  boolean failed(InetSocketAddress target, IOException cause) {
    return privateLink.connectFailed(target.getAddress(), cause);
  }
}
