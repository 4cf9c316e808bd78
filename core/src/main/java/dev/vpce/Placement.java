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

  /**
   * Checks that a source is given.
   *
   * @param region the Region, or null
   * @param zoneName the AZ name, or null
   * @param zoneId the AZ ID, or null
   * @param vpcId the VPC, or null
   * @param privateIpv4 the private IPv4 address, or null
   * @param source which kind of source answered, not null
   * @throws NullPointerException when source is null
   */
  public Placement {
    if (source == null) {
      throw new NullPointerException("source must not be null");
    }
  }

  /**
   * An explicit placement by AZ name (in this process's account).
   *
   * @param zoneName an AZ name such as {@code us-east-1a}; checked when the {@link PrivateLink} is built
   * @return a placement from {@link PlacementSourceKind#EXPLICIT}
   */
  public static Placement ofZoneName(String zoneName) {
    return new Placement(null, zoneName, null, null, null, PlacementSourceKind.EXPLICIT);
  }

  /**
   * An explicit placement by AZ ID, the right choice in a shared VPC.
   *
   * @param zoneId an AZ ID such as {@code use1-az6}; checked when the {@link PrivateLink} is built
   * @return a placement from {@link PlacementSourceKind#EXPLICIT}
   */
  public static Placement ofZoneId(String zoneId) {
    return new Placement(null, null, zoneId, null, null, PlacementSourceKind.EXPLICIT);
  }

  /**
   * Whether the zone is known, by name or by ID.
   *
   * @return true when the zone name or the zone ID is set
   */
  public boolean isKnown() {
    return zoneName != null || zoneId != null;
  }

  /**
   * The zone for messages: {@code us-east-1a (use1-az6)}, or {@code unknown zone}.
   *
   * @return the zone as people read it
   */
  public String describeZone() {
    if (zoneName != null && zoneId != null) {
      return zoneName + " (" + zoneId + ")";
    }
    return zoneName != null ? zoneName : zoneId != null ? zoneId : "unknown zone";
  }
}
