package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.MetadataFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each placement source against the kit's emulators, the time budget, and a shared VPC. */
class PlacementIT {
  static final String HOST = "orders.internal.example.com";
  static final String PARTICIPANT = "444455556666";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      // a shared VPC: the participant calls use1-az6 "us-east-1c"; the owner, whose names the zonal DNS names
      // carry, calls it "us-east-1a" and calls use1-az2 "us-east-1c"
      .account(PARTICIPANT, Map.of("use1-az6", "us-east-1c", "use1-az1", "us-east-1a", "use1-az2", "us-east-1b"))
      .callerAccount(PARTICIPANT)
      .instanceZone("use1-az6"));

  PrivateLink staticBinding(LocalPrivateLink kit, PrivateLink.Builder b) {
    return b.bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .nameResolver(KitSupport.dns(kit))
        .build();
  }

  Placement placementOf(LocalPrivateLink kit, PrivateLink.Builder b) throws Exception {
    // the budget is a hard deadline now: leave room for a loaded build machine
    try (PrivateLink pl = staticBinding(kit, b.placementBudget(Duration.ofSeconds(5)))) {
      pl.resolve(HOST);
      return pl.placement();
    }
  }

  @Test
  void explicitPlacementSkipsTheChain(LocalPrivateLink kit) throws Exception {
    Placement p = placementOf(kit, PrivateLink.builder().placement(Placement.ofZoneId("use1-az1")));
    assertThat(p.source()).isEqualTo(PlacementSourceKind.EXPLICIT);
    assertThat(kit.imds().tokenRequests()).isZero();
  }

  @Test
  void environmentVariablesOrSystemProperties(LocalPrivateLink kit) throws Exception {
    Placement p = placementOf(kit, PrivateLink.builder().placementSources(List.of(
        PlacementSource.environment(Map.of("VPCE_AVAILABILITY_ZONE_ID", "use1-az1")))));
    assertThat(p).isEqualTo(new Placement(null, null, "use1-az1", null, null, PlacementSourceKind.ENVIRONMENT));
  }

  @Test
  void ecsTaskMetadata(LocalPrivateLink kit) throws Exception {
    Placement p = placementOf(kit, PrivateLink.builder().placementSources(List.of(
        PlacementSource.ecsTaskMetadata(kit.ecs().uri()))));
    assertThat(p).isEqualTo(new Placement("us-east-1", "us-east-1c", null, kit.vpcId(), "127.0.0.1", PlacementSourceKind.ECS));
  }

  @Test
  void imdsV2(LocalPrivateLink kit) throws Exception {
    Placement p = placementOf(kit, PrivateLink.builder().placementSources(List.of(
        PlacementSource.imds(kit.imds().endpoint()))));
    assertThat(p).isEqualTo(new Placement("us-east-1", "us-east-1c", "use1-az6", kit.vpcId(), null, PlacementSourceKind.IMDS));
    assertThat(kit.imds().tokenRequests()).isEqualTo(1);
  }

  @Test
  void anEcsTaskWithoutAZoneFallsThroughToImds(LocalPrivateLink kit) throws Exception {
    kit.ecs().includeAvailabilityZone(false);
    Placement p = placementOf(kit, PrivateLink.builder().placementSources(List.of(
        PlacementSource.ecsTaskMetadata(kit.ecs().uri()), PlacementSource.imds(kit.imds().endpoint()))));
    assertThat(p.source()).isEqualTo(PlacementSourceKind.IMDS);
    assertThat(kit.ecs().requests()).isEqualTo(1);
  }

  @Test
  void aHangingImdsSpendsTheBudgetAndPlacementIsUnknownSoRoutesAreRegional(LocalPrivateLink kit) throws Exception {
    kit.imds().fault(MetadataFault.HANG);
    try (PrivateLink pl = staticBinding(kit, PrivateLink.builder()
        .placementBudget(Duration.ofMillis(400))
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint()),
            // would answer at once, but the budget is spent before it is asked
            PlacementSource.environment(Map.of("VPCE_AVAILABILITY_ZONE_ID", "use1-az1")))))) {
      Route route = pl.route(HOST);
      assertThat(pl.placement()).isEqualTo(Placement.UNKNOWN);
      assertThat(route.tier()).isEqualTo(RouteTier.REGIONAL);
      assertThat(route.localZone()).isNull();
      assertThat(kit.imds().tokenRequests()).isEqualTo(1);
    }
  }

  @Test
  void theDefaultChainCannotReachImdsFromATest(LocalPrivateLink kit) throws Exception {
    // the build sets AWS_EC2_METADATA_DISABLED=true for test JVMs, so the default IMDS source does not apply
    Placement p = placementOf(kit, PrivateLink.builder());
    assertThat(p.source()).isEqualTo(PlacementSourceKind.UNKNOWN);
  }

  @Test
  void aSharedVpcIsMatchedByAzIdNotByAzName(LocalPrivateLink kit) throws Exception {
    try (var ec2 = KitSupport.ec2(kit, kit.account(PARTICIPANT));
        PrivateLink pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName()).build()) {
      Route route = pl.route(HOST);
      assertThat(pl.placement().zoneName()).isEqualTo("us-east-1c"); // the participant's name for use1-az6
      assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(route.localZone()).as("the owner's name for use1-az6").isEqualTo("us-east-1a");
      assertThat(route.addresses().get(0)).isEqualTo(kit.endpoint().zone("use1-az6").ip())
          .isNotEqualTo(kit.endpoint().zone("us-east-1c").ip());
    }
  }
}
