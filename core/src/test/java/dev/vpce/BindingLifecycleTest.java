package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.discovery.DiscoveryException;
import dev.vpce.internal.ManualScheduler;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binding state machine on a hand-driven clock and scheduler: every input (a discovery answer or
 * error, a DNS answer, a placement) through the same path, at start-up and on refresh. No sleeps.
 */
class BindingLifecycleTest {
  static final String HOST = "orders.internal.example.com";
  static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  static final String OTHER_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210";
  static final String VPC = "vpc-0fedcba9876543210";
  static final String ID = "vpce-0a1b2c3d4e5f67890";
  static final String REGIONAL = RoutingTest.REGIONAL;
  static final String ZONAL_A = RoutingTest.ZONAL_A;
  static final String ZONAL_B = RoutingTest.ZONAL_B;
  static final InetAddress A = RoutingTest.A;
  static final InetAddress B = RoutingTest.B;
  static final InetAddress C = RoutingTest.C;
  static final Duration REFRESH = Duration.ofMinutes(5);

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeNameResolver dns = new FakeNameResolver()
      .answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.2", "127.0.1.1", "127.0.1.3")
      .answer(ZONAL_A, Duration.ofSeconds(60), "127.0.1.1")
      .answer(ZONAL_B, Duration.ofSeconds(60), "127.0.1.2");
  final FakeDiscovery ec2 = new FakeDiscovery().endpoint(endpoint("available"));
  final List<String> events = new CopyOnWriteArrayList<>();
  PrivateLink privateLink;

  static Endpoint endpoint(String state) {
    return endpoint(SERVICE, ID, state);
  }

  static Endpoint endpoint(String service, String id, String state) {
    return new Endpoint(id, service, VPC, state, "111122223333", REGIONAL,
        Map.of("us-east-1a", ZONAL_A, "us-east-1b", ZONAL_B), null,
        List.of(new Endpoint.Eni("eni-0a", "127.0.1.1", "us-east-1a", "use1-az6"),
            new Endpoint.Eni("eni-0b", "127.0.1.2", "us-east-1b", "use1-az1"),
            new Endpoint.Eni("eni-0c", "127.0.1.3", "us-east-1c", "use1-az2")));
  }

  PrivateLink.Builder builder() {
    return PrivateLink.builder()
        .startupTimeout(Duration.ofMillis(200))
        .discovery(ec2)
        .vpcId(VPC)
        .nameResolver(dns)
        .refreshInterval(REFRESH)
        .clock(clock)
        .scheduler(() -> scheduler)
        .random(new Random(42))
        .listener(new PrivateLinkListener() {
          @Override
          public void refreshFailed(String host, String what, Throwable cause) {
            events.add("refresh failed " + what);
          }

          @Override
          public void placementResolved(Placement placement) {
            events.add("placement " + placement.source());
          }
        });
  }

  PrivateLink start(PrivateLink.Builder b) {
    privateLink = b.build();
    scheduler.runDue();
    return privateLink;
  }

  PrivateLink start() {
    return start(builder().bind(HOST, SERVICE).placement(Placement.ofZoneName("us-east-1a")));
  }

  @AfterEach
  void close() {
    if (privateLink != null) {
      privateLink.close();
    }
  }

  static DiscoveryException throttled() {
    return new DiscoveryException(DiscoveryException.Reason.THROTTLED, "EC2 throttled DescribeVpcEndpoints", null);
  }

  static DiscoveryException denied() {
    return new DiscoveryException(DiscoveryException.Reason.ACCESS_DENIED,
        "the caller may not call ec2:DescribeVpcEndpoints (UnauthorizedOperation)", null);
  }

  static DiscoveryException noCredentials() {
    return new DiscoveryException(DiscoveryException.Reason.NO_CREDENTIALS,
        "no AWS credentials for ec2:DescribeVpcEndpoints: Unable to load credentials from any of the providers", null);
  }

  // ---------------------------------------------------------------- the data plane decides

  @Test
  void keepsTheRouteThroughEveryKindOfControlPlaneFailureAndItsRefreshesGoOn() throws Exception {
    start();
    List<InetAddress> good = privateLink.resolve(HOST);
    assertThat(good).containsExactly(A, B, C);
    for (Exception failure : List.of(throttled(), denied(), noCredentials(),
        new DiscoveryException(DiscoveryException.Reason.FAILED, "ec2:DescribeVpcEndpoints failed: HTTP 500", null),
        new IllegalStateException("malformed answer"))) {
      ec2.fail(failure);
      int before = ec2.calls();
      scheduler.advance(Duration.ofHours(1));
      assertThat(ec2.calls()).as("still asking after %s", failure).isGreaterThan(before);
      assertThat(privateLink.resolve(HOST)).as("after an hour of %s", failure).isEqualTo(good);
    }
    assertThat(events).contains("refresh failed endpoint").doesNotContain("refresh failed start-up");
  }

  @Test
  void keepsTheRouteWhileTheEndpointIsPendingOrMissingFromOneAnswer() throws Exception {
    start();
    List<InetAddress> good = privateLink.resolve(HOST);
    ec2.replace(endpoint("pending")); // a ModifyVpcEndpoint in progress: the ENIs keep serving
    scheduler.advance(REFRESH.multipliedBy(3));
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
    assertThat(privateLink.endpoint(HOST).state()).isEqualTo("pending");

    ec2.replace(endpoint("available")).emptyAnswers(true);
    advanceToNextRound();
    assertThat(privateLink.resolve(HOST)).as("missing from one answer").isEqualTo(good);
    ec2.emptyAnswers(false);
    advanceToNextRound();
    ec2.emptyAnswers(true);
    advanceToNextRound();
    assertThat(privateLink.resolve(HOST)).as("missing again, but not twice in a row").isEqualTo(good);
  }

  /** Runs exactly one more discovery round. */
  void advanceToNextRound() {
    int before = ec2.calls();
    while (ec2.calls() == before) {
      scheduler.advance(Duration.ofSeconds(10));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rejected", "failed", "expired", "deleting", "deleted"})
  void aStateThatMeansGoneEndsTheRouteWithItsMessageAndTheNextGoodAnswerRestoresIt(String state) throws Exception {
    start();
    List<InetAddress> good = privateLink.resolve(HOST);
    ec2.replace(endpoint(state));
    advanceToNextRound();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOfSatisfying(EndpointStateException.class, e -> assertThat(e.state()).isEqualTo(state))
        .hasMessageContaining(ID).hasMessageContaining(HOST);

    ec2.replace(endpoint("available"));
    advanceToNextRound();
    assertThat(privateLink.resolve(HOST)).as("back by itself on the next good answer").isEqualTo(good);
  }

  @Test
  void anEndpointMissingFromTwoAnswersInARowEndsTheRouteAndComesBackWhenListedAgain() throws Exception {
    start();
    List<InetAddress> good = privateLink.resolve(HOST);
    ec2.emptyAnswers(true);
    advanceToNextRound();
    advanceToNextRound();
    assertThatThrownBy(() -> privateLink.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining("no interface endpoint").hasMessageContaining(SERVICE);
    ec2.emptyAnswers(false);
    advanceToNextRound();
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
  }

  // ---------------------------------------------------------------- fail fast after the first wait

  @Test
  void aLastingCauseAtStartUpReleasesTheFirstCallerAtOnceWithOneClearLine() throws Exception {
    ec2.fail(noCredentials());
    start(builder().startupTimeout(Duration.ofMinutes(10)).bind(HOST, SERVICE)
        .placement(Placement.ofZoneName("us-east-1a")));
    // were the first call to wait for start-up, it would wait ten minutes: it is released at once instead
    assertThatThrownBy(() -> privateLink.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining("no AWS credentials were found").hasMessageContaining("a static binding")
        .hasMessageContaining("needs none").hasMessageContaining("Unable to load credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    ec2.fail(denied());
    scheduler.advance(REFRESH.multipliedBy(3));
    assertThatThrownBy(() -> privateLink.resolve(HOST)).hasMessageContaining("ec2:DescribeVpcEndpoints")
        .hasMessageContaining("UnauthorizedOperation");
    ec2.clear();
    scheduler.advance(REFRESH.multipliedBy(3));
    assertThat(privateLink.resolve(HOST)).as("fixed permissions: routes by itself").isNotEmpty();
  }

  @Test
  void onlyTheFirstCallWaitsForStartUpLaterCallsFailAtOnceWithTheLastError() throws Exception {
    ec2.fail(throttled());
    start();
    assertThatThrownBy(() -> privateLink.resolve(HOST)).hasMessageContaining("after waiting 200 ms")
        .hasMessageContaining("EC2 throttled");
    assertThatThrownBy(() -> privateLink.resolve(HOST)).hasMessageContaining("failing fast")
        .hasMessageContaining("EC2 throttled");
    ec2.clear();
    scheduler.advance(Duration.ofMinutes(15));
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
  }

  @Test
  void closeReleasesACallerWaitingForStartUpWithAnUnknownHostException() throws Exception {
    ec2.fail(throttled());
    start(builder().startupTimeout(Duration.ofMinutes(10)).bind(HOST, SERVICE)
        .placement(Placement.ofZoneName("us-east-1a")));
    CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        privateLink.resolve(HOST);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    while (!waiter.isDone() && !waitingForStartUp()) {
      Thread.onSpinWait();
    }
    privateLink.close();
    assertThat(waiter.get(30, TimeUnit.SECONDS)).as("released by close, not by the 10 min start-up timeout")
        .isInstanceOf(PrivateLinkClosedException.class).isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> privateLink.resolve(HOST)).isInstanceOf(PrivateLinkClosedException.class);
  }

  private static boolean waitingForStartUp() {
    return Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
        .anyMatch(f -> f.getMethodName().equals("current") && f.getClassName().endsWith("BindingLifecycle"));
  }

  // ---------------------------------------------------------------- everything re-evaluates

  @Test
  void anUnknownPlacementIsAskedAgainAndRoutesTurnZonalWhenItIsKnown() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    PlacementSource flaky = new PlacementSource() {
      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public Placement locate(Duration timeout) throws IOException {
        if (asked.incrementAndGet() < 3) {
          throw new IOException("metadata service answered 500");
        }
        return new Placement("us-east-1", "us-east-1a", "use1-az6", null, null, PlacementSourceKind.CUSTOM);
      }
    };
    start(builder().bind(HOST, SERVICE).placementSources(List.of(flaky)));
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.REGIONAL);
    assertThat(privateLink.placement().source()).isEqualTo(PlacementSourceKind.UNKNOWN);
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(asked.get()).isEqualTo(3);
    assertThat(privateLink.placement().source()).isEqualTo(PlacementSourceKind.CUSTOM);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
    assertThat(events).containsSubsequence("placement UNKNOWN", "placement CUSTOM");
  }

  @Test
  void aLocalZonalNameThatFailedToResolveIsRetriedAndTheRouteTurnsZonal() throws Exception {
    // no interface described (DescribeNetworkInterfaces denied or throttled): only the zonal name places A
    ec2.replace(new Endpoint(ID, SERVICE, VPC, "available", "111122223333", REGIONAL,
        Map.of("us-east-1a", ZONAL_A, "us-east-1b", ZONAL_B), null, List.of()));
    dns.fail(ZONAL_A, new IOException("SERVFAIL"));
    start();
    assertThat(privateLink.route(HOST).tier()).isNotEqualTo(RouteTier.LOCAL_ZONE);
    dns.answer(ZONAL_A, Duration.ofSeconds(60), "127.0.1.1");
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
  }

  @Test
  void whileTheLocalZonalNameFailsTheInterfacesKeepTheLocalZonesAddressFirst() throws Exception {
    dns.fail(ZONAL_A, new IOException("SERVFAIL"));
    start();
    assertThat(privateLink.resolve(HOST)).as("EC2 places A in us-east-1a: first, out of the regional answer B, A, C")
        .containsExactly(A, B, C);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(privateLink.route(HOST).localZone()).isEqualTo("us-east-1a");

    dns.answer(ZONAL_A, Duration.ofSeconds(60), "127.0.1.4"); // retried: its answer goes first again
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(privateLink.resolve(HOST)).containsExactly(RoutingTest.D, A, B, C);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
  }

  @Test
  void aPlacementByAzIdFindsTheZonalNameThroughTheInterfacesAzNamesWhileItFails() throws Exception {
    dns.fail(ZONAL_B, new IOException("SERVFAIL"));
    start(builder().bind(HOST, SERVICE).placement(Placement.ofZoneId("use1-az1")));
    assertThat(privateLink.resolve(HOST)).containsExactly(B, A, C);
    Route route = privateLink.route(HOST);
    assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(route.localZone()).isEqualTo("us-east-1b");
    assertThat(privateLink.status().binding(HOST).dnsNames()).as("kept and retried").extracting(DnsNameStatus::name)
        .containsExactly(ZONAL_B, REGIONAL);
  }

  @Test
  void aZonalNameThatAnswersWithAnotherZonesInterfaceIsNeverTakenForTheLocalOne() throws Exception {
    // the zonal names carry the owner's AZ names; the interfaces, described by this account, its own names: the
    // owner's us-east-1a (use1-az6) is this account's us-east-1b, and this account's us-east-1a is use1-az1
    ec2.replace(new Endpoint(ID, SERVICE, VPC, "available", "444455556666", REGIONAL,
        Map.of("us-east-1a", ZONAL_A, "us-east-1b", ZONAL_B), null,
        List.of(new Endpoint.Eni("eni-0a", "127.0.1.1", "us-east-1b", "use1-az6"),
            new Endpoint.Eni("eni-0b", "127.0.1.2", "us-east-1a", "use1-az1"),
            new Endpoint.Eni("eni-0c", "127.0.1.3", "us-east-1c", "use1-az2"))));
    dns.fail(ZONAL_B, new IOException("SERVFAIL")); // the owner's us-east-1b, the name of this process's zone
    start(builder().bind(HOST, SERVICE).placement(Placement.ofZoneId("use1-az1")));
    assertThat(privateLink.resolve(HOST)).as("not ZONAL_A's 127.0.1.1, which EC2 places in use1-az6")
        .containsExactly(B, A, C);
    Route route = privateLink.route(HOST);
    assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(route.localZone()).isEqualTo("use1-az1");
    assertThat(privateLink.status().binding(HOST).dnsNames()).extracting(DnsNameStatus::name)
        .containsExactly(REGIONAL);
  }

  @Test
  void theTierIsRegionalWhenThePlacementIsUnknownEvenWhenTheAddressesZonesAreKnown() throws Exception {
    start(builder().bind(HOST, SERVICE).placement(Placement.UNKNOWN));
    Route route = privateLink.route(HOST);
    assertThat(route.localZone()).isNull();
    assertThat(route.tier()).isEqualTo(RouteTier.REGIONAL);
  }

  // ---------------------------------------------------------------- fleet-safe control plane

  @Test
  void bindingsShareOneDescribeCallPerRound() throws Exception {
    ec2.endpoint(endpoint(OTHER_SERVICE, "vpce-0b1b2c3d4e5f67890", "available"));
    start(builder().bind(HOST, SERVICE).bind("billing.internal.example.com", OTHER_SERVICE)
        .bind("orders-too.internal.example.com", SERVICE).placement(Placement.ofZoneName("us-east-1a")));
    assertThat(privateLink.resolve("billing.internal.example.com")).isNotEmpty();
    assertThat(privateLink.resolve("orders-too.internal.example.com")).isNotEmpty();
    assertThat(ec2.calls()).as("one call for three bindings of two services").isEqualTo(1);
    scheduler.advance(REFRESH.dividedBy(2).minusSeconds(1));
    assertThat(ec2.calls()).as("the first refresh comes after half an interval at the earliest").isEqualTo(1);
    scheduler.advance(REFRESH.plusSeconds(1)); // and after one and a half at the latest
    assertThat(ec2.calls()).as("and one per refresh").isEqualTo(2);
  }

  @Test
  void aLinkageErrorInARoundIsRetriedNotTheEndOfDiscovery() throws Exception {
    start();
    privateLink.resolve(HOST);
    ec2.error(new NoClassDefFoundError("org/reactivestreams/Publisher"));
    int before = ec2.calls();
    scheduler.advance(REFRESH.multipliedBy(2));
    assertThat(ec2.calls()).as("the failed round ran").isGreaterThan(before);
    assertThat(events).contains("refresh failed endpoint");
    assertThat(privateLink.resolve(HOST)).as("the last good route stays").containsExactly(A, B, C);

    ec2.clear();
    int failedAt = ec2.calls();
    scheduler.advance(REFRESH.multipliedBy(20));
    assertThat(ec2.calls()).as("rounds go on after the error").isGreaterThan(failedAt);
  }

  @Test
  void aThrottledBindingCallsEc2NoMoreOftenThanAHealthyOne() throws Exception {
    start();
    privateLink.resolve(HOST);
    Duration span = Duration.ofHours(24);
    int before = ec2.calls();
    scheduler.advance(span);
    double healthy = (ec2.calls() - before) / (double) span.toHours();
    ec2.fail(throttled());
    before = ec2.calls();
    scheduler.advance(span);
    double throttled = (ec2.calls() - before) / (double) span.toHours();
    System.out.printf("EC2 calls per hour (unit, fake discovery, 24 h on the injected clock): healthy %.1f, "
        + "throttled %.1f%n", healthy, throttled);
    assertThat(healthy).isBetween(11.0, 13.5);
    assertThat(throttled).isLessThanOrEqualTo(healthy);
    assertThat(privateLink.resolve(HOST)).containsExactly(A, B, C);
  }

  // ---------------------------------------------------------------- lifecycle edges

  @Test
  void nullArgumentsNameTheParameter() {
    start();
    assertThatThrownBy(() -> privateLink.resolve(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> privateLink.route(null)).hasMessageContaining("host");
    assertThatThrownBy(() -> privateLink.connectSucceeded(null, Duration.ofMillis(1))).hasMessageContaining("target");
    assertThatThrownBy(() -> privateLink.connectSucceeded(new InetSocketAddress(A, 443), null))
        .hasMessageContaining("connectTime");
    assertThatThrownBy(() -> privateLink.connectFailed(new InetSocketAddress(A, 443), null)).hasMessageContaining("cause");
    assertThatThrownBy(() -> privateLink.isBound(null)).hasMessageContaining("host");
  }

  @Test
  void whenTheLastBreakerOpensTheLogSaysFailingOpenNotHealthyAgain() throws Exception {
    start();
    String log = LogCapture.during(() -> {
      for (InetAddress a : List.of(B, C, A)) {
        for (int i = 0; i < 3; i++) {
          privateLink.connectFailed(new InetSocketAddress(a, 443), new ConnectException("Connection refused"));
        }
      }
    });
    assertThat(privateLink.route(HOST).failOpen()).isTrue();
    assertThat(log).contains("failing open").doesNotContain("healthy again");
  }
}
