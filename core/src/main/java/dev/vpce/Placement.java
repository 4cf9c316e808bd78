package dev.vpce;

/**
 * Where this process runs. Any field but {@code source} may be null when the source that answered
 * does not know it; a placement with neither zone name nor zone ID is unknown, and routes are then
 * regional.
 *
 * @param region      the region, for example {@code us-east-1}
 * @param zoneName    the AZ name in this process's account, for example {@code us-east-1a}
 * @param zoneId      the AZ ID, the same physical zone in every account, for example {@code use1-az6}
 * @param vpcId       the VPC this process runs in
 * @param privateIpv4 this task's or instance's private IPv4 address, which finds the VPC when no source
 *                    reports it (ECS on Fargate); null when not known
 * @param source      which kind of source answered
 */
public record Placement(String region, String zoneName, String zoneId, String vpcId, String privateIpv4,
    PlacementSourceKind source) {
  /** A placement that is not known, with the source {@link PlacementSourceKind#UNKNOWN}. */
  public static final Placement UNKNOWN = new Placement(null, null, null, null, null, PlacementSourceKind.UNKNOWN);

  public Placement {
    if (source == null) {
      throw new NullPointerException("source must not be null");
    }
  }

  /** An explicit placement by AZ name (in this process's account). */
  public static Placement ofZoneName(String zoneName) {
    return new Placement(null, zoneName, null, null, null, PlacementSourceKind.EXPLICIT);
  }

  /** An explicit placement by AZ ID, the right choice in a shared VPC. */
  public static Placement ofZoneId(String zoneId) {
    return new Placement(null, null, zoneId, null, null, PlacementSourceKind.EXPLICIT);
  }

  /** Whether the zone is known, by name or by ID. */
  public boolean isKnown() {
    return zoneName != null || zoneId != null;
  }

  /** The zone for messages: {@code us-east-1a (use1-az6)}, or {@code unknown zone}. */
  public String describeZone() {
    if (zoneName != null && zoneId != null) {
      return zoneName + " (" + zoneId + ")";
    }
    return zoneName != null ? zoneName : zoneId != null ? zoneId : "unknown zone";
  }
}
