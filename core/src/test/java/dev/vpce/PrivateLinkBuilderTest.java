package dev.vpce;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.placement.PlacementSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration fails at build(), naming the setting and the value. */
class PrivateLinkBuilderTest {
  static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

  @Test
  void rejectsAMalformedServiceName() {
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", "vpce-svc-0123").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binding[orders.example.com].serviceName").hasMessageContaining("'vpce-svc-0123'")
        .hasMessageContaining("com.amazonaws.vpce.<region>.vpce-svc-");
  }

  /** Forms checked against AWS documentation in {@code NamesTest}; nothing here touches the network. */
  @Test
  void acceptsTheServiceNameFormsOfEveryPartition() {
    for (String service : List.of("cn.com.amazonaws.cn-north-1.ecr.dkr", "com.amazonaws.cn-northwest-1.s3",
        "cn.com.amazonaws.vpce.cn-north-1.vpce-svc-0123456789abcdef0", "com.amazonaws.us-gov-west-1.s3",
        "aws.sagemaker.us-east-1.notebook", "com.amazonaws.s3-global.accesspoint")) {
      PrivateLink.builder().bind("orders.example.com", service).discovery(new FakeDiscovery())
          .placement(Placement.ofZoneName("us-east-1a")).build().close();
    }
  }

  @Test
  void rejectsAMalformedRegionOrEc2Endpoint() {
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE).region("useast1").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region").hasMessageContaining("'useast1'");
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .ec2Endpoint(java.net.URI.create("ec2.internal")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ec2Endpoint")
        .hasMessageContaining("'ec2.internal'");
  }

  @Test
  void rejectsNegativeOrZeroDurations() {
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .refreshInterval(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshInterval").hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .breakerOpenWait(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("breakerOpenWait");
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .breakerFailureThreshold(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breakerFailureThreshold must be at least 1, but was 0");
  }

  @Test
  void rejectsAnUnknownZone() {
    assertThatThrownBy(() -> PrivateLink.builder().bind(Binding.builder("db.example.com")
        .regionalDnsName("vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")
        .zonalDnsName("zone-a", "x.example.com").build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zonalDnsName zone").hasMessageContaining("'zone-a'");
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .placement(Placement.ofZoneName("east")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("placement.zoneName").hasMessageContaining("'east'");
    assertThatThrownBy(() -> PrivateLink.builder().bind("orders.example.com", SERVICE)
        .placementSources(List.of(PlacementSource.environment(Map.of("VPCE_AVAILABILITY_ZONE_ID", "az6")))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VPCE_AVAILABILITY_ZONE_ID").hasMessageContaining("'az6'");
  }

  @Test
  void rejectsBindingsThatAreNeitherOrBothAndDuplicateHosts() {
    assertThatThrownBy(() -> PrivateLink.builder().bind(Binding.builder("a.example.com").build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binding[a.example.com]").hasMessageContaining("neither");
    assertThatThrownBy(() -> PrivateLink.builder().bind("a.example.com", SERVICE).bind("A.example.com", SERVICE)
        .build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A.example.com' is bound twice");
    assertThatThrownBy(() -> PrivateLink.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bindings must not be empty");
    assertThatThrownBy(() -> PrivateLink.builder().bind("not a host", SERVICE).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binding.host")
        .hasMessageContaining("'not a host'");
  }

  @Test
  void rejectsAMalformedVpcId() {
    assertThatThrownBy(() -> PrivateLink.builder().bind("a.example.com", SERVICE).vpcId("vpc-xyz").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vpcId").hasMessageContaining("'vpc-xyz'");
  }
}
