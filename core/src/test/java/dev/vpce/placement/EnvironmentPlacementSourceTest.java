package dev.vpce.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnvironmentPlacementSourceTest {
  static final Duration BUDGET = Duration.ofSeconds(1);

  @Test
  void readsTheEnvironmentFirstThenSystemProperties() {
    Properties props = new Properties();
    props.setProperty("VPCE_AVAILABILITY_ZONE_ID", "use1-az1");
    props.setProperty("VPCE_AVAILABILITY_ZONE", "us-east-1b");
    assertThat(new EnvironmentPlacementSource(Map.of(), props).locate(BUDGET))
        .isEqualTo(new Placement(null, "us-east-1b", "use1-az1", null, null, PlacementSourceKind.ENVIRONMENT));
    assertThat(new EnvironmentPlacementSource(Map.of("VPCE_AVAILABILITY_ZONE", "us-east-1c"), props).locate(BUDGET))
        .isEqualTo(new Placement(null, "us-east-1c", "use1-az1", null, null, PlacementSourceKind.ENVIRONMENT));
  }

  @Test
  void doesNotApplyWhenNothingIsSet() {
    assertThat(new EnvironmentPlacementSource(Map.of("VPCE_AVAILABILITY_ZONE", " "), new Properties()).locate(BUDGET))
        .isNull();
  }

  @Test
  void namesTheVariableAndTheValueWhenMalformed() {
    assertThatThrownBy(() -> new EnvironmentPlacementSource(Map.of("VPCE_AVAILABILITY_ZONE", "1a"), new Properties())
        .locate(BUDGET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VPCE_AVAILABILITY_ZONE").hasMessageContaining("'1a'");
  }
}
