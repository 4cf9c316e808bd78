package dev.vpce.statusquo;

import java.net.InetAddress;
import java.net.Socket;

/**
 * The socket the last JDBC connect on this thread made, so the caller can tell which zone served it: pgJDBC
 * does not expose its socket, but it makes it through the factory the URL names ({@link StatusQuoSocketFactory},
 * {@link TracingPostgresSocketFactory}); {@link JdbcProbe} reads it.
 */
final class LastSocket {
  private static final ThreadLocal<Socket> LAST = new ThreadLocal<>();

  private LastSocket() {}

  static void remember(Socket socket) {
    LAST.set(socket);
  }

  static void forget() {
    LAST.remove();
  }

  /** The remote address of the last socket made on this thread, or null. */
  static InetAddress remoteAddress() {
    Socket s = LAST.get();
    return s == null ? null : s.getInetAddress();
  }
}
