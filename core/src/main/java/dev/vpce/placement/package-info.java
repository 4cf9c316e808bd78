/**
 * Where this process runs: {@link dev.vpce.placement.PlacementSource} and the chain's sources, the environment
 * ({@code VPCE_AVAILABILITY_ZONE}, {@code VPCE_AVAILABILITY_ZONE_ID}), ECS task metadata v4 and IMDSv2.
 */
package dev.vpce.placement;
