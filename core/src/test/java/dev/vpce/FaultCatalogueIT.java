package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.MetadataFault;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Faults of the catalogue in benchmarks/RESULTS.md that no other test drove through vpce itself: EC2 server
 * errors and malformed answers at start-up, every endpoint state seen by a refresh, IMDS answering 401, and a
 * regional name that does not exist.
 */
class FaultCatalogueIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  @Test
  void anEc2InternalErrorAtStartUpNamesTheActionAndTheCode(LocalPrivateLink kit) {
    kit.ec2().fault(Ec2Fault.INTERNAL_ERROR);
    try (Ec2Client ec2 = KitSupport.ec2(kit, kit.ownerAccount());
        PrivateLink pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
            .startupTimeout(Duration.ofSeconds(2)).build()) {
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("vpce [" + HOST + "] has no route yet");
      // later calls fail at once with the last start-up error once a round has ended
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> pl.resolve(HOST))
          .isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("vpce [" + HOST + "] has no route yet (failing fast")
          .hasMessageContaining("ec2:DescribeVpcEndpoints failed: InternalError"));
    }
  }

  @Test
  void aMalformedEc2AnswerAtStartUpIsAFailureNotARoute(LocalPrivateLink kit) {
    kit.ec2().fault(Ec2Fault.MALFORMED_BODY);
    try (Ec2Client ec2 = KitSupport.ec2(kit, kit.ownerAccount());
        PrivateLink pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
            .startupTimeout(Duration.ofSeconds(2)).build()) {
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("vpce [" + HOST + "] has no route yet");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> pl.resolve(HOST))
          .isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("vpce [" + HOST + "] has no route yet (failing fast")
          .hasMessageContaining("ec2:DescribeVpcEndpoints failed: Unable to unmarshall response"));
    }
  }

  @Test
  void anImdsAnswering401LeavesThePlacementUnknownAndTheRouteRegional(LocalPrivateLink kit) throws Exception {
    kit.imds().fault(MetadataFault.UNAUTHORIZED);
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .nameResolver(KitSupport.dns(kit))
        .placementBudget(Duration.ofSeconds(5))
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint())))
        .build()) {
      Route route = pl.route(HOST);
      assertThat(pl.placement().source()).isEqualTo(PlacementSourceKind.UNKNOWN);
      assertThat(route.tier()).isEqualTo(RouteTier.REGIONAL);
      assertThat(route.addresses()).containsExactlyInAnyOrderElementsOf(kit.endpoint().addresses());
    }
  }

  @Test
  void aRegionalNameThatIsNxdomainIsRetriedWhileTheLocalZonalNameServes(LocalPrivateLink kit) throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    kit.dns().fault(regional, DnsFault.NXDOMAIN);
    String log = LogCapture.during(() -> {
      try (PrivateLink pl = PrivateLink.builder()
          .bind(Binding.builder(HOST).regionalDnsName(regional).build())
          .nameResolver(KitSupport.dns(kit))
          .placement(Placement.ofZoneName("us-east-1a"))
          .build()) {
        assertThat(pl.resolve(HOST)).containsExactly(kit.endpoint().address("us-east-1a"));
        assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      }
    });
    assertThat(log).contains("vpce [" + HOST + "] the regional name " + regional + " does not resolve yet")
        .contains("NXDOMAIN").contains("retrying");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pending|",
      "pendingAcceptance|",
      "partial|",
      "rejected|was rejected by the service provider",
      "failed|failed to be created or modified; read its lastError",
      "expired|expired: the connection request was never accepted",
      "deleting|is being deleted; create a new interface endpoint for",
      "deleted|has been deleted; create a new interface endpoint for"})
  void everyStateSeenByARefreshKeepsTheRouteOrEndsItWithTheStatesMessage(String state, String ending, LocalPrivateLink kit)
      throws Exception {
    try (Ec2Client ec2 = KitSupport.ec2(kit, kit.ownerAccount());
        PrivateLink pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
            .refreshInterval(Duration.ofMillis(200)).build()) {
      List<InetAddress> good = pl.resolve(HOST);
      kit.endpoint().state(state);
      await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(pl.endpoint(HOST).state()));
      if (ending == null) {
        assertThat(pl.resolve(HOST)).as("a state in progress keeps the route").containsExactlyInAnyOrderElementsOf(good);
      } else {
        // the endpoint's new state is published just before the route ends
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> pl.resolve(HOST))
            .isInstanceOfSatisfying(EndpointStateException.class, e -> assertThat(e.state()).isEqualTo(state))
            .hasMessageContaining("vpce [" + HOST + "] endpoint " + kit.endpoint().id())
            .hasMessageContaining(ending));
      }
      kit.endpoint().state("available");
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .untilAsserted(() -> assertThat(pl.resolve(HOST)).containsExactlyInAnyOrderElementsOf(good));
    }
  }
}
