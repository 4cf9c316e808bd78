package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZoneFrontIT {
  static EchoServer echo;
  static LocalPrivateLink kit;

  @BeforeAll
  static void start() throws IOException {
    echo = new EchoServer();
    kit = LocalPrivateLink.defaults().build();
    kit.endpoint().target(echo.address());
  }

  @AfterAll
  static void stop() throws IOException {
    kit.close();
    echo.close();
  }

  static String roundTrip(InetSocketAddress at, String text) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, 2_000);
      s.setSoTimeout(5_000);
      s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void healthyFrontsForwardDataAndCountConnectionsPerZone() throws IOException {
    kit.reset();
    kit.endpoint().target(echo.address());
    ZoneFront a = kit.endpoint().zone("us-east-1a");
    ZoneFront b = kit.endpoint().zone("use1-az1");
    assertThat(a.address().getPort()).isEqualTo(b.address().getPort()).isEqualTo(kit.endpoint().port());
    assertThat(a.ip().getHostAddress()).isEqualTo("127.0.1.1");

    assertThat(roundTrip(a.address(), "hello through a")).isEqualTo("hello through a");
    assertThat(roundTrip(a.address(), "x".repeat(100_000))).hasSize(100_000);
    assertThat(roundTrip(b.address(), "hello through b")).isEqualTo("hello through b");
    assertThat(a.connections()).isEqualTo(2);
    assertThat(b.connections()).isEqualTo(1);
    assertThat(kit.endpoint().zone("us-east-1c").connections()).isZero();
  }

  @Test
  void everyModeShowsItsSymptomAndSwitchesBackWithoutARestart() throws IOException {
    kit.reset();
    kit.endpoint().target(echo.address());
    ZoneFront a = kit.endpoint().zone("us-east-1a");

    a.mode(BackendMode.REFUSE);
    assertThatThrownBy(() -> new Socket().connect(a.address(), 2_000))
        .isInstanceOf(ConnectException.class).hasMessageContaining("refused");

    a.mode(BackendMode.BLACKHOLE);
    try (Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(a.address(), 300)).isInstanceOf(SocketTimeoutException.class);
    }

    a.mode(BackendMode.RESET);
    int before = a.connections();
    try (Socket s = new Socket()) {
      // the handshake completes, then the RST comes; on a busy machine it can beat connect() back to the caller
      assertThatThrownBy(() -> {
        s.connect(a.address(), 2_000);
        s.setSoTimeout(5_000);
        s.getOutputStream().write(1);
        s.getInputStream().read();
      }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }
    assertThat(a.connections()).isEqualTo(before + 1);

    a.mode(BackendMode.HEALTHY);
    assertThat(roundTrip(a.address(), "back")).isEqualTo("back");
    assertThat(roundTrip(kit.endpoint().zone("us-east-1b").address(), "other zones never noticed"))
        .isEqualTo("other zones never noticed");
  }

  @Test
  void addedLatencyHoldsTheFirstByteBack() throws IOException {
    kit.reset();
    kit.endpoint().target(echo.address());
    ZoneFront c = kit.endpoint().zone("us-east-1c").latency(Duration.ofSeconds(2));
    try (Socket s = new Socket()) {
      s.connect(c.address(), 2_000);
      s.getOutputStream().write('x');
      s.setSoTimeout(100);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read()).isEqualTo('x');
    }
  }

  @Test
  void aFrontWithoutATargetClosesTheConnection() throws IOException {
    kit.reset();
    kit.endpoint().target(null);
    try (Socket s = new Socket()) {
      s.connect(kit.endpoint().zone("us-east-1a").address(), 2_000);
      s.setSoTimeout(5_000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }
}
