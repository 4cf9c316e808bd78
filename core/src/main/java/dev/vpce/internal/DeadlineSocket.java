package dev.vpce.internal;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A plain socket whose {@code connect} uses vpce's adaptive deadline for every address of a route but the
 * last (see {@link RouteAttempts}), measures the TCP connect time, and optionally reports the outcome.
 */
public class DeadlineSocket extends Socket {
  private final PrivateLink privateLink;
  private final boolean reportFailure;
  private final boolean reportSuccess;
  private volatile Duration connectTime;

  /**
   * @param reportFailure whether a failed TCP connect is reported here
   * @param reportSuccess whether a TCP connect is reported as the outcome (only when nothing such as a TLS
   *                      handshake follows it)
   */
  public DeadlineSocket(PrivateLink privateLink, boolean reportFailure, boolean reportSuccess) {
    this.privateLink = privateLink;
    this.reportFailure = reportFailure;
    this.reportSuccess = reportSuccess;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (!(endpoint instanceof InetSocketAddress target) || target.getAddress() == null) {
      super.connect(endpoint, timeout);
      return;
    }
    int effective = timeout;
    if (!RouteAttempts.nextIsLast()) {
      Duration caller = Duration.ofMillis(timeout == 0 ? Integer.MAX_VALUE : timeout);
      effective = (int) Math.max(1, privateLink.connectTimeout(target, caller).toMillis());
    }
    long start = System.nanoTime();
    try {
      super.connect(endpoint, effective);
    } catch (IOException e) {
      if (reportFailure) {
        privateLink.connectFailed(target, e);
      }
      throw e;
    }
    connectTime = Duration.ofNanos(System.nanoTime() - start);
    if (reportSuccess) {
      privateLink.connectSucceeded(target, connectTime);
    }
  }

  /** How long the TCP connect took, or null before it succeeded. */
  public Duration connectTime() {
    return connectTime;
  }
}
