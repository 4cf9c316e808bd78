package dev.vpce.statusquo;

import dev.vpce.jdbc.PostgresSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.util.Properties;

/**
 * vpce's {@link PostgresSocketFactory}, unchanged, with the socket it makes remembered so {@link JdbcProbe} can
 * tell which zone served each connection. An application names {@code dev.vpce.jdbc.PostgresSocketFactory}
 * itself.
 */
public final class TracingPostgresSocketFactory extends UnconnectedSocketFactory {
  private final PostgresSocketFactory vpce;

  /** As {@link PostgresSocketFactory#PostgresSocketFactory()}. */
  public TracingPostgresSocketFactory() {
    this.vpce = new PostgresSocketFactory();
  }

  /**
   * For pgJDBC, which passes the connection's properties.
   *
   * @param info the connection's properties, as {@link PostgresSocketFactory#PostgresSocketFactory(Properties)}
   */
  public TracingPostgresSocketFactory(Properties info) {
    this.vpce = new PostgresSocketFactory(info);
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = vpce.createSocket();
    LastSocket.remember(s);
    return s;
  }
}
