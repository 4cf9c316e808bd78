package dev.vpce.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * pgJDBC as it connects today, without vpce: the hostname resolved by DNS ({@link StatusQuoResolver}, the
 * JVM resolver's behaviour against the kit's DNS server) and one connect to the first address, as
 * {@code new InetSocketAddress(host, port)} does. Used only by the demo's "status quo" client.
 */
public final class StatusQuoSocketFactory extends SocketFactory {
  static volatile StatusQuoResolver resolver;

  public StatusQuoSocketFactory() {}

  public StatusQuoSocketFactory(Properties info) {}

  @Override
  public Socket createSocket() {
    Socket s = new StatusQuoSocket();
    LastSocket.remember(s);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new IOException("pgJDBC makes unconnected sockets; this factory makes no other kind");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    throw new IOException("pgJDBC makes unconnected sockets; this factory makes no other kind");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw new IOException("pgJDBC makes unconnected sockets; this factory makes no other kind");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw new IOException("pgJDBC makes unconnected sockets; this factory makes no other kind");
  }

  private static final class StatusQuoSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress a && a.isUnresolved()) {
        StatusQuoResolver r = resolver;
        if (r == null) {
          throw new IOException("the demo's status quo resolver is not set");
        }
        InetAddress first = r.resolve(a.getHostString()).get(0);
        super.connect(new InetSocketAddress(first, a.getPort()), timeout);
      } else {
        super.connect(endpoint, timeout);
      }
    }
  }
}
