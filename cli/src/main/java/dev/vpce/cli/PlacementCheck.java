package dev.vpce.cli;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asks every placement source vpce's chain would ask (explicit, environment, ECS task metadata, IMDSv2), each
 * within the placement timeout, and reports which answered and why each other did not.
 */
final class PlacementCheck {
  private PlacementCheck() {}

  /** The placement vpce would use, or {@link Placement#UNKNOWN}. */
  static Placement run(DoctorOptions o, Step step) {
    List<Object> attempts = new ArrayList<>();
    Placement chosen = null;
    if (o.zoneName() != null || o.zoneId() != null) {
      chosen = new Placement(o.region(), o.zoneName(), o.zoneId(), o.vpcId(), null, PlacementSourceKind.EXPLICIT);
      attempts.add(attempt(step, "explicit", "answered", chosen.describeZone() + " (--zone/--zone-id)"));
    } else {
      attempts.add(attempt(step, "explicit", "not given", "no --zone or --zone-id"));
    }
    List<PlacementSource> sources = List.of(PlacementSource.environment(),
        o.ecsMetadataUri() != null ? PlacementSource.ecsTaskMetadata(o.ecsMetadataUri())
            : PlacementSource.ecsTaskMetadata(),
        o.imdsEndpoint() != null ? PlacementSource.imds(o.imdsEndpoint()) : PlacementSource.imds());
    for (PlacementSource s : sources) {
      try {
        Placement p = s.locate(o.placementTimeout());
        if (p == null) {
          attempts.add(attempt(step, s.name(), "not applicable", notApplicable(s.kind())));
        } else if (!p.isKnown()) {
          attempts.add(attempt(step, s.name(), "no zone", "answered without a zone"));
        } else {
          attempts.add(attempt(step, s.name(), chosen == null ? "answered" : "answered (not used)",
              p.describeZone() + (p.region() == null ? "" : " in " + p.region())
                  + (p.vpcId() == null ? "" : ", " + p.vpcId())));
          if (chosen == null) {
            chosen = p;
          }
        }
      } catch (IOException | RuntimeException e) {
        attempts.add(attempt(step, s.name(), "failed", String.valueOf(e.getMessage())));
      }
    }
    step.fact("attempts", attempts);
    if (chosen == null) {
      step.result(Verdict.WARN, "unknown: routes are regional (no zonal affinity); set VPCE_AVAILABILITY_ZONE_ID or "
          + "fix the source that failed");
      step.fact("source", "unknown");
      return Placement.UNKNOWN;
    }
    step.result(Verdict.OK, chosen.describeZone() + " from " + chosen.source().name().toLowerCase(Locale.ROOT)
        + (chosen.region() == null ? "" : ", Region " + chosen.region())
        + (chosen.vpcId() == null ? "" : ", " + chosen.vpcId()));
    step.fact("source", chosen.source().name().toLowerCase(Locale.ROOT));
    step.fact("region", chosen.region());
    step.fact("zoneName", chosen.zoneName());
    step.fact("zoneId", chosen.zoneId());
    step.fact("vpcId", chosen.vpcId());
    return chosen;
  }

  private static Map<String, Object> attempt(Step step, String source, String outcome, String detail) {
    step.detail(source + ": " + outcome + " - " + detail);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("outcome", outcome);
    m.put("detail", detail);
    return m;
  }

  private static String notApplicable(PlacementSourceKind kind) {
    return switch (kind) {
      case ENVIRONMENT -> "VPCE_AVAILABILITY_ZONE and VPCE_AVAILABILITY_ZONE_ID are not set";
      case ECS -> "ECS_CONTAINER_METADATA_URI_V4 is not set: not an ECS task";
      case IMDS -> "turned off by AWS_EC2_METADATA_DISABLED or aws.disableEc2Metadata";
      default -> "does not apply here";
    };
  }
}
