package dev.vpce.cli;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The one place the doctor reports connect outcomes to a {@link PrivateLink}. Today's API keys target health by
 * address; when it is keyed by socket address ({@code connectFailed(InetSocketAddress, IOException)}), only this
 * line changes.
 */
final class Outcomes {
  private Outcomes() {}

  static boolean failed(PrivateLink privateLink, InetSocketAddress target, IOException cause) {
    return privateLink.connectFailed(target.getAddress(), cause);
  }
}
