package dev.vpce.placement;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One way to learn where this process runs. A {@code PrivateLink} asks its sources in order, within a
 * total time budget, and takes the first that knows the zone. Implementations must be safe for
 * concurrent use and must return within the timeout they are given.
 */
public interface PlacementSource {
  /** A short name for logs: {@code environment}, {@code ecs}, {@code imds}. */
  String name();

  /** What kind of source this is; an application's own source is {@link PlacementSourceKind#CUSTOM}. */
  default PlacementSourceKind kind() {
    return PlacementSourceKind.CUSTOM;
  }

  /**
   * Where this process runs, or null when this source does not apply here (for example, no ECS metadata
   * variable is set). Must return within {@code timeout}.
   *
   * @throws IOException when the source applies but failed; the message explains why, for the warning
   *                     that an unknown placement logs
   */
  Placement locate(Duration timeout) throws IOException;

  /**
   * The environment variables (then system properties) {@code VPCE_AVAILABILITY_ZONE} (an AZ name) and
   * {@code VPCE_AVAILABILITY_ZONE_ID} (an AZ ID).
   */
  static PlacementSource environment() {
    return new EnvironmentPlacementSource(System.getenv(), System.getProperties());
  }

  /** The same variables, read from this map only; for tests and for configuration systems. */
  static PlacementSource environment(Map<String, String> variables) {
    return new EnvironmentPlacementSource(variables, new java.util.Properties());
  }

  /** ECS task metadata v4 at {@code $ECS_CONTAINER_METADATA_URI_V4/task}; does not apply when the variable is unset. */
  static PlacementSource ecsTaskMetadata() {
    return new EcsPlacementSource(null);
  }

  /** ECS task metadata v4 at this base URI (the value of {@code ECS_CONTAINER_METADATA_URI_V4}). */
  static PlacementSource ecsTaskMetadata(URI metadataUri) {
    return new EcsPlacementSource(metadataUri);
  }

  /**
   * EC2 instance metadata, IMDSv2 only (a session token first; no IMDSv1 fallback), through the AWS SDK's
   * {@code imds} module at its configured endpoint. Does not apply when {@code AWS_EC2_METADATA_DISABLED}
   * or {@code aws.disableEc2Metadata} is {@code true}.
   */
  static PlacementSource imds() {
    return new ImdsPlacementSource(null);
  }

  /** IMDSv2 at this endpoint, whatever the environment says. */
  static PlacementSource imds(URI endpoint) {
    return new ImdsPlacementSource(endpoint);
  }
}
