package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7, bullets 4 and 5 of the opening list: never another VPC's endpoint (Fargate task metadata has no
 * VPCID), and the EC2 client in the caller's Region, so cross-Region endpoints are found.
 */
class VpcAndRegionIT {
  static final String HOST = "orders.internal.example.com";
  static final String SERVICE = LocalPrivateLink.DEFAULT_SERVICE_NAME;
  static final String OTHER_VPC = "vpc-0aaaaaaaaaaaaaaa1";
  /** Another VPC's endpoint for the same service, with a lower ID than ours (dev/stage/prod in one account). */
  static final String OTHER_VPCS_ENDPOINT = "vpce-00000000000000001";
  /** A cross-Region endpoint: in the kit's Region (us-east-1), for a service in us-west-2. */
  static final String CROSS_REGION = "com.amazonaws.vpce.us-west-2.vpce-svc-0c0c0c0c0c0c0c0c0";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .endpoint(SERVICE, e -> e.id(OTHER_VPCS_ENDPOINT).vpcId(OTHER_VPC))
      .endpoint(CROSS_REGION));

  @Test
  void onFargateFindsTheVpcFromTheTaskAddressAndNeverTakesAnotherVpcsEndpoint(LocalPrivateLink kit) throws Exception {
    kit.ecs().fargate(true); // no VPCID in task metadata
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .placementSources(List.of(PlacementSource.ecsTaskMetadata(kit.ecs().uri())))
        .placementBudget(java.time.Duration.ofSeconds(5))
        .bind(HOST, SERVICE).build()) {
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint(LocalPrivateLink.DEFAULT_ENDPOINT_ID)
          .zone("us-east-1a").ip());
      assertThat(pl.placement().vpcId()).isNull();
      assertThat(pl.placement().privateIpv4()).isEqualTo(LocalPrivateLink.TASK_ADDRESS);
      assertThat(pl.endpoint(HOST).id()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(pl.endpoint(HOST).vpcId()).isEqualTo(kit.vpcId());
      assertThat(kit.ec2().calls("DescribeNetworkInterfaces")).isPositive();
    }
  }

  @Test
  void withTheVpcUnknownAndEndpointsInSeveralVpcsItFailsAskingForVpcId(LocalPrivateLink kit) {
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .placement(Placement.ofZoneName("us-east-1a")).region("us-east-1")
        .bind(HOST, SERVICE).build()) {
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("several VPCs").hasMessageContaining(OTHER_VPC).hasMessageContaining(kit.vpcId())
          .hasMessageContaining("vpcId");
    }
  }

  @Test
  void findsACrossRegionEndpointWithTheCallersRegionFromThePlacement(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint())))
        .placementBudget(java.time.Duration.ofSeconds(5))
        .bind(HOST, CROSS_REGION).build()) {
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint(CROSS_REGION).zone("us-east-1a").ip());
      assertThat(pl.placement().region()).isEqualTo("us-east-1");
      assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    }
  }

  @Test
  void findsACrossRegionEndpointWithAnExplicitRegion(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .placement(Placement.ofZoneName("us-east-1b")).region("us-east-1").vpcId(kit.vpcId())
        .bind(HOST, CROSS_REGION).build()) {
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint(CROSS_REGION).zone("us-east-1b").ip());
    }
  }

  @Test
  void withNoRegionAnywhereItSaysHowToSetOne(LocalPrivateLink kit) {
    // the build gives test JVMs no AWS_REGION and no IMDS, so the SDK's region chain finds nothing either
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount()).placement(Placement.UNKNOWN)
        .bind(HOST, CROSS_REGION).build()) {
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("Region").hasMessageContaining("region(");
    }
  }
}
