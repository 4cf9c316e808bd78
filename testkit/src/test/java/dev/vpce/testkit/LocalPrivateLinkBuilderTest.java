package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad builder input fails before anything starts, naming the field and the value. */
class LocalPrivateLinkBuilderTest {
  @Test
  void rejectsAMalformedRegion() {
    assertThatThrownBy(() -> LocalPrivateLink.builder().region("US-EAST-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region").hasMessageContaining("'US-EAST-1'");
  }

  @Test
  void rejectsAnEndpointInAnUnknownZone() {
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.zones("us-east-1a", "us-east-1q")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zones").hasMessageContaining("'us-east-1q'");
  }

  @Test
  void rejectsAZoneOfAnotherRegion() {
    assertThatThrownBy(() -> LocalPrivateLink.builder().zone("eu-west-1a", "euw1-az1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone.name").hasMessageContaining("'eu-west-1a'");
  }

  @Test
  void rejectsMalformedServiceNames() {
    assertThatThrownBy(() -> LocalPrivateLink.builder().endpoint("com.amazonaws.vpce.us-east-1.svc-123").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint.serviceName").hasMessageContaining("'com.amazonaws.vpce.us-east-1.svc-123'");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint("com.amazonaws.vpce.eu-west-x.vpce-svc-0123456789abcdef0").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com.amazonaws.vpce.<region>");
  }

  @Test
  void acceptsAnotherRegionsServiceAsACrossRegionEndpointInTheKitsRegion() {
    try (LocalPrivateLink kit = LocalPrivateLink.builder()
        .endpoint("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0").build()) {
      EmulatedEndpoint e = kit.endpoint("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0");
      assertThat(e.serviceRegion()).isEqualTo("eu-west-1");
      assertThat(e.regionalDnsName()).endsWith(".vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com");
    }
  }

  @Test
  void rejectsMalformedIds() {
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.id("vpce-XYZ")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".id").hasMessageContaining("'vpce-XYZ'");
    assertThatThrownBy(() -> LocalPrivateLink.builder().vpcId("vpc-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vpcId").hasMessageContaining("'vpc-1'");
    assertThatThrownBy(() -> LocalPrivateLink.builder().zone("us-east-1a", "az6").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone.id").hasMessageContaining("'az6'");
  }

  @Test
  void rejectsDuplicateAddressesAndAddressesOffLoopback() {
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.address("us-east-1b", "127.0.1.1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address[us-east-1b]").hasMessageContaining("'127.0.1.1'");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.address("us-east-1a", "192.0.2.10")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address[us-east-1a]").hasMessageContaining("127.0.0.0/8");
  }

  @Test
  void rejectsIpv6AddressesOffLoopbackTwiceUsedOrOfUnknownIpTypes() {
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.ipv6Address("us-east-1a", "2001:db8::1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ipv6Address[us-east-1a] must be the IPv6 loopback address ::1, but was '2001:db8::1'");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.ipv6Address("us-east-1a", "::1")
            .ipv6Address("us-east-1b", "::1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ipv6Address[us-east-1b] '::1' is already used");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.ipAddressType("ipv5")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ipAddressType must be one of ipv4, dualstack, ipv6, but was 'ipv5'");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.dnsRecordIpType("both")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnsRecordIpType must be one of ipv4, dualstack, ipv6, service-defined, but was 'both'");
  }

  @Test
  void rejectsUnknownStatesAndDuplicateZonesOrIds() {
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.state("Available")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state").hasMessageContaining("'Available'").hasMessageContaining("pendingAcceptance");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .zone("us-east-1a", "use1-az6").zone("us-east-1b", "use1-az6").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'use1-az6' is given twice");
    assertThatThrownBy(() -> LocalPrivateLink.builder()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.id("vpce-0a1b2c3d4e5f67890"))
        .endpoint("com.amazonaws.us-east-1.s3", e -> e.id("vpce-0a1b2c3d4e5f67890")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given to two endpoints");
  }

  @Test
  void rejectsIncompleteAccountMappingsAndUnknownCallers() {
    assertThatThrownBy(() -> LocalPrivateLink.builder().account("444455556666", Map.of("use1-az6", "us-east-1a"))
        .build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zoneNamesById");
    assertThatThrownBy(() -> LocalPrivateLink.builder().callerAccount("999999999999").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'999999999999'");
    assertThatThrownBy(() -> LocalPrivateLink.builder().instanceZone("us-east-1z").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceZone")
        .hasMessageContaining("'us-east-1z'");
  }

  @Test
  void rejectsNegativeTtls() {
    assertThatThrownBy(() -> LocalPrivateLink.builder().dnsTtl(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dnsTtl").hasMessageContaining("PT-1S");
  }
}
