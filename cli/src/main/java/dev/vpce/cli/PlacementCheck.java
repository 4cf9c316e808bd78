package dev.vpce.cli;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLinkStatus;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asks every placement source vpce's chain would ask (explicit, environment, ECS task metadata, IMDSv2), each
 * within the placement timeout, and reports why each answered or not; the placement vpce settled on comes from
 * the status snapshot of the doctor's {@link dev.vpce.PrivateLink}.
 */
final class PlacementCheck {
  private PlacementCheck() {}

  /**
   * Asks each source itself and writes why each answered or not into the step's details; the verdict waits for
   * {@link #report}. Returns the first known answer, or {@link Placement#UNKNOWN}: what the credentials step
   * takes the Region from before vpce runs.
   */
  static Placement probe(DoctorOptions o, Step step) {
    List<Object> attempts = new ArrayList<>();
    Placement chosen = null;
    if (o.zoneName() != null || o.zoneId() != null) {
      chosen = explicit(o);
      attempts.add(attempt(step, "explicit", "answered", chosen.describeZone() + " (--zone/--zone-id)"));
    } else {
      attempts.add(attempt(step, "explicit", "not given", "no --zone or --zone-id"));
    }
    for (PlacementSource s : sources(o)) {
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
    return chosen == null ? Placement.UNKNOWN : chosen;
  }

  /** The override from {@code --zone}/{@code --zone-id}, which vpce is given as its placement. */
  static Placement explicit(DoctorOptions o) {
    return new Placement(o.region(), o.zoneName(), o.zoneId(), o.vpcId(), null, PlacementSourceKind.EXPLICIT);
  }

  /** The chain vpce asks after an explicit placement, pointed where the options say. */
  static List<PlacementSource> sources(DoctorOptions o) {
    return List.of(PlacementSource.environment(),
        o.ecsMetadataUri() != null ? PlacementSource.ecsTaskMetadata(o.ecsMetadataUri())
            : PlacementSource.ecsTaskMetadata(),
        o.imdsEndpoint() != null ? PlacementSource.imds(o.imdsEndpoint()) : PlacementSource.imds());
  }

  /**
   * The verdict: the placement vpce's own chain settled on ({@code status} is the snapshot of the doctor's
   * PrivateLink, or null when none could start, and then the probe's answer stands in for it).
   */
  static void report(Placement probed, PrivateLinkStatus status, Step step) {
    Placement chosen = status != null ? status.placement() : probed;
    if (status != null) {
      step.detail(chosen == null ? "vpce: the placement chain has not answered yet"
          : "vpce's chain: " + describe(chosen));
      if (chosen != null && chosen.isKnown() && probed.isKnown()
          && !chosen.describeZone().equals(probed.describeZone())) {
        step.detail("the probes above answered " + probed.describeZone() + " from "
            + lower(probed.source()) + ", but vpce uses " + chosen.describeZone());
      }
      if ((chosen == null || !chosen.isKnown()) && probed.isKnown()) {
        step.detail("the probes above found " + probed.describeZone() + " from " + lower(probed.source())
            + ", but vpce's chain did not within its budget (--placement-timeout): raise it, or pin the zone");
      }
    }
    if (chosen == null || !chosen.isKnown()) {
      step.result(Verdict.WARN, "unknown: routes are regional (no zonal affinity); set VPCE_AVAILABILITY_ZONE_ID or "
          + "fix the source that failed");
      step.fact("source", "unknown");
      return;
    }
    step.result(Verdict.OK, describe(chosen));
    step.fact("source", lower(chosen.source()));
    step.fact("region", chosen.region());
    step.fact("zoneName", chosen.zoneName());
    step.fact("zoneId", chosen.zoneId());
    step.fact("vpcId", chosen.vpcId());
    step.fact("privateIpv4", chosen.privateIpv4());
  }

  private static String describe(Placement p) {
    return p.describeZone() + " from " + lower(p.source()) + (p.region() == null ? "" : ", Region " + p.region())
        + (p.vpcId() == null ? "" : ", " + p.vpcId());
  }

  private static String lower(PlacementSourceKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
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
