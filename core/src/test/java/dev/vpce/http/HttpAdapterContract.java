package dev.vpce.http;

import dev.vpce.testkit.TlsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.Binding;
import dev.vpce.BreakerState;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every HTTP adapter must do, over real TLS through the kit's zone fronts: the local zone while it is
 * healthy, the regional addresses in the same call when it refuses or blackholes, back after recovery,
 * SNI and Host on the logical hostname, verification never weakened, and HTTP status codes ignored.
 */
abstract class HttpAdapterContract {
  static final String HOST = "orders.internal.example.com";
  static final String WRONG = "wrong.internal.example.com";
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  static TlsServer tls;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  LocalPrivateLink kit;
  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final AtomicInteger countedFailures = new AtomicInteger();
  /** Trials of the local zone's breaker (its open wait is 500 ms here): each may add one counted failure. */
  final AtomicInteger trials = new AtomicInteger();

  /** A PrivateLink with static bindings of these hosts to the kit's endpoint, placed in us-east-1a. */
  static PrivateLink.Builder boundTo(LocalPrivateLink kit, String... hosts) {
    PrivateLink.Builder b = PrivateLink.builder()
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofMillis(500)));
    for (String host : hosts) {
      b.bind(Binding.builder(host).regionalDnsName(kit.endpoint().regionalDnsName()).build());
    }
    return b;
  }

  /** One GET with a client built for this adapter; returns the status code. */
  abstract int get(String host, String path) throws Exception;

  abstract void startClient() throws Exception;

  /** Replaces the client with one whose connect timeout is this; adapters with the adaptive deadline only. */
  void restartClient(Duration connectTimeout) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no adaptive connect deadline yet");
  }

  abstract void stopClient() throws Exception;

  @BeforeAll
  static void startTls() throws Exception {
    tls = new TlsServer(HOST);
  }

  @AfterAll
  static void stopTls() {
    tls.close();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) throws Exception {
    this.kit = kit;
    this.endpoint = kit.endpoint().target(tls.address());
    tls.clearSeen();
    privateLink = boundTo(kit, HOST, WRONG)
        // long enough that the requests after a breaker opens finish before its first trial on a loaded machine
        .breakerOpenWait(Duration.ofSeconds(2))
        .listener(new PrivateLinkListener() {
          @Override
          public void connectFailed(InetSocketAddress target, IOException cause, boolean counted) {
            if (counted) {
              countedFailures.incrementAndGet();
            }
          }

          @Override
          public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {
            if (to == BreakerState.HALF_OPEN) {
              trials.incrementAndGet();
            }
          }
        })
        .build();
    startClient();
  }

  @AfterEach
  void stop() throws Exception {
    stopClient();
    privateLink.close();
  }

  int connections(String zone) {
    return endpoint.zone(zone).connections();
  }

  @Test
  void aHealthyLocalZoneServesEveryRequestWithSniAndHostOnTheHostname() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get(HOST, "/close")).isEqualTo(200);
    }
    // on a saturated machine a loopback connect can outlast the adaptive deadline's 50 ms floor: that is a
    // counted failure, and its request moves on; vpce never leaves the local zone without one
    int cut = countedFailures.get();
    assertThat(connections("us-east-1b") + connections("us-east-1c")).as("requests that left the local zone")
        .isEqualTo(cut);
    assertThat(connections("us-east-1a")).isGreaterThanOrEqualTo(5 - cut);
    assertThat(tls.seen()).hasSize(5);
    assertThat(tls.seen()).allSatisfy(s -> {
      assertThat(s.sni()).isEqualTo(HOST);
      assertThat(s.host()).startsWith(HOST);
    });
  }

  @Test
  void aRefusingLocalZoneCostsNoRequestAndOpensItsBreaker() throws Exception {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    for (int i = 0; i < 6; i++) {
      assertThat(get(HOST, "/close")).as("served regionally in the same call").isEqualTo(200);
    }
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isEqualTo(6);
    assertThat(countedFailures).hasValue(3);
    assertThat(privateLink.breakerStates()).containsEntry(endpoint.zone("us-east-1a").address(), BreakerState.OPEN);
  }

  @Test
  void aBlackholedLocalZoneDelaysAtMostTheThresholdOfRequestsByOneConnectTimeout() throws Exception {
    endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    for (int i = 0; i < 6; i++) {
      assertThat(get(HOST, "/close")).isEqualTo(200);
    }
    assertThat(countedFailures).as("one timed-out connect per request until the breaker opens")
        .hasValue(3 + trials.get());
    for (int i = 0; i < 4; i++) {
      assertThat(get(HOST, "/close")).isEqualTo(200);
    }
    assertThat(countedFailures).as("then no further delay but a failed trial's").hasValue(3 + trials.get());
  }

  @Test
  void newConnectionsReturnToTheLocalZoneAfterItRecovers() throws Exception {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    for (int i = 0; i < 4; i++) {
      get(HOST, "/close");
    }
    endpoint.zone("us-east-1a").mode(BackendMode.HEALTHY);
    int before = connections("us-east-1a");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      get(HOST, "/close");
      return connections("us-east-1a") > before;
    });
    int now = connections("us-east-1a");
    for (int i = 0; i < 3; i++) {
      get(HOST, "/close");
    }
    assertThat(connections("us-east-1a")).isEqualTo(now + 3);
  }

  @Test
  void anHttp5xxDoesNotOpenABreaker() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(get(HOST, "/fail")).isEqualTo(503);
    }
    assertThat(privateLink.breakerStates().values()).doesNotContain(BreakerState.OPEN);
    assertThat(countedFailures).hasValue(0);
    // at least one connection each; HttpClient 5 also retries a 503 once by default
    assertThat(connections("us-east-1a")).isGreaterThanOrEqualTo(6);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isZero();
  }

  @Test
  void aWrongHostnameFailsVerificationAndDoesNotCountAgainstTheZone() {
    assertThatThrownBy(() -> get(WRONG, "/close")).isInstanceOf(IOException.class);
    assertThat(tls.seen()).isEmpty();
    assertThat(countedFailures).hasValue(0);
    assertThat(privateLink.breakerStates().values()).doesNotContain(BreakerState.OPEN);
  }

  @Test
  void aSlowerButHealthyLocalZoneKeepsItsTrafficAndItsBreakerClosed() throws Exception {
    endpoint.zone("us-east-1a").latency(Duration.ofMillis(150)); // each TLS handshake is 150 ms slower
    for (int i = 0; i < 4; i++) {
      assertThat(get(HOST, "/close")).isEqualTo(200);
    }
    assertThat(connections("us-east-1a")).isEqualTo(4);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isZero();
    assertThat(countedFailures).hasValue(0);
    assertThat(privateLink.breakerStates().values()).containsOnly(BreakerState.CLOSED);
  }

  /**
   * For adapters that use the adaptive connect deadline: with a 30 s connect timeout, a blackholed local
   * zone costs its first requests the deadline learnt from earlier connects, never the 30 s, and opens the
   * breaker after the usual three counted failures.
   */
  void assertABlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout() throws Exception {
    Duration callerTimeout = Duration.ofSeconds(30);
    restartClient(callerTimeout);
    for (int i = 0; i < 3; i++) {
      assertThat(get(HOST, "/close")).isEqualTo(200); // learns the local zone's connect time
    }
    assertThat(privateLink.connectTimeout(endpoint.zone("us-east-1a").address(), callerTimeout))
        .as("an estimate exists").isLessThan(callerTimeout);
    endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      assertThat(get(HOST, "/close")).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("request %d moved on before the caller's timeout", i)
          .isLessThan(callerTimeout);
    }
    assertThat(countedFailures).as("each timed-out connect counted until the breaker opened, then trials only")
        .hasValue(3 + trials.get());
    assertThat(privateLink.breakerStates()).containsEntry(endpoint.zone("us-east-1a").address(), BreakerState.OPEN);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isEqualTo(5);
  }
}
