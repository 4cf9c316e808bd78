package dev.vpce.statusquo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory for pgJDBC, which asks only for unconnected sockets ({@link #createSocket()}) and connects
 * them itself; the four ways to ask for a connected socket fail.
 */
abstract class UnconnectedSocketFactory extends SocketFactory {
  private static final String ONLY_UNCONNECTED = "pgJDBC makes unconnected sockets; this factory makes no other kind";

  @Override
  public abstract Socket createSocket() throws IOException;

  @Override
  public final Socket createSocket(String host, int port) throws IOException {
    throw new IOException(ONLY_UNCONNECTED);
  }

  @Override
  public final Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    throw new IOException(ONLY_UNCONNECTED);
  }

  @Override
  public final Socket createSocket(InetAddress host, int port) throws IOException {
    throw new IOException(ONLY_UNCONNECTED);
  }

  @Override
  public final Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw new IOException(ONLY_UNCONNECTED);
  }
}
