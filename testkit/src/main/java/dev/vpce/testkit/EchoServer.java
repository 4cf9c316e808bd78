package dev.vpce.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server on 127.0.0.1 that writes back every byte it reads: the simplest real target for the zone
 * fronts ({@link EndpointSpec#target}) when a test only needs to see which zone carried a connection.
 */
public final class EchoServer implements AutoCloseable {
  private final ServerSocket socket;

  /**
   * Starts on an ephemeral loopback port.
   *
   * @throws IOException when no loopback port can be bound
   */
  public EchoServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "vpce-testkit-echo-" + socket.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /**
   * Where it listens.
   *
   * @return the loopback address and ephemeral port
   */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException closed) {
        return;
      }
      Thread c = new Thread(() -> echo(s), "vpce-testkit-echo-" + socket.getLocalPort() + "-conn");
      c.setDaemon(true);
      c.start();
    }
  }

  private static void echo(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException clientGone) {
      // the client closed or reset the connection
    }
  }

  /** Stops accepting; connections already open end when their clients close them. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
