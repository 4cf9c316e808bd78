package dev.vpce.jdbc;

import dev.vpce.PrivateLink;
import dev.vpce.internal.SocketConnects;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * pgJDBC's {@code socketFactory} for an unchanged URL:
 * {@code jdbc:postgresql://ledger-db.corp.example.com:5432/ledger?socketFactory=dev.vpce.jdbc.PostgresSocketFactory}.
 * The connection goes to the route of the host's binding (the {@code PrivateLink} comes from
 * {@link VpceJdbc}), trying the next address within pgJDBC's {@code connectTimeout} when one fails, while
 * the host in the URL stays the name {@code sslmode=verify-full} verifies. Hosts no {@code PrivateLink}
 * binds connect as usual.
 */
public final class PostgresSocketFactory extends SocketFactory {
  private final Function<String, PrivateLink> links;

  /** The factory pgJDBC builds when it has no connection properties to give. */
  public PostgresSocketFactory() {
    this(new Properties());
  }

  /**
   * The factory pgJDBC builds, with the connection's properties.
   *
   * @param info the connection properties; {@code socketFactoryArg} may name a registered {@code PrivateLink} (null
   *     means none)
   */
  public PostgresSocketFactory(Properties info) {
    this.links = VpceJdbc.lookup(info == null ? null : info.getProperty("socketFactoryArg"));
  }

  @Override
  public Socket createSocket() {
    return new ZonalSocket(links);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return SocketConnects.connect(createSocket(), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return SocketConnects.connect(createSocket(), localHost, localPort, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return SocketConnects.connect(createSocket(), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return SocketConnects.connect(createSocket(), localAddress, localPort, new InetSocketAddress(address, port));
  }
}
