package dev.vpce.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLink;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalPrivateLinksIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  @Test
  void oneLineWiresDiscoveryDnsAndPlacementToTheKit(LocalPrivateLink kit) throws Exception {
    try (PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build()) {
      Route route = privateLink.route(HOST);
      assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(route.addresses().get(0)).isEqualTo(kit.endpoint().address("us-east-1a"));
      assertThat(privateLink.placement()).isEqualTo(new dev.vpce.Placement("us-east-1", "us-east-1a", "use1-az6",
          LocalPrivateLink.DEFAULT_VPC_ID, null, PlacementSourceKind.EXPLICIT));
      assertThat(privateLink.endpoint(HOST).id()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isPositive();
      assertThat(kit.imds().tokenRequests()).isZero();
      assertThat(kit.dns().queries(kit.endpoint().regionalDnsName())).isPositive();
    }
  }

  @Test
  void followsTheKitsInstanceZone(LocalPrivateLink kit) throws Exception {
    kit.instanceZone("us-east-1c");
    try (PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build()) {
      assertThat(privateLink.route(HOST).addresses().get(0)).isEqualTo(kit.endpoint().address("us-east-1c"));
    }
  }

  @Test
  void rejectsAMissingKit() {
    assertThatThrownBy(() -> LocalPrivateLinks.builder(null)).hasMessageContaining("kit must not be null");
  }
}
