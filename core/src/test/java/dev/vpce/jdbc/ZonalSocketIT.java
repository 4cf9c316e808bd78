package dev.vpce.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.PrivateLink;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EchoServer;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The socket every vpce socket factory hands to its driver, driven directly against an echo server. */
class ZonalSocketIT {
  static final String HOST = "echo-db.corp.example.com";
  static EchoServer echo;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final JdbcSupport.Outcomes outcomes = new JdbcSupport.Outcomes();
  PostgresSocketFactory factory;

  @BeforeAll
  static void startServer() throws IOException {
    echo = new EchoServer();
  }

  @AfterAll
  static void stopServer() throws IOException {
    echo.close();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(echo.address());
    privateLink = JdbcSupport.boundTo(kit, HOST).listener(outcomes).build();
    VpceJdbc.register(privateLink);
    factory = new PostgresSocketFactory();
  }

  @AfterEach
  void stop() {
    VpceJdbc.unregister(privateLink);
    privateLink.close();
  }

  InetSocketAddress logical() {
    return InetSocketAddress.createUnresolved(HOST, endpoint.port());
  }

  static String echo(Socket s, String text) throws IOException {
    byte[] out = text.getBytes(StandardCharsets.US_ASCII);
    s.getOutputStream().write(out);
    s.getOutputStream().flush();
    byte[] in = s.getInputStream().readNBytes(out.length);
    return new String(in, StandardCharsets.US_ASCII);
  }

  @Test
  void theRegionalAddressesKeepTheirShareOfTheConnectTimeout() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    try (Socket s = factory.createSocket()) {
      s.connect(logical(), 600); // without a split, the blackholed local address would take all of it
      assertThat(echo(s, "ping")).isEqualTo("ping");
      assertThat(s.getInetAddress()).isIn(endpoint.zone("us-east-1b").ip(), endpoint.zone("us-east-1c").ip());
    }
    assertThat(outcomes.failedAddresses).containsExactly(endpoint.zone("us-east-1a").ip());
    assertThat(outcomes.counted.get()).isEqualTo(1);
  }

  @Test
  void eachAddressButTheLastGetsAtMostHalfOfWhatRemains() throws IOException {
    for (String z : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
      endpoint.zone(z).mode(BackendMode.BLACKHOLE);
    }
    try (Socket s = factory.createSocket()) {
      assertThatThrownBy(() -> s.connect(logical(), 800))
          .isInstanceOfSatisfying(ZonalConnectException.class, e -> {
            assertThat(e.host()).isEqualTo(HOST);
            assertThat(e.attempts()).hasSize(3);
            assertThat(e.attempts().get(0).zone()).isEqualTo("local zone us-east-1a");
            int first = share(e.attempts().get(0).error());
            int second = share(e.attempts().get(1).error());
            assertThat(first).as("the first address: at most half of 800 ms").isBetween(1, 400);
            assertThat(second).as("the second: at most half of what the first left").isBetween(1, (800 - first) / 2);
            assertThat(e.attempts().get(2).error()).as("the last address gets all that remains")
                .doesNotContain("share").contains("after the remaining");
            assertThat(e.getMessage()).contains("within the connect timeout of 800 ms", "tried 3");
            assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
          });
    }
    assertThat(outcomes.counted.get()).isEqualTo(3);
  }

  static int share(String error) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("after its share of (\\d+) ms").matcher(error);
    assertThat(m.find()).as(error).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void withNoConnectTimeoutEachAddressButTheLastGetsTwoSeconds() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    try (Socket s = factory.createSocket(HOST, endpoint.port())) { // connect(address), no timeout
      assertThat(echo(s, "ping")).isEqualTo("ping");
      assertThat(s.getInetAddress()).isNotEqualTo(endpoint.zone("us-east-1a").ip());
    }
    assertThat(outcomes.counted.get()).isEqualTo(1);
    assertThat(ZonalSocket.NO_TIMEOUT_SHARE).hasSeconds(2);
  }

  @Test
  void aResetBeforeTheServerSpeaksMovesOnAndSendsWhatWasWrittenAgain() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.RESET);
    try (Socket s = factory.createSocket()) {
      s.connect(logical(), 2000);
      assertThat(echo(s, "startup packet")).as("the bytes written to the reset zone reach the next one")
          .isEqualTo("startup packet");
      assertThat(s.getInetAddress()).isNotEqualTo(endpoint.zone("us-east-1a").ip());
      assertThat(echo(s, "query")).isEqualTo("query");
    }
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(1);
    assertThat(outcomes.failedAddresses).containsExactly(endpoint.zone("us-east-1a").ip());
    assertThat(outcomes.counted.get()).isEqualTo(1);
  }

  @Test
  void optionsSetBeforeTheConnectApplyToTheSocketThatConnects() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    try (Socket s = factory.createSocket()) {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.setSoTimeout(4321);
      s.connect(logical(), 2000);
      assertThat(s.getTcpNoDelay()).isTrue();
      assertThat(s.getKeepAlive()).isTrue();
      assertThat(s.getSoTimeout()).isEqualTo(4321);
      assertThat(echo(s, "x")).isEqualTo("x");
    }
  }

  @Test
  void aHostNoPrivateLinkBindsConnectsAsAPlainSocket() throws IOException {
    try (Socket s = factory.createSocket()) {
      s.connect(echo.address(), 2000);
      assertThat(echo(s, "plain")).isEqualTo("plain");
    }
    assertThat(endpoint.fronts()).allMatch(f -> f.connections() == 0);
  }
}
