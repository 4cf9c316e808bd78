package dev.vpce.placement;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECS task metadata v4: {@code GET $ECS_CONTAINER_METADATA_URI_V4/task}, reading {@code AvailabilityZone},
 * {@code VPCID} (absent on Fargate), the task's address ({@code Networks[].IPv4Addresses}, which finds the
 * VPC when {@code VPCID} is absent) and the region from {@code TaskARN}. Uses {@link HttpURLConnection}, which starts no threads.
 */
final class EcsPlacementSource implements PlacementSource {
  static final String METADATA_URI = "ECS_CONTAINER_METADATA_URI_V4";

  private final URI uri;

  EcsPlacementSource(URI uri) {
    this.uri = uri;
  }

  @Override
  public String name() {
    return "ecs";
  }

  @Override
  public PlacementSourceKind kind() {
    return PlacementSourceKind.ECS;
  }

  @Override
  public Placement locate(Duration timeout) throws IOException {
    URI base = uri;
    if (base == null) {
      String env = System.getenv(METADATA_URI);
      if (env == null || env.isBlank()) {
        return null;
      }
      base = URI.create(env.trim());
    }
    String task = get(URI.create(base.toString().replaceAll("/+$", "") + "/task"), timeout);
    String zone = field(task, "AvailabilityZone");
    if (zone == null) {
      throw new IOException("the ECS task metadata has no AvailabilityZone (on the EC2 launch type it is "
          + "optional); the next source is asked");
    }
    String arn = field(task, "TaskARN");
    String region = arn == null ? null : arn.split(":").length > 3 ? arn.split(":")[3] : null;
    return new Placement(region, zone, null, field(task, "VPCID"), firstIpv4(task), PlacementSourceKind.ECS);
  }

  private static String get(URI at, Duration timeout) throws IOException {
    HttpURLConnection c = (HttpURLConnection) at.toURL().openConnection();
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    c.setConnectTimeout(millis);
    c.setReadTimeout(millis);
    try {
      int status = c.getResponseCode();
      if (status != 200) {
        throw new IOException("ECS task metadata at " + at + " answered HTTP " + status);
      }
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } finally {
      c.disconnect();
    }
  }

  /** The first address of the first {@code IPv4Addresses} list (the task ENI's, in awsvpc mode), or null. */
  static String firstIpv4(String json) {
    Matcher m = Pattern.compile("\"IPv4Addresses\"\\s*:\\s*\\[\\s*\"([^\"]+)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** A top-level string field of the task JSON; the fields read here never contain escapes. */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }
}
