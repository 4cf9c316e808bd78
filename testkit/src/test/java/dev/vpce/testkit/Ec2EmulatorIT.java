package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.State;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

class Ec2EmulatorIT {
  static final String PARTICIPANT = "444455556666";
  static final String SVC = LocalPrivateLink.DEFAULT_SERVICE_NAME;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .endpoint("com.amazonaws.vpce.us-east-1.vpce-svc-11111111111111111", e -> e
          .state("pendingAcceptance").zones("us-east-1a", "us-east-1b"))
      .endpoint("com.amazonaws.vpce.us-east-1.vpce-svc-22222222222222222", e -> e
          .state("rejected").vpcId("vpc-0aaaabbbbccccdddd"))
      .endpoint("com.amazonaws.us-east-1.s3", e -> e.type("Gateway"))
      .endpoint("com.amazonaws.vpce.us-east-1.vpce-svc-33333333333333333", e -> e
          .privateDnsName("api.payments.example.com"))
      // a shared VPC: the participant calls use1-az6 'us-east-1c' where the owner calls it 'us-east-1a'
      .account(PARTICIPANT, Map.of("use1-az6", "us-east-1c", "use1-az1", "us-east-1a", "use1-az2", "us-east-1b")));

  static Ec2Client ec2(LocalPrivateLink kit, String accountId, RetryMode retryMode) {
    Account a = kit.account(accountId);
    return Ec2Client.builder()
        .region(Region.of(kit.region()))
        .endpointOverride(kit.ec2().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(retryMode))
        .build();
  }

  static Ec2Client ec2(LocalPrivateLink kit) {
    return ec2(kit, kit.ownerAccount().id(), RetryMode.STANDARD);
  }

  @Test
  void describesAnEndpointByServiceNameWithLowerCaseStateAndUnsortedZonalNames(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      List<VpcEndpoint> found = ec2.describeVpcEndpoints(b -> b.filters(
          Filter.builder().name("service-name").values(SVC).build(),
          Filter.builder().name("vpc-id").values(kit.vpcId()).build(),
          Filter.builder().name("vpc-endpoint-type").values("Interface").build())).vpcEndpoints();

      assertThat(found).hasSize(1);
      VpcEndpoint ep = found.get(0);
      assertThat(ep.vpcEndpointId()).isEqualTo("vpce-0a1b2c3d4e5f67890");
      assertThat(ep.stateAsString()).isEqualTo("available");
      assertThat(ep.state()).isEqualTo(State.UNKNOWN_TO_SDK_VERSION); // the real SDK enum gotcha
      assertThat(ep.vpcEndpointTypeAsString()).isEqualTo("Interface");
      assertThat(ep.ownerId()).isEqualTo("111122223333");
      assertThat(ep.subnetIds()).hasSize(3);
      assertThat(ep.networkInterfaceIds()).hasSize(3);
      assertThat(ep.dnsEntries()).extracting(DnsEntry::dnsName).containsExactly(
          "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
          "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1b.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
          "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
          "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1c.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com");
      assertThat(ep.dnsEntries()).extracting(DnsEntry::hostedZoneId).containsOnly("Z7HUB22UULQXV");
      assertThat(ep.privateDnsEnabled()).isFalse();
    }
  }

  @Test
  void listsThePrivateDnsNameLastWithItsOwnHostedZone(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      VpcEndpoint ep = ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("service-name")
          .values("com.amazonaws.vpce.us-east-1.vpce-svc-33333333333333333").build())).vpcEndpoints().get(0);
      DnsEntry last = ep.dnsEntries().get(ep.dnsEntries().size() - 1);
      assertThat(last.dnsName()).isEqualTo("api.payments.example.com");
      assertThat(last.hostedZoneId()).isNotEqualTo("Z7HUB22UULQXV");
      assertThat(ep.privateDnsEnabled()).isTrue();
    }
  }

  @Test
  void filtersByStateTypeAndVpcAndById(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-endpoint-state")
          .values("pendingAcceptance", "rejected").build())).vpcEndpoints())
          .extracting(VpcEndpoint::stateAsString).containsExactlyInAnyOrder("pendingAcceptance", "rejected");
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-endpoint-type")
          .values("Gateway").build())).vpcEndpoints())
          .extracting(VpcEndpoint::serviceName).containsExactly("com.amazonaws.us-east-1.s3");
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-id")
          .values(kit.vpcId()).build())).vpcEndpoints()).hasSize(4);
      String id = kit.endpoint("com.amazonaws.vpce.us-east-1.vpce-svc-11111111111111111").id();
      assertThat(ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(id)).vpcEndpoints())
          .extracting(VpcEndpoint::vpcEndpointId).containsExactly(id);
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-endpoint-id")
          .values(id).build())).vpcEndpoints()).hasSize(1);
    }
  }

  @Test
  void pagesWithMaxResultsAndNextToken(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      DescribeVpcEndpointsResponse first = ec2.describeVpcEndpoints(b -> b.maxResults(2));
      assertThat(first.vpcEndpoints()).hasSize(2);
      assertThat(first.nextToken()).isNotEmpty();
      DescribeVpcEndpointsResponse second = ec2.describeVpcEndpoints(b -> b.maxResults(2)
          .nextToken(first.nextToken()));
      assertThat(second.vpcEndpoints()).hasSize(2);
      DescribeVpcEndpointsResponse third = ec2.describeVpcEndpoints(b -> b.maxResults(2)
          .nextToken(second.nextToken()));
      assertThat(third.vpcEndpoints()).hasSize(1);
      assertThat(third.nextToken()).isNull();

      kit.reset();
      List<String> all = ec2.describeVpcEndpointsPaginator(DescribeVpcEndpointsRequest.builder().maxResults(2)
          .build()).vpcEndpoints().stream().map(VpcEndpoint::vpcEndpointId).collect(Collectors.toList());
      assertThat(all).hasSize(5).doesNotHaveDuplicates();
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isEqualTo(3);

      kit.ec2().pageLimit(1); // EC2 may hand back fewer items than asked, with a token for the rest
      DescribeVpcEndpointsResponse capped = ec2.describeVpcEndpoints(b -> b.maxResults(5));
      assertThat(capped.vpcEndpoints()).hasSize(1);
      assertThat(capped.nextToken()).isNotEmpty();
    }
  }

  @Test
  void unknownAndMalformedEndpointIdsGiveTheRealErrorCodes(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.vpcEndpointIds("vpce-0000000000000000f")))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcEndpointId.NotFound");
            assertThat(e.statusCode()).isEqualTo(400);
          });
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.vpcEndpointIds("vpce-nothex")))
          .isInstanceOfSatisfying(Ec2Exception.class, e ->
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcEndpointId.Malformed"));
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("colour")
          .values("blue").build())))
          .isInstanceOfSatisfying(Ec2Exception.class, e ->
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
  }

  @Test
  void throttlingBecomesRequestLimitExceededAfterTheSdksRetries(LocalPrivateLink kit) {
    kit.ec2().fault(Ec2Fault.THROTTLING);
    try (Ec2Client ec2 = ec2(kit)) {
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.maxResults(5)))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.isThrottlingException()).isTrue();
          });
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isEqualTo(3); // STANDARD: three attempts
    }
  }

  /** A clock the test moves by hand. */
  static final class HandClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-11-27T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static Ec2Client oneAttempt(LocalPrivateLink kit, String accountId) {
    Account a = kit.account(accountId);
    return Ec2Client.builder()
        .region(Region.of(kit.region()))
        .endpointOverride(kit.ec2().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  /** How many of {@code calls} DescribeVpcEndpoints calls were answered RequestLimitExceeded (503). */
  static int throttledOf(Ec2Client ec2, int calls) {
    int throttled = 0;
    for (int i = 0; i < calls; i++) {
      try {
        ec2.describeVpcEndpoints(b -> b.maxResults(5));
      } catch (Ec2Exception e) {
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request limit exceeded.");
        assertThat(e.isThrottlingException()).isTrue();
        throttled++;
      }
    }
    return throttled;
  }

  @Test
  void theTokenBucketThrottlesEachAccountsDescribeCallsBeyond100AndRefills20PerSecondOfItsClock(
      LocalPrivateLink kit) {
    HandClock clock = new HandClock();
    assertThat(kit.ec2().tokenBucket(clock)).isSameAs(kit.ec2());
    try (Ec2Client owner = oneAttempt(kit, kit.ownerAccount().id());
        Ec2Client participant = oneAttempt(kit, PARTICIPANT)) {
      assertThat(throttledOf(owner, 101)).as("a full bucket of 100, then throttled").isEqualTo(1);
      assertThat(throttledOf(participant, 3)).as("another account has its own bucket").isZero();
      clock.advance(Duration.ofMillis(500));
      assertThat(throttledOf(owner, 11)).as("half a second refills 10 tokens").isEqualTo(1);
      clock.advance(Duration.ofSeconds(60));
      assertThat(throttledOf(owner, 101)).as("never more than the bucket holds").isEqualTo(1);

      assertThat(kit.ec2().throttledCalls("DescribeVpcEndpoints")).isEqualTo(3);
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isEqualTo(216);
      java.time.Instant start = java.time.Instant.parse("2026-11-27T00:00:00Z");
      assertThat(kit.ec2().callsPerSecond("DescribeVpcEndpoints")).containsExactly(
          Map.entry(start, 115), Map.entry(start.plusSeconds(60), 101));
      assertThat(kit.ec2().throttledPerSecond("DescribeVpcEndpoints")).containsExactly(
          Map.entry(start, 2), Map.entry(start.plusSeconds(60), 1));

      kit.ec2().noTokenBucket();
      assertThat(throttledOf(owner, 5)).as("off again").isZero();
    }
  }

  @Test
  void aFaultAnswersBeforeTheTokenBucketAndTakesNoToken(LocalPrivateLink kit) {
    HandClock clock = new HandClock();
    kit.ec2().tokenBucket(2, 1, clock).fault(Ec2Fault.INTERNAL_ERROR, 5);
    try (Ec2Client owner = oneAttempt(kit, kit.ownerAccount().id())) {
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> owner.describeVpcEndpoints(b -> b.maxResults(5)))
            .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      }
      assertThat(throttledOf(owner, 3)).as("the bucket of 2 is still full").isEqualTo(1);
      assertThat(kit.ec2().callsPerSecond("DescribeVpcEndpoints").values()).containsExactly(8);
    }
    assertThatThrownBy(() -> kit.ec2().tokenBucket(0, 20, clock)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1, but was 0");
  }

  @Test
  void faultsSwitchWhileRunning(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit, kit.ownerAccount().id(), RetryMode.STANDARD)) {
      kit.ec2().fault(Ec2Fault.INTERNAL_ERROR, 2);
      assertThat(ec2.describeVpcEndpoints(b -> b.maxResults(5)).vpcEndpoints()).hasSize(5);
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).isEqualTo(3); // two 500s retried, then served

      kit.ec2().fault(Ec2Fault.UNAUTHORIZED);
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.maxResults(5)))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains("ec2:DescribeVpcEndpoints");
          });

      kit.ec2().fault(Ec2Fault.MALFORMED_BODY);
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.maxResults(5))).isInstanceOf(SdkException.class);

      kit.ec2().clearFault();
      kit.endpoint(SVC).state("deleting");
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("service-name").values(SVC)
          .build())).vpcEndpoints().get(0).stateAsString()).isEqualTo("deleting");
    }
  }

  @Test
  void addedLatencyOutlastsAnAttemptTimeout(LocalPrivateLink kit) {
    kit.ec2().latency(Duration.ofSeconds(3));
    try (Ec2Client ec2 = Ec2Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(kit.ec2().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            kit.ownerAccount().accessKeyId(), kit.ownerAccount().secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
            .apiCallAttemptTimeout(Duration.ofMillis(200)).apiCallTimeout(Duration.ofMillis(500)))
        .build()) {
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.maxResults(5)))
          .isInstanceOfAny(ApiCallAttemptTimeoutException.class,
              software.amazon.awssdk.core.exception.ApiCallTimeoutException.class);
    }
  }

  @Test
  void rejectsCredentialsScopedToAnotherRegionOrUnknownKeys(LocalPrivateLink kit) throws Exception {
    try (Ec2Client ec2 = Ec2Client.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(kit.ec2().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            kit.ownerAccount().accessKeyId(), "x")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
        .build()) {
      // HttpURLConnection hides the body of a 401, so the SDK sees the status alone
      assertThatThrownBy(() -> ec2.describeVpcEndpoints(b -> b.maxResults(5)))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> wrongRegion = http.send(HttpRequest.newBuilder(kit.ec2().endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + kit.ownerAccount().accessKeyId()
            + "/20261126/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeVpcEndpoints&Version=2016-11-15")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongRegion.statusCode()).isEqualTo(401);
    assertThat(wrongRegion.body()).contains("<Code>AuthFailure</Code>", "eu-west-1", "<RequestID>");
    HttpResponse<String> unknownKey = http.send(HttpRequest.newBuilder(kit.ec2().endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20261126/us-east-1/ec2/aws4_request")
        .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeVpcEndpoints&Version=2016-11-15")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknownKey.body()).contains("<Code>AuthFailure</Code>");
  }

  @Test
  void eachAccountSeesItsOwnAzNamesForTheSameAzIds(LocalPrivateLink kit) {
    try (Ec2Client owner = ec2(kit); Ec2Client participant = ec2(kit, PARTICIPANT, RetryMode.STANDARD)) {
      Map<String, String> ownerNames = owner.describeAvailabilityZones().availabilityZones().stream()
          .collect(Collectors.toMap(AvailabilityZone::zoneId, AvailabilityZone::zoneName));
      Map<String, String> participantNames = participant.describeAvailabilityZones().availabilityZones()
          .stream().collect(Collectors.toMap(AvailabilityZone::zoneId, AvailabilityZone::zoneName));
      assertThat(ownerNames).containsEntry("use1-az6", "us-east-1a");
      assertThat(participantNames).containsEntry("use1-az6", "us-east-1c");

      VpcEndpoint ep = participant.describeVpcEndpoints(b -> b.filters(Filter.builder().name("service-name")
          .values(SVC).build())).vpcEndpoints().get(0);
      // zonal names carry the owner's AZ names even for the participant
      assertThat(ep.dnsEntries()).extracting(DnsEntry::dnsName).anyMatch(n -> n.contains("-us-east-1a."));

      List<Subnet> subnets = participant.describeSubnets(b -> b.subnetIds(ep.subnetIds())).subnets();
      assertThat(subnets).hasSize(3);
      Subnet az6 = subnets.stream().filter(s -> s.availabilityZoneId().equals("use1-az6")).findFirst().get();
      assertThat(az6.availabilityZone()).isEqualTo("us-east-1c");

      List<NetworkInterface> enis = participant.describeNetworkInterfaces(b -> b.networkInterfaceIds(
          ep.networkInterfaceIds())).networkInterfaces();
      NetworkInterface eni = enis.stream().filter(n -> n.availabilityZoneId().equals("use1-az6")).findFirst()
          .get();
      assertThat(eni.availabilityZone()).isEqualTo("us-east-1c");
      assertThat(eni.privateIpAddress()).isEqualTo(kit.endpoint(SVC).zone("use1-az6").ip().getHostAddress());
      assertThat(eni.interfaceTypeAsString()).isEqualTo("vpc_endpoint");

      assertThat(owner.describeAvailabilityZones(b -> b.zoneIds("use1-az2")).availabilityZones())
          .extracting(AvailabilityZone::zoneName).containsExactly("us-east-1c");
    }
  }

  @Test
  void findsTheTasksOwnInterfaceByItsPrivateAddress(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      var enis = ec2.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("addresses.private-ip-address")
          .values(LocalPrivateLink.TASK_ADDRESS).build())).networkInterfaces();
      assertThat(enis).hasSize(1);
      assertThat(enis.get(0).vpcId()).isEqualTo(kit.vpcId());
      assertThat(enis.get(0).interfaceTypeAsString()).isEqualTo("interface");
      assertThat(enis.get(0).availabilityZoneId()).isEqualTo(kit.instanceZone().id());
    }
  }

  @Test
  void anEmptyAnswerFaultListsNoEndpointAndCountsOnlyDescribeVpcEndpoints(LocalPrivateLink kit) {
    try (Ec2Client ec2 = ec2(kit)) {
      kit.ec2().fault(Ec2Fault.EMPTY_ANSWER, 1);
      assertThat(ec2.describeAvailabilityZones().availabilityZones()).as("other actions answer normally")
          .isNotEmpty();
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("service-name").values(SVC).build()))
          .vpcEndpoints()).isEmpty();
      assertThat(ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("service-name").values(SVC).build()))
          .vpcEndpoints()).as("the counted fault is used up").hasSize(1);
    }
  }
}
