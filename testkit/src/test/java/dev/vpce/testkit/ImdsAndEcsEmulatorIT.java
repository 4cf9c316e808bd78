package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

class ImdsAndEcsEmulatorIT {
  static final String PARTICIPANT = "444455556666";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .account(PARTICIPANT, Map.of("use1-az6", "us-east-1c", "use1-az1", "us-east-1a", "use1-az2", "us-east-1b"))
      .callerAccount(PARTICIPANT)
      .instanceZone("use1-az1"));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static Ec2MetadataClient imds(LocalPrivateLink kit, int retries) {
    return Ec2MetadataClient.builder()
        .endpoint(kit.imds().endpoint())
        .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(retries).build())
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofMillis(500)).socketTimeout(Duration.ofMillis(500)).build())
        .build();
  }

  @Test
  void sdkClientReadsPlacementInTheCallerAccountsNames(LocalPrivateLink kit) {
    try (Ec2MetadataClient imds = imds(kit, 0)) {
      assertThat(imds.get("/latest/meta-data/placement/availability-zone").asString()).isEqualTo("us-east-1a");
      assertThat(imds.get("/latest/meta-data/placement/availability-zone-id").asString()).isEqualTo("use1-az1");
      assertThat(imds.get("/latest/meta-data/placement/region").asString()).isEqualTo("us-east-1");
      String mac = imds.get("/latest/meta-data/mac").asString();
      assertThat(imds.get("/latest/meta-data/network/interfaces/macs/" + mac + "/vpc-id").asString())
          .isEqualTo(kit.vpcId());
      assertThat(imds.get("/latest/meta-data/network/interfaces/macs/").asString()).isEqualTo(mac + "/");
    }
    assertThat(kit.imds().tokenRequests()).isEqualTo(1); // the SDK caches its token
    assertThat(kit.imds().metadataRequests()).isEqualTo(6);

    kit.instanceZone("use1-az6");
    try (Ec2MetadataClient imds = imds(kit, 0)) {
      assertThat(imds.get("/latest/meta-data/placement/availability-zone").asString()).isEqualTo("us-east-1c");
    }
  }

  @Test
  void readsWithoutAValidTokenAnswer401AndTokensNeedTheTtlHeader(LocalPrivateLink kit) throws Exception {
    URI az = kit.imds().endpoint().resolve("/latest/meta-data/placement/availability-zone");
    assertThat(http.send(HttpRequest.newBuilder(az).GET().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(401);
    assertThat(http.send(HttpRequest.newBuilder(az).header("X-aws-ec2-metadata-token", "forged").GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

    URI token = kit.imds().endpoint().resolve("/latest/api/token");
    assertThat(http.send(HttpRequest.newBuilder(token).PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    HttpResponse<String> t = http.send(HttpRequest.newBuilder(token)
        .header("X-aws-ec2-metadata-token-ttl-seconds", "60").PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(t.statusCode()).isEqualTo(200);
    assertThat(t.headers().firstValue("X-aws-ec2-metadata-token-ttl-seconds")).hasValue("60");
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(az)
        .header("X-aws-ec2-metadata-token", t.body()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("us-east-1a");
  }

  @Test
  void aHangingTokenRequestTimesOutLikeTheHopLimitCase(LocalPrivateLink kit) {
    kit.imds().fault(MetadataFault.HANG);
    try (Ec2MetadataClient imds = imds(kit, 0)) {
      assertThatThrownBy(() -> imds.get("/latest/meta-data/placement/availability-zone"))
          .isInstanceOf(SdkClientException.class);
    }
    assertThat(kit.imds().tokenRequests()).isEqualTo(1);
    assertThat(kit.imds().metadataRequests()).isZero();
  }

  @Test
  void unauthorizedNotFoundAndServerErrorFaultsReachTheSdk(LocalPrivateLink kit) {
    try (Ec2MetadataClient imds = imds(kit, 2)) {
      kit.imds().fault(MetadataFault.UNAUTHORIZED);
      assertThatThrownBy(() -> imds.get("/latest/meta-data/placement/availability-zone"))
          .isInstanceOf(SdkClientException.class).hasMessageContaining("401");
      kit.imds().fault(MetadataFault.NOT_FOUND);
      assertThatThrownBy(() -> imds.get("/latest/meta-data/placement/availability-zone"))
          .isInstanceOf(SdkClientException.class).hasMessageContaining("404");
      int before = kit.imds().metadataRequests() + kit.imds().tokenRequests();
      kit.imds().fault(MetadataFault.SERVER_ERROR);
      assertThatThrownBy(() -> imds.get("/latest/meta-data/placement/availability-zone"))
          .isInstanceOf(SdkClientException.class);
      assertThat(kit.imds().metadataRequests() + kit.imds().tokenRequests() - before)
          .as("5xx is retried: three attempts").isEqualTo(3);
      kit.imds().clearFault();
      assertThat(imds.get("/latest/meta-data/placement/availability-zone-id").asString()).isEqualTo("use1-az1");
    }
  }

  @Test
  void ecsTaskMetadataCarriesTheZoneUnlessToldNot(LocalPrivateLink kit) throws Exception {
    URI task = URI.create(kit.ecs().uri() + "/task");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).contains("\"AvailabilityZone\":\"us-east-1a\"", "\"LaunchType\":\"EC2\"",
        "\"VPCID\":\"" + kit.vpcId() + "\"", "\"TaskARN\":\"arn:aws:ecs:us-east-1:444455556666:task/");

    kit.ecs().includeAvailabilityZone(false);
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).body())
        .doesNotContain("AvailabilityZone").contains("\"Cluster\"");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(kit.ecs().uri().toString())).build(),
        HttpResponse.BodyHandlers.ofString()).body()).contains("\"DockerId\"");
    assertThat(kit.ecs().requests()).isEqualTo(3);
  }

  @Test
  void ecsTaskMetadataHasAFargateShapeWithoutVpcIdAndWithTheTaskAddress(LocalPrivateLink kit) throws Exception {
    URI task = URI.create(kit.ecs().uri() + "/task");
    kit.ecs().fargate(true);
    String body = http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(body).doesNotContain("VPCID").contains("\"LaunchType\":\"FARGATE\"",
        "\"IPv4Addresses\":[\"" + LocalPrivateLink.TASK_ADDRESS + "\"]", "\"IPv4SubnetCIDRBlock\"",
        "\"AvailabilityZone\":\"us-east-1a\"");
  }

  @Test
  void countedMetadataFaultsRecoverByThemselves(LocalPrivateLink kit) throws Exception {
    URI task = URI.create(kit.ecs().uri() + "/task");
    kit.ecs().fault(MetadataFault.SERVER_ERROR, 2);
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(500);
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(500);
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    kit.imds().fault(MetadataFault.SERVER_ERROR, 1);
    URI token = URI.create(kit.imds().endpoint() + "/latest/api/token");
    HttpRequest put = HttpRequest.newBuilder(token).PUT(HttpRequest.BodyPublishers.noBody())
        .header("X-aws-ec2-metadata-token-ttl-seconds", "60").build();
    assertThat(http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
    assertThat(http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void ecsFaults(LocalPrivateLink kit) throws Exception {
    URI task = URI.create(kit.ecs().uri() + "/task");
    kit.ecs().fault(MetadataFault.HANG);
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(task).timeout(Duration.ofMillis(300)).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
    kit.ecs().fault(MetadataFault.SERVER_ERROR);
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(500);
    kit.ecs().clearFault();
    assertThat(http.send(HttpRequest.newBuilder(task).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
