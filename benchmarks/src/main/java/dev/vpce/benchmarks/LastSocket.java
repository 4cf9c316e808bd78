package dev.vpce.benchmarks;

import java.net.InetAddress;
import java.net.Socket;

/**
 * The socket the last JDBC connect on this thread made, so the matrix can tell which zone served it: pgJDBC
 * does not expose its socket, but makes it through the factory the URL names (as in the demo).
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
