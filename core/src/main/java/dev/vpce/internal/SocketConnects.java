package dev.vpce.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The connecting overloads of {@code javax.net.SocketFactory}, written once for vpce's factories (JDBC drivers,
 * OkHttp), whose own {@code createSocket()} returns an unconnected routing socket. A socket whose bind or
 * connect fails is closed before the failure is thrown.
 */
public final class SocketConnects {
  private SocketConnects() {}

  /** Connects {@code s} to {@code host:port}; closes it when that fails. */
  public static Socket connect(Socket s, InetSocketAddress to) throws IOException {
    return bindAndConnect(s, null, to);
  }

  /** Binds {@code s} to {@code localAddress:localPort}, then connects it to {@code to}; closes it on failure. */
  public static Socket connect(Socket s, InetAddress localAddress, int localPort, InetSocketAddress to)
      throws IOException {
    return bindAndConnect(s, new InetSocketAddress(localAddress, localPort), to);
  }

  private static Socket bindAndConnect(Socket s, InetSocketAddress local, InetSocketAddress to) throws IOException {
    try {
      if (local != null) {
        s.bind(local);
      }
      s.connect(to);
      return s;
    } catch (IOException | RuntimeException e) {
      try {
        s.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
