package dev.vpce.statusquo;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One JDBC request on a new connection that tells which address served it. */
public final class JdbcProbe {
  private JdbcProbe() {}

  /**
   * Opens a connection, runs {@code SELECT 1} and closes it.
   *
   * @param url a pgJDBC URL whose {@code socketFactory} is {@link StatusQuoSocketFactory} or
   *     {@link TracingPostgresSocketFactory}
   * @return the remote address of the socket that served the request, or null if the URL names another factory
   * @throws SQLException if the connection or the query failed
   */
  public static InetAddress selectOne(String url) throws SQLException {
    LastSocket.forget();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return LastSocket.remoteAddress();
    } finally {
      LastSocket.forget();
    }
  }
}
