package dev.vpce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.MetadataFault;
import dev.vpce.testkit.TlsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The doctor, in-process, against the kit with each fault it diagnoses. Everything on loopback. */
class DoctorIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  static TlsServer tls;
  static Path caFile;

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err, JsonNode json) {
    JsonNode step(String name) {
      for (JsonNode s : json.get("steps")) {
        if (s.get("step").asText().equals(name)) {
          return s;
        }
      }
      throw new AssertionError("no step " + name + " in " + out);
    }

    String verdict(String step) {
      return step(step).get("verdict").asText();
    }

    JsonNode facts(String step) {
      return step(step).get("facts");
    }
  }

  @BeforeAll
  static void startServerAndWarmUp(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    tls = TlsServer.start(HOST);
    LocalPrivateLink kit = WORLD.get();
    kit.endpoint().target(tls.address());
    X509Certificate ca = tls.trustManager().getAcceptedIssuers()[0];
    caFile = dir.resolve("kit-ca.pem");
    Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    // the first IMDS call of a cold JVM loads the SDK and wakes the emulator: not what these tests are about.
    // Each IMDS call is capped at 1 s, which a cold JVM on a busy machine can miss: warm up until one answers.
    for (int attempt = 1; ; attempt++) {
      try {
        PlacementSource.imds(kit.imds().endpoint()).locate(Duration.ofSeconds(10));
        break;
      } catch (java.io.IOException coldStart) {
        if (attempt == 5) {
          throw coldStart;
        }
      }
    }
  }

  @AfterAll
  static void stopServer() {
    tls.close();
  }

  /** The doctor's arguments for the kit's default endpoint (the only one, or one of several). */
  static List<String> discovered(LocalPrivateLink kit, String... extra) {
    EmulatedEndpoint endpoint = kit.endpoint(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
    List<String> a = new ArrayList<>(List.of("doctor", "--host", HOST, "--service", endpoint.serviceName(),
        "--region", kit.region(), "--ec2-endpoint", kit.ec2().endpoint().toString(),
        "--dns-server", "127.0.0.1:" + kit.dns().address().getPort(),
        "--imds-endpoint", kit.imds().endpoint().toString(), "--placement-timeout", "3s",
        "--port", String.valueOf(endpoint.port()), "--connect-timeout", "300ms", "--startup-timeout", "5s",
        "--json"));
    a.addAll(List.of(extra));
    return a;
  }

  static Run doctor(LocalPrivateLink kit, List<String> args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(kit.callerAccount().accessKeyId(), kit.callerAccount().secretAccessKey())));
    String text = out.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    JsonNode json = args.contains("--json") ? new ObjectMapper().readTree(text) : null;
    if (json != null) {
      assertThat(json.get("exitCode").asInt()).isEqualTo(code);
    }
    return new Run(code, text, err.toString(StandardCharsets.UTF_8), json);
  }

  @Test
  void healthyWorldPassesEveryStepWithAVerifiedTlsHandshake(LocalPrivateLink kit) throws Exception {
    Run r = doctor(kit, discovered(kit, "--tls", "--ca-file", caFile.toString()));
    assertThat(r.exitCode()).isZero();
    assertThat(r.json().get("verdict").asText()).isEqualTo("OK");
    for (String step : List.of("placement", "credentials", "endpoint", "dns", "connect", "route")) {
      assertThat(r.verdict(step)).as(step).isEqualTo("OK");
    }
    assertThat(r.facts("placement").get("source").asText()).isEqualTo("imds");
    assertThat(r.facts("placement").get("zoneId").asText()).isEqualTo("use1-az6");
    assertThat(r.facts("credentials").get("region").asText()).isEqualTo("us-east-1");
    assertThat(r.facts("credentials").get("accessKeyId").asText()).contains("...");
    assertThat(r.facts("endpoint").get("endpointId").asText()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
    assertThat(r.facts("endpoint").get("state").asText()).isEqualTo("available");
    JsonNode regional = r.facts("dns").get("names").get(0);
    assertThat(regional.get("label").asText()).isEqualTo("regional");
    assertThat(regional.get("configured").get("ttlSeconds").asLong()).isEqualTo(60);
    assertThat(regional.get("configured").get("addresses")).hasSize(3);
    assertThat(regional.get("system").get("addresses")).hasSize(3);
    assertThat(r.facts("connect").get("addresses")).hasSize(3)
        .allSatisfy(a -> assertThat(a.get("tls").get("peer").asText()).contains(HOST));
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("LOCAL_ZONE");
    assertThat(r.facts("route").get("addresses").get(0).get("address").asText())
        .isEqualTo(kit.endpoint().address("us-east-1a").getHostAddress());
    assertThat(r.facts("route").get("addresses").get(0).get("zone").asText()).isEqualTo("us-east-1a");
  }

  @Test
  void healthyReportTakesVpcesViewFromOneStatusSnapshot(LocalPrivateLink kit) throws Exception {
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isZero();
    assertThat(r.json().get("statusTakenAt").asText()).isNotBlank();
    assertThat(r.step("placement").get("details")).anySatisfy(d -> assertThat(d.asText())
        .isEqualTo("vpce's chain: us-east-1a (use1-az6) from imds, Region us-east-1, " + kit.vpcId()));
    JsonNode endpoint = r.facts("endpoint");
    assertThat(endpoint.get("bindingState").asText()).isEqualTo("ROUTED");
    assertThat(endpoint.get("region").asText()).isEqualTo("us-east-1");
    assertThat(endpoint.get("chosenBecause").asText()).contains("the only endpoint of the service in " + kit.vpcId());
    assertThat(endpoint.get("lastGoodDiscovery").asText()).isNotBlank();
    assertThat(endpoint.get("ec2Calls").asInt()).isEqualTo(kit.ec2().calls("DescribeVpcEndpoints"));
    JsonNode regional = r.facts("dns").get("names").get(0);
    assertThat(regional.get("vpce").get("addresses")).hasSize(3);
    assertThat(regional.get("vpce").get("ttlSeconds").asLong()).isEqualTo(60);
    assertThat(regional.get("vpce").get("stale").asBoolean()).isFalse();
    assertThat(regional.get("vpce").get("ageMillis").asLong()).isNotNegative();
    JsonNode zonalB = r.facts("dns").get("names").get(2);
    assertThat(zonalB.get("zone").asText()).isEqualTo("us-east-1b");
    assertThat(zonalB.has("vpce")).as("vpce tracks only the local zone's name and the regional name").isFalse();
    assertThat(r.facts("route").get("bindingState").asText()).isEqualTo("ROUTED");
    assertThat(r.facts("route").get("addresses")).hasSize(3)
        .allSatisfy(a -> assertThat(a.get("breaker").asText()).as("every connect succeeded").isEqualTo("CLOSED"));
  }

  @Test
  void rejectedEndpointFailsTheBindingWithTheStatesMessage(LocalPrivateLink kit) throws Exception {
    kit.endpoint().state("rejected");
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("endpoint")).isEqualTo("FAIL");
    assertThat(r.facts("endpoint").get("state").asText()).isEqualTo("rejected");
    assertThat(r.facts("endpoint").get("bindingState").asText()).isEqualTo("FAILED");
    assertThat(r.facts("endpoint").get("lastError").asText())
        .contains(LocalPrivateLink.DEFAULT_ENDPOINT_ID).contains("rejected");
    assertThat(r.step("endpoint").get("summary").asText()).contains("the service provider rejected it");
    assertThat(r.verdict("route")).isEqualTo("FAIL");
    assertThat(r.facts("route").get("bindingState").asText()).isEqualTo("FAILED");
    assertThat(r.step("route").get("summary").asText()).startsWith("no route: binding FAILED: ").contains("rejected");
  }

  @Test
  void textReportGivesAVerdictPerStep(LocalPrivateLink kit) throws Exception {
    List<String> args = discovered(kit);
    args.remove("--json");
    Run r = doctor(kit, args);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("[OK  ] placement: us-east-1a (use1-az6) from imds")
        .contains("[OK  ] endpoint: " + LocalPrivateLink.DEFAULT_ENDPOINT_ID + " available")
        .contains("vpce's view: status() at ")
        .contains("[OK  ] route: local zone us-east-1a first: " + kit.endpoint().address("us-east-1a").getHostAddress())
        .contains(kit.endpoint().address("us-east-1a").getHostAddress() + ":" + kit.endpoint().port()
            + " (us-east-1a) breaker CLOSED")
        .contains("verdict: OK (exit 0)");
  }

  @Test
  void textReportOfARefusingZoneShowsVpcesOpenBreakerAndTheRouteAroundIt(LocalPrivateLink kit) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    List<String> args = discovered(kit);
    args.remove("--json");
    Run r = doctor(kit, args);
    assertThat(r.exitCode()).isEqualTo(1);
    String a = kit.endpoint().address("us-east-1a").getHostAddress() + ":" + kit.endpoint().port();
    assertThat(r.out()).contains("[WARN] connect: 2 of 3 addresses answered; failing: [")
        .contains(a + " (us-east-1a): refused (").contains("[counted by vpce]")
        .contains("[WARN] route: another zone first: ")
        .contains(a + " (us-east-1a) breaker OPEN, 1 failure(s) in a row, next trial ")
        .contains("verdict: WARN (exit 1)");
  }

  @Test
  void ec2UnauthorizedNamesTheIamAction(LocalPrivateLink kit) throws Exception {
    kit.ec2().fault(Ec2Fault.UNAUTHORIZED);
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("endpoint")).isEqualTo("FAIL");
    assertThat(r.facts("endpoint").get("reason").asText()).isEqualTo("ACCESS_DENIED");
    assertThat(r.facts("endpoint").get("failedAction").asText()).isEqualTo("ec2:DescribeVpcEndpoints");
    assertThat(r.step("endpoint").get("summary").asText()).contains("grant the IAM action ec2:DescribeVpcEndpoints");
    assertThat(r.facts("endpoint").get("bindingState").asText()).as("never routed").isEqualTo("STARTING");
    assertThat(r.verdict("route")).isEqualTo("FAIL");
    assertThat(r.step("route").get("summary").asText()).startsWith("no route: binding STARTING: ")
        .contains("ec2:DescribeVpcEndpoints");
  }

  @Test
  void ec2ThrottlingIsReportedAsThrottling(LocalPrivateLink kit) throws Exception {
    kit.ec2().fault(Ec2Fault.THROTTLING);
    List<String> args = discovered(kit);
    args.set(args.indexOf("--startup-timeout") + 1, "1s");
    Run r = doctor(kit, args);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("endpoint")).isEqualTo("FAIL");
    assertThat(r.facts("endpoint").get("reason").asText()).isEqualTo("THROTTLED");
    assertThat(r.step("endpoint").get("summary").asText()).contains("RequestLimitExceeded");
    assertThat(r.facts("endpoint").get("ec2Calls").asInt()).as("vpce's own calls, one attempt each")
        .isEqualTo(kit.ec2().calls("DescribeVpcEndpoints")).isPositive();
    assertThat(r.facts("route").get("bindingState").asText()).as("throttling is transient: still starting")
        .isEqualTo("STARTING");
    assertThat(r.step("route").get("summary").asText()).startsWith("no route: binding STARTING");
  }

  @Test
  void pendingAcceptanceSaysWhoMustAct(LocalPrivateLink kit) throws Exception {
    kit.endpoint().state("pendingAcceptance");
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("endpoint")).isEqualTo("FAIL");
    assertThat(r.facts("endpoint").get("state").asText()).isEqualTo("pendingAcceptance");
    assertThat(r.step("endpoint").get("summary").asText())
        .contains("ask the provider to accept " + LocalPrivateLink.DEFAULT_ENDPOINT_ID);
    assertThat(r.facts("endpoint").get("bindingState").asText()).isEqualTo("FAILED");
    assertThat(r.verdict("route")).isEqualTo("FAIL");
    assertThat(r.facts("route").get("error").asText()).contains("pendingAcceptance");
  }

  @Test
  void regionalNameNxdomainFailsTheDnsStep(LocalPrivateLink kit) throws Exception {
    kit.dns().fault(kit.endpoint().regionalDnsName(), DnsFault.NXDOMAIN);
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("dns")).isEqualTo("FAIL");
    JsonNode regional = r.facts("dns").get("names").get(0);
    assertThat(regional.get("configured").get("error").asText()).isEqualTo("NXDOMAIN");
    assertThat(regional.get("system").get("addresses")).as("the system resolver is another path").hasSize(3);
  }

  @Test
  void localZonalNameServfailWarnsWhileTheRouteKeepsTheLocalZonesAddressFromTheRegionalName(LocalPrivateLink kit)
      throws Exception {
    kit.dns().fault(kit.endpoint().zonalDnsName("us-east-1a"), DnsFault.SERVFAIL);
    Run r = doctor(kit, discovered(kit));
    assertThat(r.verdict("dns")).isEqualTo("WARN");
    assertThat(r.step("dns").get("summary").asText()).contains("zonal names failing for [us-east-1a]");
    JsonNode zonalA = r.facts("dns").get("names").get(1);
    assertThat(zonalA.get("zone").asText()).isEqualTo("us-east-1a");
    assertThat(zonalA.get("configured").get("error").asText()).isEqualTo("SERVFAIL");
    assertThat(zonalA.get("vpce").get("addresses")).as("vpce has no answer for it either").isEmpty();
    // EC2 places the regional name's first-zone address in us-east-1a: still the local zone, and labelled so
    assertThat(r.facts("route").get("tier").asText()).as("from the regional name").isEqualTo("LOCAL_ZONE");
    assertThat(r.facts("route").get("addresses").get(0).get("address").asText())
        .isEqualTo(kit.endpoint().address("us-east-1a").getHostAddress());
    assertThat(r.step("route").get("summary").asText()).contains("local zone us-east-1a first");
    assertThat(r.exitCode()).as("the failing zonal name is still a warning").isEqualTo(1);
  }

  @Test
  void refusingZoneIsNamedAndTheRouteMovesPastIt(LocalPrivateLink kit) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.verdict("connect")).isEqualTo("WARN");
    String a = kit.endpoint().address("us-east-1a").getHostAddress();
    assertThat(r.facts("connect").get("addresses")).anySatisfy(x -> {
      assertThat(x.get("address").asText()).isEqualTo(a);
      assertThat(x.get("ok").asBoolean()).isFalse();
      assertThat(x.get("error").asText()).startsWith("refused");
      assertThat(x.get("countedByVpce").asBoolean()).isTrue();
    });
    assertThat(r.verdict("route")).isEqualTo("WARN");
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("OTHER_ZONE");
    assertThat(r.facts("route").get("addresses").get(0).get("address").asText()).isNotEqualTo(a);
    assertThat(r.facts("route").get("addresses")).anySatisfy(x -> {
      assertThat(x.get("address").asText()).isEqualTo(a);
      assertThat(x.get("breaker").asText()).as("the doctor's one refused connect opened it").isEqualTo("OPEN");
      assertThat(x.get("nextTrialAt").asText()).isNotBlank();
    });
  }

  @Test
  void blackholedZoneTimesOutAndTheRouteMovesPastIt(LocalPrivateLink kit) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    Run r = doctor(kit, discovered(kit));
    assertThat(r.exitCode()).isEqualTo(1);
    String a = kit.endpoint().address("us-east-1a").getHostAddress();
    assertThat(r.facts("connect").get("addresses")).anySatisfy(x -> {
      assertThat(x.get("address").asText()).isEqualTo(a);
      assertThat(x.get("error").asText()).startsWith("timed out after 300 ms");
      assertThat(x.get("countedByVpce").asBoolean()).isTrue();
    });
    assertThat(r.facts("route").get("addresses").get(0).get("address").asText()).isNotEqualTo(a);
    assertThat(r.facts("route").get("addresses")).anySatisfy(x -> {
      assertThat(x.get("address").asText()).isEqualTo(a);
      assertThat(x.get("breaker").asText()).isEqualTo("OPEN");
    });
  }

  @Test
  void absentImdsExplainsTheHopLimitAndRoutesRegional(LocalPrivateLink kit) throws Exception {
    kit.imds().fault(MetadataFault.HANG);
    List<String> args = discovered(kit, "--vpc-id", kit.vpcId());
    args.set(args.indexOf("--placement-timeout") + 1, "300ms");
    Run r = doctor(kit, args);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.verdict("placement")).isEqualTo("WARN");
    assertThat(r.facts("placement").get("source").asText()).isEqualTo("unknown");
    assertThat(r.facts("placement").get("attempts")).anySatisfy(x -> {
      assertThat(x.get("source").asText()).isEqualTo("imds");
      assertThat(x.get("outcome").asText()).isEqualTo("failed");
      assertThat(x.get("detail").asText()).contains("hop limit");
    });
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("REGIONAL");
  }

  @Test
  void fargateTaskMetadataPlacesTheCallerAndFindsItsVpcFromTheTaskAddress(LocalPrivateLink kit) throws Exception {
    kit.ecs().fargate(true);
    kit.imds().fault(MetadataFault.NOT_FOUND);
    List<String> args = discovered(kit, "--ecs-metadata-uri", kit.ecs().uri().toString());
    Run r = doctor(kit, args);
    assertThat(r.exitCode()).isZero();
    assertThat(r.facts("placement").get("source").asText()).isEqualTo("ecs");
    assertThat(r.facts("placement").get("vpcId").isNull()).as("Fargate's task metadata has no VPCID").isTrue();
    assertThat(r.facts("endpoint").get("vpcId").asText()).isEqualTo(kit.vpcId());
    assertThat(r.step("endpoint").get("details")).anySatisfy(d -> assertThat(d.asText())
        .isEqualTo("VPC of " + LocalPrivateLink.TASK_ADDRESS + " (ec2:DescribeNetworkInterfaces): " + kit.vpcId()));
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("LOCAL_ZONE");
  }

  @Test
  void endpointsInSeveralVpcsWithTheVpcUnknownFailAsVpceDoesAskingForTheVpc() throws Exception {
    String otherVpc = "vpc-0aaaaaaaaaaaaaaa1";
    try (LocalPrivateLink kit = LocalPrivateLink.defaults()
        .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.id("vpce-00000000000000001").vpcId(otherVpc))
        .build()) {
      // an explicit zone carries no VPC, so vpce cannot tell which VPC's endpoint is this process's
      Run r = doctor(kit, discovered(kit, "--zone", "us-east-1a"));
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.verdict("endpoint")).isEqualTo("FAIL");
      assertThat(r.facts("endpoint").get("endpoints")).as("the raw answer lists both").hasSize(2);
      assertThat(r.step("endpoint").get("summary").asText()).contains("several VPCs").contains(otherVpc)
          .contains(kit.vpcId()).contains("vpcId");
      assertThat(r.verdict("route")).isEqualTo("FAIL");

      Run pinned = doctor(kit, discovered(kit, "--zone", "us-east-1a", "--vpc-id", kit.vpcId()));
      assertThat(pinned.exitCode()).isZero();
      assertThat(pinned.facts("endpoint").get("endpointId").asText()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(pinned.facts("endpoint").get("vpcId").asText()).isEqualTo(kit.vpcId());
    }
  }

  @Test
  void explicitZoneIdPlacesTheCallerAsInASharedVpc(LocalPrivateLink kit) throws Exception {
    Run r = doctor(kit, discovered(kit, "--zone-id", "use1-az1", "--vpc-id", kit.vpcId()));
    assertThat(r.exitCode()).isZero();
    assertThat(r.facts("placement").get("source").asText()).isEqualTo("explicit");
    assertThat(r.facts("route").get("addresses").get(0).get("address").asText())
        .isEqualTo(kit.endpoint().address("us-east-1b").getHostAddress());
  }

  @Test
  void staticBindingMakesNoAwsCall(LocalPrivateLink kit) throws Exception {
    Run r = doctor(kit, List.of("doctor", "--host", HOST, "--regional-dns-name", kit.endpoint().regionalDnsName(),
        "--zonal", "us-east-1a=" + kit.endpoint().zonalDnsName("us-east-1a"),
        "--zonal", "us-east-1b=" + kit.endpoint().zonalDnsName("us-east-1b"),
        "--zone", "us-east-1a", "--dns-server", "127.0.0.1:" + kit.dns().address().getPort(),
        "--port", String.valueOf(kit.endpoint().port()), "--connect-timeout", "300ms", "--json"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.verdict("credentials")).isEqualTo("SKIP");
    assertThat(r.verdict("endpoint")).isEqualTo("SKIP");
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("LOCAL_ZONE");
    assertThat(kit.ec2().calls()).isZero();
  }

  @Test
  void tlsVerificationIsNeverWeakened(LocalPrivateLink kit) throws Exception {
    Run r = doctor(kit, discovered(kit, "--tls"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.verdict("connect")).isEqualTo("FAIL");
    assertThat(r.facts("connect").get("addresses"))
        .allSatisfy(x -> assertThat(x.get("error").asText()).startsWith("TLS handshake failed"))
        .allSatisfy(x -> assertThat(x.get("countedByVpce").asBoolean()).as("an untrusted certificate is not the "
            + "address's fault").isFalse());
    assertThat(r.facts("route").get("tier").asText()).isEqualTo("LOCAL_ZONE");
    assertThat(r.facts("route").get("addresses")).allSatisfy(x -> assertThat(x.get("breaker").asText())
        .isEqualTo("CLOSED"));
  }

  @Test
  void badUsageNamesTheOptionAndTheValue(LocalPrivateLink kit) throws Exception {
    Run missing = doctor(kit, List.of("doctor", "--service", kit.endpoint().serviceName()));
    assertThat(missing.exitCode()).isEqualTo(64);
    assertThat(missing.err()).contains("--host is required");
    Run duration = doctor(kit, List.of("doctor", "--host", HOST, "--service", kit.endpoint().serviceName(),
        "--connect-timeout", "fast"));
    assertThat(duration.exitCode()).isEqualTo(64);
    assertThat(duration.err()).contains("--connect-timeout must be a positive duration such as 500ms, 2s or PT2S, "
        + "but was 'fast'");
    Run zonal = doctor(kit, List.of("doctor", "--host", HOST, "--regional-dns-name", "a.example.com", "--zonal",
        "zone-a=b.example.com"));
    assertThat(zonal.err()).contains("--zonal zone must be an AZ name such as us-east-1a or an AZ ID such as "
        + "use1-az6, but was 'zone-a'");
    Run both = doctor(kit, List.of("doctor", "--host", HOST));
    assertThat(both.err()).contains("give exactly one of --service (discovered) or --regional-dns-name (static), "
        + "but got neither");
  }
}
