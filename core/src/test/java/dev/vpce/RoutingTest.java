package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.http.hc5.PrivateLinkDnsResolver;
import dev.vpce.internal.ManualScheduler;
import dev.vpce.micrometer.PrivateLinkMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Route logic with a fake resolver and a hand-driven clock; the same paths over real sockets are in the ITs. */
class RoutingTest {
  static final String HOST = "orders.internal.example.com";
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
  static final String ZONAL_A = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
  static final String ZONAL_B = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1b.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
  static final InetAddress A = FakeNameResolver.ip("127.0.1.1");
  static final InetAddress B = FakeNameResolver.ip("127.0.1.2");
  static final InetAddress C = FakeNameResolver.ip("127.0.1.3");
  static final InetAddress D = FakeNameResolver.ip("127.0.1.4");
  static final Duration TCP = Duration.ofMillis(1);

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeNameResolver dns = new FakeNameResolver()
      .answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.2", "127.0.1.1", "127.0.1.3")
      .answer(ZONAL_A, Duration.ofSeconds(60), "127.0.1.1")
      .answer(ZONAL_B, Duration.ofSeconds(60), "127.0.1.2");
  final List<String> events = new ArrayList<>();
  PrivateLink privateLink;

  PrivateLink start(Placement placement, Binding binding) {
    privateLink = PrivateLink.builder()
        .startupTimeout(Duration.ofMillis(200))
        .bind(binding)
        .placement(placement)
        .nameResolver(dns)
        .clock(clock)
        .scheduler(() -> scheduler)
        .listener(new PrivateLinkListener() {
          @Override
          public void routeTierChanged(String host, RouteTier previous, Route current) {
            events.add("tier " + previous + "->" + current.tier());
          }

          @Override
          public void failOpen(Route route) {
            events.add("fail-open " + route.addresses().size());
          }

          @Override
          public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {
            events.add("breaker " + target.getAddress().getHostAddress() + ":" + target.getPort() + " " + to);
          }
        })
        .build();
    scheduler.runDue();
    return privateLink;
  }

  PrivateLink startStatic() {
    return start(Placement.ofZoneName("us-east-1a"), Binding.builder(HOST).regionalDnsName(REGIONAL).build());
  }

  static InetSocketAddress https(InetAddress a) {
    return new InetSocketAddress(a, 443);
  }

  void refuse(InetAddress a, int times) {
    for (int i = 0; i < times; i++) {
      privateLink.connectFailed(https(a), new ConnectException("Connection refused"));
    }
  }

  @AfterEach
  void close() {
    if (privateLink != null) {
      privateLink.close();
    }
  }

  @Test
  void putsTheLocalZoneFirstThenTheRegionalAddressesWithoutDuplicates() throws Exception {
    startStatic();
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    assertThat(privateLink.resolve("ORDERS.internal.example.com")).containsExactly(A, B, C);
    Route route = privateLink.route(HOST);
    assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(route.localZone()).isEqualTo("us-east-1a");
    assertThat(dns.queries(ZONAL_A)).as("derived from the regional name").isPositive();
  }

  @Test
  void resolveNeverWaitsOnDnsOnceWarm() throws Exception {
    startStatic();
    int before = dns.queries(REGIONAL) + dns.queries(ZONAL_A);
    for (int i = 0; i < 1_000; i++) {
      privateLink.resolve(HOST);
    }
    assertThat(dns.queries(REGIONAL) + dns.queries(ZONAL_A)).isEqualTo(before);
  }

  @Test
  void movesAnAddressWithAnOpenBreakerToTheEndAndReturnsAfterASuccessfulTrial() throws Exception {
    startStatic();
    refuse(A, 3);
    assertThat(privateLink.resolve(HOST)).containsAnyOf(B, C).endsWith(A);
    assertThat(privateLink.route(HOST).addresses()).endsWith(A);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.REGIONAL);
    assertThat(events).contains("breaker 127.0.1.1:443 OPEN", "tier LOCAL_ZONE->REGIONAL");

    clock.advance(Duration.ofSeconds(5).plusMillis(1));
    assertThat(privateLink.resolve(HOST)).as("the one trial").containsExactly(A, B, C);
    assertThat(privateLink.resolve(HOST)).as("everyone else meanwhile").endsWith(A);
    privateLink.connectSucceeded(https(A), TCP);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    assertThat(events).contains("breaker 127.0.1.1:443 CLOSED", "tier REGIONAL->LOCAL_ZONE");
  }

  @Test
  void failsOpenWithEveryAddressWhenEveryBreakerIsOpen() throws Exception {
    startStatic();
    for (InetAddress a : List.of(A, B, C)) {
      refuse(a, 3);
    }
    assertThat(privateLink.resolve(HOST)).containsExactlyInAnyOrder(A, B, C);
    assertThat(privateLink.route(HOST).failOpen()).isTrue();
    assertThat(events).contains("fail-open 3");
  }

  @Test
  void routesRegionallyWhenThePlacementIsUnknown() throws Exception {
    start(Placement.UNKNOWN, Binding.builder(HOST).regionalDnsName(REGIONAL).build());
    assertThat(privateLink.resolve(HOST)).as("the regional order, spread by rotation")
        .isIn(List.of(B, A, C), List.of(A, C, B), List.of(C, B, A));
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.REGIONAL);
    assertThat(privateLink.route(HOST).localZone()).isNull();
  }

  @Test
  void matchesStaticZonalNamesByAzIdWhenThePlacementGivesTheId() throws Exception {
    start(Placement.ofZoneId("use1-az1"), Binding.builder(HOST).regionalDnsName(REGIONAL)
        .zonalDnsName("use1-az6", ZONAL_A).zonalDnsName("use1-az1", ZONAL_B).build());
    assertThat(privateLink.resolve(HOST)).containsExactly(B, A, C);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(privateLink.route(HOST).localZone()).isEqualTo("use1-az1");
  }

  @Test
  void followsDnsChangesFromBackgroundRefreshes() throws Exception {
    startStatic();
    dns.answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.2", "127.0.1.1");
    scheduler.advance(Duration.ofSeconds(45));
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B);
  }

  @Test
  void saysSoForAnUnboundHost() {
    startStatic();
    assertThatThrownBy(() -> privateLink.resolve("other.example.com"))
        .isInstanceOf(UnboundHostException.class).hasMessageContaining("'other.example.com'");
    assertThat(privateLink.isBound("other.example.com")).isFalse();
    assertThat(privateLink.isBound(HOST)).isTrue();
  }

  @Test
  void aBindingWhoseRegionalNameDoesNotResolveFailsWithTheNameInTheMessage() {
    start(Placement.UNKNOWN, Binding.builder(HOST)
        .regionalDnsName("vpce-0ffffffffffffffff-aaaaaaaa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")
        .build());
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining(HOST).hasMessageContaining("vpce-0ffffffffffffffff-aaaaaaaa");
  }

  @Test
  void countsRoutesByTier() throws Exception {
    startStatic();
    privateLink.resolve(HOST);
    privateLink.resolve(HOST);
    assertThat(privateLink.routeCounts().get(HOST)).containsEntry(RouteTier.LOCAL_ZONE, 2L)
        .containsEntry(RouteTier.REGIONAL, 0L);
  }

  @Test
  void failuresOnAnotherPortOfAnAddressDoNotMoveItForThePortThatWorks() throws Exception {
    startStatic();
    privateLink.connectSucceeded(https(A), TCP);
    for (int i = 0; i < 3; i++) {
      privateLink.connectFailed(new InetSocketAddress(A, 22), new ConnectException("Connection refused"));
    }
    assertThat(privateLink.breakerStates()).containsEntry(new InetSocketAddress(A, 22), BreakerState.OPEN)
        .containsEntry(https(A), BreakerState.CLOSED);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(events).contains("breaker 127.0.1.1:22 OPEN").noneMatch(e -> e.startsWith("tier"));
  }

  @Test
  void theAddressDueForATrialComesFirstEvenBehindHealthyOnes() throws Exception {
    startStatic();
    refuse(C, 3);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    clock.advance(Duration.ofSeconds(5).plusMillis(1));
    assertThat(privateLink.resolve(HOST)).as("the trial caller really tries C").containsExactly(C, A, B);
    assertThat(privateLink.resolve(HOST)).as("one trial at a time").containsExactly(A, B, C);
    privateLink.connectSucceeded(https(C), TCP);
    assertThat(privateLink.breakerStates()).containsEntry(https(C), BreakerState.CLOSED);
  }

  @Test
  void callersThatDoNotReportNeverTakeATrial() throws Exception {
    startStatic();
    refuse(A, 3);
    clock.advance(Duration.ofSeconds(5).plusMillis(1));
    PrivateLinkDnsResolver bare = new PrivateLinkDnsResolver(privateLink);
    for (int i = 0; i < 5; i++) {
      assertThat(privateLink.route(HOST).addresses()).endsWith(A);
      assertThat(bare.resolve(HOST)).endsWith(A);
    }
    assertThat(privateLink.breakerStates()).containsEntry(https(A), BreakerState.OPEN);
    assertThat(privateLink.resolve(HOST)).as("the trial is still there for a reporting caller")
        .startsWith(A);
  }

  @Test
  void breakersOfAnAddressThatLeftEveryRouteAreDroppedAfterTenMinutes() throws Exception {
    startStatic();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PrivateLinkMetrics(privateLink).bindTo(registry);
    refuse(A, 3);
    assertThat(registry.get("vpce.breakers").tags("state", "open").gauge().value()).isEqualTo(1);

    dns.answer(ZONAL_A, Duration.ofSeconds(60), "127.0.1.4")
        .answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.2", "127.0.1.4", "127.0.1.3");
    scheduler.advance(Duration.ofSeconds(61));
    assertThat(privateLink.resolve(HOST)).containsExactly(D, B, C);
    assertThat(privateLink.breakerStates()).as("within the grace period").containsKey(https(A));

    scheduler.advance(Duration.ofMinutes(10));
    assertThat(privateLink.breakerStates()).doesNotContainKey(https(A));
    assertThat(registry.get("vpce.breakers").tags("state", "open").gauge().value()).isZero();
    assertThat(privateLink.connectFailed(https(A), new ConnectException("refused"))).as("no longer routed")
        .isFalse();
    assertThat(privateLink.breakerStates()).doesNotContainKey(https(A));
  }

  @Test
  void fallbackSpreadsNewConnectionsOverTheHealthyOtherAddresses() throws Exception {
    startStatic();
    refuse(A, 3);
    Map<InetAddress, Integer> first = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      List<InetAddress> route = privateLink.resolve(HOST);
      assertThat(route).endsWith(A).containsExactlyInAnyOrder(A, B, C);
      first.merge(route.get(0), 1, Integer::sum);
    }
    assertThat(first).containsOnlyKeys(B, C);
    assertThat(first.get(B)).as("about half each").isBetween(100, 300);
    assertThat(first.get(C)).isBetween(100, 300);
  }

  @Test
  void theLocalZoneIsNotSpreadWhileItIsHealthy() throws Exception {
    startStatic();
    for (int i = 0; i < 50; i++) {
      assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    }
  }

  @Test
  void connectTimeoutGivesTheAdaptiveDeadlineOnlyForRoutedAddressesAndOnlyWhenOn() throws Exception {
    startStatic();
    Duration caller = Duration.ofSeconds(2);
    assertThat(privateLink.connectTimeout(https(A), caller)).as("no estimate yet").isEqualTo(caller);
    for (int i = 0; i < 10; i++) {
      privateLink.connectSucceeded(https(A), TCP);
    }
    assertThat(privateLink.connectTimeout(https(A), caller)).isEqualTo(Duration.ofMillis(50));
    InetSocketAddress unbound = new InetSocketAddress(FakeNameResolver.ip("127.0.9.9"), 443);
    privateLink.connectSucceeded(unbound, TCP);
    assertThat(privateLink.connectTimeout(unbound, caller)).isEqualTo(caller);
  }

  @Test
  void theAdaptiveDeadlineIsOffWhenTheBuilderSaysSo() throws Exception {
    privateLink = PrivateLink.builder().bind(Binding.builder(HOST).regionalDnsName(REGIONAL).build())
        .placement(Placement.ofZoneName("us-east-1a")).nameResolver(dns).clock(clock).scheduler(() -> scheduler)
        .adaptiveConnectDeadline(false).build();
    scheduler.runDue();
    privateLink.resolve(HOST);
    for (int i = 0; i < 10; i++) {
      privateLink.connectSucceeded(https(A), TCP);
    }
    assertThat(privateLink.connectTimeout(https(A), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
  }
}
