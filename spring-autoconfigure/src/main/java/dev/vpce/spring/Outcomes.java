package dev.vpce.spring;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The one place the starter reports connect outcomes to vpce. Today's core API takes the address only; when
 * target health is keyed by socket address ({@code connectSucceeded(InetSocketAddress, Duration)},
 * {@code connectFailed(InetSocketAddress, IOException)}) only these two lines change.
 */
final class Outcomes {
  private Outcomes() {}

  static void succeeded(PrivateLink privateLink, InetSocketAddress target, Duration connectTime) {
    if (target.getAddress() != null) {
      privateLink.connectSucceeded(target.getAddress());
    }
  }

  static boolean failed(PrivateLink privateLink, InetSocketAddress target, IOException cause) {
    return target.getAddress() != null && privateLink.connectFailed(target.getAddress(), cause);
  }
}
