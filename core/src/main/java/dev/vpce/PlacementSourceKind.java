package dev.vpce;

/** Which kind of source told vpce where this process runs; see {@link Placement#source()}. */
public enum PlacementSourceKind {
  /** {@code PrivateLink.Builder.placement(..)} or a {@link Placement} factory. */
  EXPLICIT,
  /** {@code VPCE_AVAILABILITY_ZONE} / {@code VPCE_AVAILABILITY_ZONE_ID}. */
  ENVIRONMENT,
  /** ECS task metadata v4. */
  ECS,
  /** EC2 instance metadata (IMDSv2). */
  IMDS,
  /** A placement source the application supplied. */
  CUSTOM,
  /** No source knew the zone; routes are regional and the chain is asked again with back-off. */
  UNKNOWN
}
