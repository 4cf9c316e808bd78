package dev.vpce.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * pgJDBC as it connects today, without vpce: the URL's host resolved by DNS ({@link StatusQuoResolver}, the JVM
 * resolver's behaviour against the kit's DNS server) and one connect to the first address, as
 * {@code new InetSocketAddress(host, port)} does. pgJDBC's own lookup fails first (the harness JVM resolves
 * through a hosts file that names none of these hosts), so the address reaches this socket unresolved. The
 * resolver is chosen by {@code socketFactoryArg}, one per arm of {@link FailoverMatrix}. Adapted from the
 * demo's {@code dev.vpce.demo.StatusQuoSocketFactory}.
 */
public final class StatusQuoSocketFactory extends SocketFactory {
  static final Map<String, StatusQuoResolver> RESOLVERS = new ConcurrentHashMap<>();

  private final StatusQuoResolver resolver;

  /** For pgJDBC, which passes the connection's properties; {@code socketFactoryArg} names the resolver. */
  public StatusQuoSocketFactory(Properties info) {
    String arm = info.getProperty("socketFactoryArg");
    this.resolver = arm == null ? null : RESOLVERS.get(arm);
  }

  @Override
  public Socket createSocket() {
    Socket s = new StatusQuoSocket(resolver);
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
    private final StatusQuoResolver resolver;

    StatusQuoSocket(StatusQuoResolver resolver) {
      this.resolver = resolver;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress a && a.isUnresolved()) {
        if (resolver == null) {
          throw new IOException("no status quo resolver for this arm (socketFactoryArg)");
        }
        InetAddress first = resolver.resolve(a.getHostString()).get(0);
        super.connect(new InetSocketAddress(first, a.getPort()), timeout);
      } else {
        super.connect(endpoint, timeout);
      }
    }
  }
}
