package dev.vpce.spring;

import dev.vpce.PrivateLink;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import reactor.netty.channel.ChannelMetricsRecorder;

/**
 * Hears Reactor Netty's connect attempts and reports each to vpce: {@code recordConnectTime} names the
 * resolved address with {@code SUCCESS} or {@code ERROR} for every address tried. Reactor Netty gives no cause
 * for a failure, so it is reported as a {@link ConnectException} (it counts against the address, as a refused
 * or timed-out connect does). TLS outcomes are not reported: Reactor Netty names only the unresolved hostname
 * for them. Every other metric is ignored.
 */
final class VpceConnectRecorder implements ChannelMetricsRecorder {
  private final PrivateLink privateLink;

  VpceConnectRecorder(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  @Override
  public void recordConnectTime(SocketAddress remoteAddress, Duration time, String status) {
    if (!(remoteAddress instanceof InetSocketAddress target) || target.isUnresolved()) {
      return;
    }
    if ("SUCCESS".equals(status)) {
      Outcomes.succeeded(privateLink, target, time);
    } else {
      Outcomes.failed(privateLink, target, new ConnectException("Reactor Netty could not connect to " + target
          + " (" + status + " after " + time.toMillis() + " ms)"));
    }
  }

  @Override
  public void recordDataReceived(SocketAddress remoteAddress, long bytes) {}

  @Override
  public void recordDataSent(SocketAddress remoteAddress, long bytes) {}

  @Override
  public void incrementErrorsCount(SocketAddress remoteAddress) {}

  @Override
  public void recordTlsHandshakeTime(SocketAddress remoteAddress, Duration time, String status) {}

  @Override
  public void recordResolveAddressTime(SocketAddress remoteAddress, Duration time, String status) {}
}
