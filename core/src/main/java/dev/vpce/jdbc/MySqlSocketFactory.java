package dev.vpce.jdbc;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.StandardSocketFactory;
import dev.vpce.PrivateLink;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * MySQL Connector/J 9's {@code socketFactory} for an unchanged URL:
 * {@code jdbc:mysql://ledger-db.corp.example.com:3306/ledger?socketFactory=dev.vpce.jdbc.MySqlSocketFactory}.
 * Unlike the driver's own factory, which gives up after a timeout on the first address, it tries the
 * binding's route in order within {@code connectTimeout} (the {@code PrivateLink} comes from
 * {@link VpceJdbc}). TLS ({@code sslMode=VERIFY_IDENTITY}) stays on the URL's host. Hosts no
 * {@code PrivateLink} binds connect as the driver's own factory does.
 */
public final class MySqlSocketFactory extends StandardSocketFactory {
  @Override
  @SuppressWarnings("unchecked")
  public <T extends Closeable> T connect(String hostname, int portNumber, PropertySet props, int loginTimeout)
      throws IOException {
    PrivateLink chosen = VpceJdbc.CHOSEN.get();
    PrivateLink link = chosen != null && EngineShim.isBound(chosen, hostname) ? chosen
        : VpceJdbc.lookup(null).apply(hostname);
    if (link == null || hostname == null) {
      return super.connect(hostname, portNumber, props, loginTimeout);
    }
    this.loginTimeoutCountdown = loginTimeout;
    this.host = hostname;
    this.port = portNumber;
    PrivateLink fixed = link;
    this.rawSocket = new ZonalSocket(h -> h.equalsIgnoreCase(hostname) ? fixed : null);
    configureSocket(rawSocket, props);
    String local = props.getStringProperty(PropertyKey.localSocketAddress).getValue();
    if (local != null && !local.isEmpty()) {
      rawSocket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
    }
    int connectTimeout = props.getIntegerProperty(PropertyKey.connectTimeout).getValue();
    try {
      rawSocket.connect(InetSocketAddress.createUnresolved(hostname, portNumber), getRealTimeout(connectTimeout));
    } catch (IOException e) {
      rawSocket.close();
      throw e;
    }
    resetLoginTimeCountdown();
    this.sslSocket = rawSocket;
    return (T) rawSocket;
  }
}
