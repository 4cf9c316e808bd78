package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reports every connect attempt of HttpClient's classic operator to vpce. TCP failures are reported by the
 * socket; for {@code https} the outcome waits for the TLS handshake, reported by the strategy wrapper.
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
    return proxy == null ? new ReportingSocket(privateLink, !"https".equalsIgnoreCase(schemeName))
        : new Socket(proxy);
  }

  /** A socket that reports its connect; success only for plain HTTP, where nothing follows the connect. */
  static final class ReportingSocket extends Socket {
    private final PrivateLink privateLink;
    private final boolean reportSuccess;

    ReportingSocket(PrivateLink privateLink, boolean reportSuccess) {
      this.privateLink = privateLink;
      this.reportSuccess = reportSuccess;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      try {
        super.connect(endpoint, timeout);
      } catch (IOException e) {
        if (endpoint instanceof InetSocketAddress a && a.getAddress() != null) {
          privateLink.connectFailed(a.getAddress(), e);
        }
        throw e;
      }
      if (reportSuccess && endpoint instanceof InetSocketAddress a && a.getAddress() != null) {
        privateLink.connectSucceeded(a.getAddress());
      }
    }
  }

  /** Reports the TLS handshake's outcome for the address the socket is connected to. */
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
      try {
        SSLSocket upgraded = delegate.upgrade(socket, target, port, attachment, context);
        if (socket.getInetAddress() != null) {
          privateLink.connectSucceeded(socket.getInetAddress());
        }
        return upgraded;
      } catch (IOException e) {
        if (socket.getInetAddress() != null) {
          privateLink.connectFailed(socket.getInetAddress(), e);
        }
        throw e;
      }
    }
  }
}
