package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  static final String REGIONAL =
      "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  @Test
  void classifiesEndpointNamesByPatternNotPosition() {
    assertThat(Names.isRegionalName(REGIONAL)).isTrue();
    assertThat(Names.zoneOfZonalName(REGIONAL)).isNull();
    String zonal = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1b.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
    assertThat(Names.zoneOfZonalName(zonal)).isEqualTo("us-east-1b");
    assertThat(Names.isRegionalName(zonal)).isFalse();
    assertThat(Names.zoneOfZonalName("vpce-08a979e28f97a9f7c-4r5zme9n-us-east-2c.monitoring.us-east-2.vpce.amazonaws.com"))
        .isEqualTo("us-east-2c");
    assertThat(Names.zoneOfZonalName("*.vpce-1a2b3c4d5e6f1a2b3-9hnenorg-us-east-1a.s3.us-east-1.vpce.amazonaws.com"))
        .isEqualTo("us-east-1a");
    assertThat(Names.isRegionalName("*.vpce-1a2b3c4d5e6f1a2b3-9hnenorg.s3.us-east-1.vpce.amazonaws.com")).isTrue();
    assertThat(Names.isEndpointName("api.payments.example.com")).isFalse();
  }

  @Test
  void derivesZonalNamesByTheDocumentedRule() {
    assertThat(Names.zonalNameFor(REGIONAL, "us-east-1c")).isEqualTo(
        "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1c.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com");
  }

  @Test
  void readsTheRegionOfBothKindsOfServiceName() {
    assertThat(Names.regionOf("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0")).isEqualTo("eu-west-1");
    assertThat(Names.regionOf("com.amazonaws.us-east-2.ecr.dkr")).isEqualTo("us-east-2");
  }

  @Test
  void knowsZoneNamesFromZoneIds() {
    assertThat(Names.isZoneId("use1-az6")).isTrue();
    assertThat(Names.isZoneId("usw2-lax1-az1")).isTrue();
    assertThat(Names.isZoneId("us-east-1a")).isFalse();
    assertThat(Names.ZONE_NAME.matcher("us-east-1-bos-1a").matches()).isTrue();
  }
}
