package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrontWithoutTargetIT {
  @Test
  void frontWithNoTargetSaysWhyItClosesConnectionsOnce() throws Exception {
    try (LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      InetSocketAddress front = kit.endpoint().zone("us-east-1b").address();
      String log = stderrDuring(() -> {
        assertThat(readAfterConnect(front)).isEqualTo(-1);
        assertThat(readAfterConnect(front)).isEqualTo(-1);
      });
      assertThat(log).contains("vpce-testkit [front of " + LocalPrivateLink.DEFAULT_ENDPOINT_ID + " in us-east-1b")
          .contains("has no target to forward to").contains("EmulatedEndpoint.target(..)");
      assertThat(log.split("has no target", -1)).hasSize(2);
    }
  }

  @Test
  void frontWithATargetLogsNothing() throws Exception {
    try (EchoServer echo = new EchoServer();
        LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      kit.endpoint().target(echo.address());
      String log = stderrDuring(() -> assertThat(ZoneFrontIT.roundTrip(kit.endpoint().zone("us-east-1a").address(),
          "hi")).isEqualTo("hi"));
      assertThat(log).doesNotContain("has no target");
    }
  }

  /** Connects, sends a byte and reads: the front ends the connection, so the read sees EOF (or a reset). */
  static int readAfterConnect(InetSocketAddress at) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, 2_000);
      s.setSoTimeout(5_000);
      s.getOutputStream().write('x');
      try {
        return s.getInputStream().read();
      } catch (java.net.SocketException reset) {
        return -1;
      }
    }
  }

  interface Block {
    void run() throws Exception;
  }

  /** slf4j-simple, the test binding, writes to the current System.err. */
  static synchronized String stderrDuring(Block block) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      block.run();
      Thread.sleep(0);
    } finally {
      System.setErr(original);
    }
    original.print(out.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
