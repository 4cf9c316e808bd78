package dev.vpce.http;

import dev.vpce.testkit.TlsServer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.MutableClock;
import dev.vpce.PrivateLink;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The async client follows the route and moves on after a refused TCP connect. It reports no outcomes, so
 * it must never take a breaker's trial.
 */
class Hc5AsyncIT {
  static final String HOST = "orders.internal.example.com";
  static TlsServer tls;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final MutableClock clock = new MutableClock();
  CloseableHttpAsyncClient http;

  @BeforeAll
  static void startTls() throws Exception {
    tls = new TlsServer(HOST);
  }

  @AfterAll
  static void stopTls() {
    tls.close();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(tls.address());
    tls.clearSeen();
    privateLink = HttpAdapterContract.boundTo(kit, HOST).clock(clock).build();
    http = PrivateLinkHttpClient5.builder(privateLink).connectTimeout(Duration.ofMillis(500))
        .sslContext(tls.clientContext()).buildAsync();
    http.start();
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    privateLink.close();
  }

  int get(String path) throws Exception {
    SimpleHttpRequest request = SimpleRequestBuilder.get("https://" + HOST + ":" + endpoint.port() + path).build();
    return http.execute(request, null).get().getCode();
  }

  @Test
  void usesTheLocalZoneWithSniAndHostOnTheHostname() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/close")).isEqualTo(200);
    }
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(3);
    assertThat(tls.seen()).allSatisfy(s -> {
      assertThat(s.sni()).isEqualTo(HOST);
      assertThat(s.host()).startsWith(HOST);
    });
  }

  @Test
  void movesToTheRegionalAddressesWhenTheLocalZoneRefuses() throws Exception {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    for (int i = 0; i < 3; i++) {
      assertThat(get("/close")).isEqualTo(200);
    }
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isEqualTo(3);
  }

  @Test
  void neverTakesABreakersTrialItWouldNotReport() throws Exception {
    InetSocketAddress local = endpoint.zone("us-east-1a").address();
    get("/close");
    int before = endpoint.zone("us-east-1a").connections();
    for (int i = 0; i < 3; i++) {
      privateLink.connectFailed(local, new ConnectException("Connection refused")); // as a reporting client saw
    }
    clock.advance(Duration.ofSeconds(5).plusMillis(1)); // the open wait has passed: a trial is due
    for (int i = 0; i < 3; i++) {
      assertThat(get("/close")).isEqualTo(200);
    }
    assertThat(endpoint.zone("us-east-1a").connections()).as("no trial went to the async client").isEqualTo(before);
    assertThat(privateLink.resolve(HOST).get(0)).as("the trial waits for a reporting caller")
        .isEqualTo(local.getAddress());
  }
}
