package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoneKeysTest {
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  static Endpoint endpoint(Endpoint.Eni... enis) {
    return new Endpoint("vpce-0a1b2c3d4e5f67890", null, null, "available", null, REGIONAL, Map.of(), null,
        List.of(enis));
  }

  @Test
  void anAzNameBecomesTheAzIdTheInterfacesGiveIt() {
    ZoneKeys keys = ZoneKeys.of(endpoint(new Endpoint.Eni("eni-0a", "127.0.1.1", "us-east-1a", "use1-az6"),
        new Endpoint.Eni("eni-0b", "127.0.1.2", "us-east-1b", "use1-az1")), Placement.ofZoneName("us-east-1b"));
    assertThat(keys.key("us-east-1a")).isEqualTo("use1-az6");
    assertThat(keys.key("use1-az6")).isEqualTo("use1-az6");
    assertThat(keys.key(Placement.ofZoneName("us-east-1b"))).isEqualTo("use1-az1");
    assertThat(keys.key(Placement.ofZoneId("use1-az1"))).isEqualTo("use1-az1");
    assertThat(keys.key("us-east-1c")).as("no ID known: the name stays").isEqualTo("us-east-1c");
    assertThat(keys.key((String) null)).isNull();
  }

  @Test
  void aPlacementWithNameAndIdMapsItsNameWhenNoInterfaceIsKnown() {
    Placement both = new Placement("us-east-1", "us-east-1a", "use1-az6", null, null, PlacementSourceKind.IMDS);
    ZoneKeys keys = ZoneKeys.of(endpoint(), both);
    assertThat(keys.key("us-east-1a")).isEqualTo("use1-az6");
    assertThat(keys.key(both)).isEqualTo("use1-az6");
    assertThat(keys.key("us-east-1b")).isEqualTo("us-east-1b");
  }

  @Test
  void theInterfacesNameTheirZoneBeforeThePlacementDoes() {
    Placement stale = new Placement("us-east-1", "us-east-1a", "use1-az1", null, null, PlacementSourceKind.EXPLICIT);
    ZoneKeys keys = ZoneKeys.of(endpoint(new Endpoint.Eni("eni-0a", "127.0.1.1", "us-east-1a", "use1-az6")), stale);
    assertThat(keys.key("us-east-1a")).isEqualTo("use1-az6");
    assertThat(keys.key(new Endpoint.Eni("eni-0x", "127.0.1.9", "us-east-1a", null))).isEqualTo("use1-az6");
  }

  @Test
  void anUnknownPlacementHasNoKey() {
    assertThat(ZoneKeys.of(endpoint(), Placement.UNKNOWN).key(Placement.UNKNOWN)).isNull();
    assertThat(ZoneKeys.of(endpoint(), null).key((Placement) null)).isNull();
  }
}
