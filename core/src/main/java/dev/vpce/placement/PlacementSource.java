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
  /**
   * A short name for logs: {@code environment}, {@code ecs}, {@code imds}.
   *
   * @return a short lower-case name, stable across releases
   */
  String name();

  /**
   * What kind of source this is; an application's own source is {@link PlacementSourceKind#CUSTOM}.
   *
   * @return the kind reported in {@link Placement#source()}
   */
  default PlacementSourceKind kind() {
    return PlacementSourceKind.CUSTOM;
  }

  /**
   * Where this process runs, or null when this source does not apply here (for example, no ECS metadata
   * variable is set). Must return within {@code timeout}.
   *
   * @param timeout the longest this call may take
   * @return the placement, or null when the source does not apply
   * @throws IOException when the source applies but failed; the message explains why, for the warning
   *                     that an unknown placement logs
   */
  Placement locate(Duration timeout) throws IOException;

  /**
   * The environment variables (then system properties) {@code VPCE_AVAILABILITY_ZONE} (an AZ name) and
   * {@code VPCE_AVAILABILITY_ZONE_ID} (an AZ ID).
   *
   * @return a source that reads the process environment and system properties when asked
   */
  static PlacementSource environment() {
    return new EnvironmentPlacementSource(System.getenv(), System.getProperties());
  }

  /**
   * The same variables, read from this map only; for tests and for configuration systems.
   *
   * @param variables the variables to read, for example {@code VPCE_AVAILABILITY_ZONE_ID=use1-az6}
   * @return a source that reads only that map (no system properties)
   */
  static PlacementSource environment(Map<String, String> variables) {
    return new EnvironmentPlacementSource(variables, new java.util.Properties());
  }

  /**
   * ECS task metadata v4 at {@code $ECS_CONTAINER_METADATA_URI_V4/task}; does not apply when the variable is unset.
   *
   * @return a source that reads the variable when asked
   */
  static PlacementSource ecsTaskMetadata() {
    return new EcsPlacementSource(null);
  }

  /**
   * ECS task metadata v4 at this base URI (the value of {@code ECS_CONTAINER_METADATA_URI_V4}).
   *
   * @param metadataUri the metadata base URI, as the task's {@code ECS_CONTAINER_METADATA_URI_V4} gives it
   * @return a source that asks that URI
   */
  static PlacementSource ecsTaskMetadata(URI metadataUri) {
    return new EcsPlacementSource(metadataUri);
  }

  /**
   * EC2 instance metadata, IMDSv2 only (a session token first; no IMDSv1 fallback), through the AWS SDK's
   * {@code imds} module at its configured endpoint. Does not apply when {@code AWS_EC2_METADATA_DISABLED}
   * or {@code aws.disableEc2Metadata} is {@code true}.
   *
   * @return a source on the SDK's IMDS client
   */
  static PlacementSource imds() {
    return new ImdsPlacementSource(null);
  }

  /**
   * IMDSv2 at this endpoint, whatever the environment says.
   *
   * @param endpoint the IMDS base URI, for example an emulator's on loopback
   * @return a source that asks that endpoint
   */
  static PlacementSource imds(URI endpoint) {
    return new ImdsPlacementSource(endpoint);
  }
}
