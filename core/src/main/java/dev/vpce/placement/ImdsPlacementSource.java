package dev.vpce.placement;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

/**
 * IMDSv2 through the AWS SDK's {@code imds} module: a token, then the placement, the MAC and the VPC.
 * No IMDSv1 fallback; no retries, so the chain's time budget holds. Loaded only when used.
 */
final class ImdsPlacementSource implements PlacementSource {
  private final URI endpoint;

  ImdsPlacementSource(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "imds";
  }

  static boolean disabledByEnvironment() {
    return "true".equalsIgnoreCase(System.getenv("AWS_EC2_METADATA_DISABLED"))
        || "true".equalsIgnoreCase(System.getProperty("aws.disableEc2Metadata"));
  }

  @Override
  public PlacementSourceKind kind() {
    return PlacementSourceKind.IMDS;
  }

  @Override
  public Placement locate(Duration timeout) throws IOException {
    if (endpoint == null && disabledByEnvironment()) {
      return null;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration perCall = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
    Ec2MetadataClient.Builder b = Ec2MetadataClient.builder()
        .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(0).build())
        .tokenTtl(Duration.ofMinutes(5))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(perCall).socketTimeout(perCall).build());
    if (endpoint != null) {
      b.endpoint(endpoint);
    }
    try (Ec2MetadataClient imds = b.build()) {
      String zone = imds.get("/latest/meta-data/placement/availability-zone").asString().trim();
      String zoneId = read(imds, "/latest/meta-data/placement/availability-zone-id", deadline);
      String region = read(imds, "/latest/meta-data/placement/region", deadline);
      String vpc = null;
      String mac = read(imds, "/latest/meta-data/mac", deadline);
      if (mac != null) {
        vpc = read(imds, "/latest/meta-data/network/interfaces/macs/" + mac + "/vpc-id", deadline);
      }
      return new Placement(region, zone, zoneId, vpc, null, PlacementSourceKind.IMDS);
    } catch (SdkClientException e) {
      throw new IOException(explain(e), e);
    }
  }

  /** An optional field: null when it is missing or the budget is spent. */
  private static String read(Ec2MetadataClient imds, String path, long deadline) {
    if (System.nanoTime() >= deadline) {
      return null;
    }
    try {
      return imds.get(path).asString().trim();
    } catch (SdkClientException e) {
      return null;
    }
  }

  private String explain(SdkClientException e) {
    String where = endpoint == null ? "the instance metadata service" : "IMDS at " + endpoint;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return where + " did not answer the token request in time: in a container the IMDS hop limit may be 1 "
            + "(set http-put-response-hop-limit to 2), or this is not EC2; set VPCE_AVAILABILITY_ZONE_ID to skip it";
      }
      if (t instanceof java.net.ConnectException) {
        return where + " refused the connection: this is probably not EC2";
      }
    }
    return where + " failed: " + e.getMessage();
  }
}
