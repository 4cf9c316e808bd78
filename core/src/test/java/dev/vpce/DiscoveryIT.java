package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Discovery through the EC2 emulator: states, errors, paging, choice, throttling and refresh. */
class DiscoveryIT {
  static final String HOST = "orders.internal.example.com";
  static final String PAYMENTS = "com.amazonaws.vpce.us-east-1.vpce-svc-0a0a0a0a0a0a0a0a0";
  static final String MULTI = "com.amazonaws.vpce.us-east-1.vpce-svc-0b0b0b0b0b0b0b0b0";

  static String svc(int n) {
    return String.format("com.amazonaws.vpce.us-east-1.vpce-svc-%017d", n);
  }

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .endpoint(svc(1), e -> e.state("pendingAcceptance").id("vpce-00000000000000001"))
      .endpoint(svc(2), e -> e.state("pending"))
      .endpoint(svc(3), e -> e.state("rejected"))
      .endpoint(svc(4), e -> e.state("failed"))
      .endpoint(svc(5), e -> e.state("deleting"))
      .endpoint(svc(6), e -> e.state("deleted"))
      .endpoint(svc(7), e -> e.state("expired"))
      .endpoint(svc(8), e -> e.state("partial"))
      .endpoint(PAYMENTS, e -> e.privateDnsName("api.payments.example.com"))
      // three endpoints of one service: a pending one in our VPC, two available ones elsewhere
      .endpoint(MULTI, e -> e.id("vpce-0c000000000000001").state("pending"))
      .endpoint(MULTI, e -> e.id("vpce-0c000000000000003").vpcId("vpc-0aaaaaaaaaaaaaaa1"))
      .endpoint(MULTI, e -> e.id("vpce-0c000000000000002").vpcId("vpc-0aaaaaaaaaaaaaaa2")));

  LocalPrivateLink kit;
  Ec2Client ec2;
  PrivateLink privateLink;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(LocalPrivateLink kit) {
    this.kit = kit;
    ec2 = KitSupport.ec2(kit, kit.ownerAccount());
  }

  @AfterEach
  void stop() {
    if (privateLink != null) {
      privateLink.close();
    }
    ec2.close();
  }

  PrivateLink.Builder builder() {
    return KitSupport.privateLink(kit, ec2).listener(new PrivateLinkListener() {
      @Override
      public void refreshFailed(String host, String what, Throwable cause) {
        events.add("refresh failed " + what);
      }

      @Override
      public void endpointChanged(String host, Endpoint previous, Endpoint current) {
        events.add("changed " + current.state());
      }
    });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "1|pendingAcceptance|the service provider must accept the connection request",
      "2|pending|still provisioning",
      "3|rejected|rejected by the service provider",
      "4|failed|read its lastError",
      "5|deleting|is being deleted",
      "6|deleted|has been deleted",
      "7|expired|was never accepted",
      "8|partial|only partially available"})
  void eachStateThatIsNotAvailableRaisesItsOwnActionableError(int n, String state, String advice) {
    privateLink = builder().bind(HOST, svc(n)).build();
    String id = kit.endpoint(svc(n)).id();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOfSatisfying(EndpointStateException.class, e -> {
          assertThat(e.state()).isEqualTo(state);
          assertThat(e.endpointId()).isEqualTo(id);
          assertThat(e.host()).isEqualTo(HOST);
          assertThat(e.serviceName()).isEqualTo(svc(n));
        })
        .hasMessageContaining(HOST).hasMessageContaining(id).hasMessageContaining(svc(n))
        .hasMessageContaining(advice).hasMessageContaining("us-east-1a");
  }

  @Test
  void pendingAcceptanceNamesTheEndpointTheProviderMustAccept() {
    privateLink = builder().bind(HOST, svc(1)).build();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .hasMessageContaining("ask the provider to accept vpce-00000000000000001");
  }

  @Test
  void noEndpointInTheVpcNamesTheVpcAndTheService() {
    String missing = svc(99);
    privateLink = builder().bind(HOST, missing).build();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining(missing).hasMessageContaining(kit.vpcId()).hasMessageContaining("create one");
  }

  @Test
  void aMissingPermissionNamesTheIamAction() {
    kit.ec2().fault(Ec2Fault.UNAUTHORIZED);
    privateLink = builder().bind(HOST, PAYMENTS).build();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining("ec2:DescribeVpcEndpoints").hasMessageContaining(PAYMENTS);
  }

  @Test
  void neverTakesAnotherVpcsEndpointWhenTheVpcIsUnknownButAsksForVpcId() {
    kit.ec2().pageLimit(1);
    privateLink = builder().bind(HOST, MULTI).placementSources(List.of()).placement(Placement.ofZoneName("us-east-1a"))
        .build();
    assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOf(EndpointUnavailableException.class)
        .hasMessageContaining("several VPCs").hasMessageContaining("vpc-0aaaaaaaaaaaaaaa1")
        .hasMessageContaining("vpc-0aaaaaaaaaaaaaaa2").hasMessageContaining("vpcId");
    assertThat(kit.ec2().calls("DescribeVpcEndpoints")).as("three pages of one").isEqualTo(3);
  }

  @Test
  void choosesTheEndpointInTheGivenVpc() throws Exception {
    privateLink = builder().bind(HOST, MULTI).placementSources(List.of()).placement(Placement.ofZoneName("us-east-1a"))
        .vpcId("vpc-0aaaaaaaaaaaaaaa2").build();
    privateLink.resolve(HOST);
    assertThat(privateLink.endpoint(HOST).id()).isEqualTo("vpce-0c000000000000002");
    assertThat(privateLink.resolve(HOST).get(0)).isEqualTo(kit.endpoint("vpce-0c000000000000002")
        .zone("us-east-1a").ip());
  }

  @Test
  void bindsTheEndpointsPrivateDnsNameToo() throws Exception {
    privateLink = builder().bind(HOST, PAYMENTS).build();
    List<InetAddress> viaHost = privateLink.resolve(HOST);
    assertThat(privateLink.isBound("api.payments.example.com")).isTrue();
    assertThat(privateLink.resolve("api.payments.example.com")).containsExactlyInAnyOrderElementsOf(viaHost);
    assertThat(viaHost.get(0)).isEqualTo(kit.endpoint(PAYMENTS).zone("us-east-1a").ip());
  }

  @Test
  void theAutomaticPrivateDnsBindingCanBeTurnedOff() throws Exception {
    privateLink = builder().bind(Binding.builder(HOST).serviceName(PAYMENTS).bindPrivateDnsName(false).build())
        .build();
    privateLink.resolve(HOST);
    assertThat(privateLink.isBound("api.payments.example.com")).isFalse();
  }

  @Test
  void survivesThrottlingAtStartUp() throws Exception {
    kit.ec2().fault(Ec2Fault.THROTTLING, 3); // every attempt the SDK makes on the first call
    privateLink = builder().bind(HOST, PAYMENTS).build();
    assertThat(privateLink.resolve(HOST).get(0)).isEqualTo(kit.endpoint(PAYMENTS).zone("us-east-1a").ip());
    assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isEqualTo(4);
    assertThat(events).contains("refresh failed start-up");
  }

  @Test
  void keepsTheLastGoodDataWhileRefreshesAreThrottled() throws Exception {
    privateLink = builder().bind(HOST, PAYMENTS).refreshInterval(Duration.ofMillis(300)).build();
    List<InetAddress> before = privateLink.resolve(HOST);
    int calls = kit.ec2().calls("DescribeVpcEndpoints");
    kit.ec2().fault(Ec2Fault.THROTTLING);
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("refresh failed endpoint"));
    assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isGreaterThan(calls);
    assertThat(privateLink.resolve(HOST)).containsExactlyInAnyOrderElementsOf(before);
    kit.ec2().clearFault();
  }

  @Test
  void describesEachNetworkInterfaceOnceNotOnEveryRefresh() throws Exception {
    privateLink = builder().bind(HOST, PAYMENTS).refreshInterval(Duration.ofMillis(200)).build();
    privateLink.resolve(HOST);
    int enis = kit.ec2().calls("DescribeNetworkInterfaces");
    int rounds = kit.ec2().calls("DescribeVpcEndpoints");
    assertThat(enis).as("the first round described the endpoint's interfaces").isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> kit.ec2().calls("DescribeVpcEndpoints") >= rounds + 3);
    assertThat(kit.ec2().calls("DescribeNetworkInterfaces")).as("refreshes of the same interfaces")
        .isEqualTo(enis);
    assertThat(privateLink.endpoint(HOST).interfaces()).as("zones still known from the first description")
        .allSatisfy(eni -> assertThat(eni.zoneId()).isNotNull());
  }

  @Test
  void aThrottledInterfaceLookupDoesNotFailTheRoundThatFoundTheEndpoint() throws Exception {
    // one token and no refill: DescribeVpcEndpoints takes it, DescribeNetworkInterfaces is throttled
    kit.ec2().tokenBucket(1, 1, java.time.Clock.fixed(java.time.Instant.parse("2026-11-27T00:00:00Z"),
        java.time.ZoneOffset.UTC));
    privateLink = builder().bind(HOST, PAYMENTS).refreshInterval(Duration.ofMillis(200)).build();
    assertThat(privateLink.route(HOST).tier()).as("zonal from the zonal names alone").isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(kit.ec2().throttledCalls("DescribeNetworkInterfaces")).as("with the SDK's retries").isPositive();
    assertThat(privateLink.endpoint(HOST).interfaces()).as("not described yet").isEmpty();
    assertThat(events).doesNotContain("refresh failed start-up");

    kit.ec2().noTokenBucket();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(privateLink.endpoint(HOST).interfaces())
        .as("described by a later refresh").isNotEmpty().allSatisfy(eni -> assertThat(eni.zoneId()).isNotNull()));
  }

  @Test
  void anEndpointThatLeavesAvailableStopsRoutingAndComesBack() throws Exception {
    privateLink = builder().bind(HOST, PAYMENTS).refreshInterval(Duration.ofMillis(300)).build();
    privateLink.resolve(HOST);
    kit.endpoint(PAYMENTS).state("deleting");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOfSatisfying(EndpointStateException.class, e -> assertThat(e.state()).isEqualTo("deleting"))
        .hasMessageContaining("is being deleted"));
    assertThat(events).contains("changed deleting");

    kit.endpoint(PAYMENTS).state("available");
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .untilAsserted(() -> assertThat(privateLink.resolve(HOST)).isNotEmpty());
  }
}
