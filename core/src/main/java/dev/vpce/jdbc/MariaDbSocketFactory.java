package dev.vpce.jdbc;

import dev.vpce.PrivateLink;
import dev.vpce.internal.SocketConnects;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Function;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * MariaDB Connector/J 3.5's {@code socketFactory} for an unchanged URL:
 * {@code jdbc:mariadb://ledger-db.corp.example.com:3306/ledger?socketFactory=dev.vpce.jdbc.MariaDbSocketFactory}.
 * The connection follows the route of the host's binding (the {@code PrivateLink} comes from
 * {@link VpceJdbc}) within the driver's {@code connectTimeout}; {@code sslMode=verify-full} verifies the
 * URL's host. MariaDB 3.5 sends no SNI (a driver limitation). Hosts no {@code PrivateLink} binds connect as
 * usual.
 */
public final class MariaDbSocketFactory extends ConfigurableSocketFactory {
  private Function<String, PrivateLink> links = VpceJdbc.lookup(null);

  @Override
  public void setConfiguration(Configuration conf, String host) {
    String id = conf.nonMappedOptions() == null ? null : conf.nonMappedOptions().getProperty(VpceJdbc.LINK_OPTION);
    this.links = VpceJdbc.lookup(id);
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
