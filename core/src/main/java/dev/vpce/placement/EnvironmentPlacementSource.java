package dev.vpce.placement;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.internal.Checks;
import dev.vpce.internal.Names;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** {@code VPCE_AVAILABILITY_ZONE} / {@code VPCE_AVAILABILITY_ZONE_ID} from the environment, then system properties. */
final class EnvironmentPlacementSource implements PlacementSource {
  public static final String ZONE = "VPCE_AVAILABILITY_ZONE";
  public static final String ZONE_ID = "VPCE_AVAILABILITY_ZONE_ID";

  private final Map<String, String> env;
  private final Properties props;

  EnvironmentPlacementSource(Map<String, String> env, Properties props) {
    this.env = Map.copyOf(env);
    this.props = props;
  }

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public PlacementSourceKind kind() {
    return PlacementSourceKind.ENVIRONMENT;
  }

  @Override
  public Placement locate(Duration timeout) {
    String zone = read(ZONE);
    String zoneId = read(ZONE_ID);
    if (zone == null && zoneId == null) {
      return null;
    }
    if (zone != null) {
      Checks.matches(ZONE, zone, Names.ZONE_NAME, "an AZ name such as us-east-1a");
    }
    if (zoneId != null) {
      Checks.matches(ZONE_ID, zoneId, Names.ZONE_ID, "an AZ ID such as use1-az6");
    }
    return new Placement(null, zone, zoneId, null, null, PlacementSourceKind.ENVIRONMENT);
  }

  private String read(String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      v = props.getProperty(key);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }
}
