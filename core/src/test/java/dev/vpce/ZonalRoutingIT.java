package dev.vpce;

import static dev.vpce.KitSupport.call;
import static dev.vpce.KitSupport.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.KitSupport.Call;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EchoServer;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Zonal-first routing over real sockets: the local zone while healthy, regional when it fails, back after. */
class ZonalRoutingIT {
  static final String HOST = "orders.internal.example.com";
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
  static EchoServer server;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  LocalPrivateLink kit;
  EmulatedEndpoint endpoint;
  Ec2Client ec2;
  PrivateLink privateLink;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws IOException {
    server = new EchoServer();
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    this.kit = kit;
    this.endpoint = kit.endpoint().target(server.address());
    ec2 = KitSupport.ec2(kit, kit.ownerAccount());
    privateLink = KitSupport.privateLink(kit, ec2)
        .bind(HOST, endpoint.serviceName())
        .breakerOpenWait(Duration.ofMillis(500))
        .listener(new PrivateLinkListener() {
          @Override
          public void failOpen(Route route) {
            events.add("fail-open");
          }

          @Override
          public void routeTierChanged(String host, RouteTier previous, Route current) {
            events.add(previous + "->" + current.tier());
          }
        })
        .build();
  }

  @AfterEach
  void stop() {
    privateLink.close();
    ec2.close();
  }

  InetAddress zone(String name) {
    return endpoint.zone(name).ip();
  }

  @Test
  void aHealthyLocalZoneServesEveryRequest() throws IOException {
    List<Call> done = calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 20);
    assertThat(done).extracting(Call::servedBy).containsOnly(zone("us-east-1a"));
    assertThat(done).extracting(Call::failedConnects).containsOnly(0);
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(20);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(privateLink.placement().source()).isEqualTo(PlacementSourceKind.IMDS);
  }

  @ParameterizedTest(name = "local zone {0}")
  @EnumSource(value = BackendMode.class, names = {"REFUSE", "BLACKHOLE", "RESET"})
  void aFailingLocalZoneCostsNoRequestAndAtMostTheThresholdOfFailedConnects(BackendMode mode) throws IOException {
    endpoint.zone("us-east-1a").mode(mode);

    List<Call> done = calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 10);

    assertThat(done).as("every request is served, regionally, in the same call")
        .extracting(Call::servedBy).doesNotContain(zone("us-east-1a"));
    assertThat(done.stream().mapToInt(Call::failedConnects).sum()).as("one failed connect each until the breaker opens")
        .isEqualTo(3);
    assertThat(done.subList(3, 10)).as("then the zone is skipped").extracting(Call::failedConnects).containsOnly(0);
    assertThat(done.get(9).route().get(0)).isNotEqualTo(zone("us-east-1a"));
    assertThat(done.get(9).route()).endsWith(zone("us-east-1a"));
    assertThat(privateLink.route(HOST).tier()).isIn(RouteTier.OTHER_ZONE, RouteTier.REGIONAL);
    assertThat(privateLink.breakerStates())
        .containsEntry(new InetSocketAddress(zone("us-east-1a"), endpoint.port()), BreakerState.OPEN);
    assertThat(events).contains("LOCAL_ZONE->" + privateLink.route(HOST).tier());
  }

  @Test
  void theLocalZoneReturnsAfterItRecovers() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 5);
    assertThat(privateLink.route(HOST).tier()).isNotEqualTo(RouteTier.LOCAL_ZONE);

    endpoint.zone("us-east-1a").mode(BackendMode.HEALTHY);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> call(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT).servedBy().equals(zone("us-east-1a")));

    List<Call> after = calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 5);
    assertThat(after).extracting(Call::servedBy).containsOnly(zone("us-east-1a"));
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(events).anyMatch(e -> e.endsWith("->LOCAL_ZONE"));
  }

  @Test
  void aTrialToAStillFailingZoneCostsOneConnectPerBackOff() throws IOException {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 5);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> call(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT).failedConnects() == 1);
    // the failed trial reopened the breaker with a doubled wait: the next calls skip the zone again
    assertThat(calls(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT, 5))
        .extracting(Call::failedConnects).containsOnly(0);
  }

  @Test
  void failsOpenWhenEveryZoneIsDown() throws IOException {
    for (String z : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
      endpoint.zone(z).mode(BackendMode.REFUSE);
    }
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> call(privateLink, HOST, endpoint.port(), CONNECT_TIMEOUT))
          .isInstanceOf(IOException.class);
    }
    Route route = privateLink.route(HOST);
    assertThat(route.failOpen()).isTrue();
    assertThat(route.addresses()).containsExactlyInAnyOrder(zone("us-east-1a"), zone("us-east-1b"), zone("us-east-1c"));
    assertThat(events).contains("fail-open");
  }
}
