package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import dev.vpce.internal.DeadlineSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reports every connect attempt of HttpClient's classic operator to vpce, and gives every address but the
 * route's last vpce's adaptive connect deadline. TCP failures are reported by the socket; for
 * {@code https} the outcome waits for the TLS handshake, reported by the strategy wrapper.
 */
final class ReportingSockets implements DetachedSocketFactory {
  private final PrivateLink privateLink;

  ReportingSockets(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  @Override
  public Socket create(Proxy proxy) {
    return create("http", proxy);
  }

  @Override
  public Socket create(String schemeName, Proxy proxy) {
    return proxy == null ? new DeadlineSocket(privateLink, true, !"https".equalsIgnoreCase(schemeName))
        : new Socket(proxy);
  }

  /** Reports the TLS handshake's outcome for the socket address the socket is connected to. */
  static final class ReportingTlsStrategy implements TlsSocketStrategy {
    private final TlsSocketStrategy delegate;
    private final PrivateLink privateLink;

    ReportingTlsStrategy(TlsSocketStrategy delegate, PrivateLink privateLink) {
      this.delegate = delegate;
      this.privateLink = privateLink;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      InetSocketAddress remote = socket.getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
      try {
        SSLSocket upgraded = delegate.upgrade(socket, target, port, attachment, context);
        if (remote != null && socket instanceof DeadlineSocket d && d.connectTime() != null) {
          privateLink.connectSucceeded(remote, d.connectTime());
        }
        return upgraded;
      } catch (IOException e) {
        if (remote != null) {
          privateLink.connectFailed(remote, e);
        }
        throw e;
      }
    }
  }
}
