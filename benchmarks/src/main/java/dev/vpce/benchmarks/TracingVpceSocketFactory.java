package dev.vpce.benchmarks;

import dev.vpce.jdbc.PostgresSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * vpce's {@link PostgresSocketFactory}, unchanged, with the socket it makes remembered so {@link FailoverMatrix}
 * can tell which zone served each connection. An application names {@code dev.vpce.jdbc.PostgresSocketFactory}.
 */
public final class TracingVpceSocketFactory extends SocketFactory {
  private final PostgresSocketFactory vpce;

  /** For pgJDBC, which passes the connection's properties. */
  public TracingVpceSocketFactory(Properties info) {
    this.vpce = new PostgresSocketFactory(info);
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = vpce.createSocket();
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
}
