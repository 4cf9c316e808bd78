package dev.vpce.spring;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The one place the starter reports connect outcomes to vpce, per socket address. */
final class Outcomes {
  private Outcomes() {}

  static void succeeded(PrivateLink privateLink, InetSocketAddress target, Duration connectTime) {
    if (target.getAddress() != null) {
      privateLink.connectSucceeded(target, connectTime);
    }
  }

  static boolean failed(PrivateLink privateLink, InetSocketAddress target, IOException cause) {
    return target.getAddress() != null && privateLink.connectFailed(target, cause);
  }
}
