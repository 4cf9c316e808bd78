package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Discovered bindings ({@code service-name}) against the kit's EC2 emulator: the endpoint's state decides
 * health, and {@code vpce.startup.wait-for-bindings} turns a missing route into a start-up failure. vpce's
 * own EC2 client is pointed at the kit through {@code vpce.ec2.endpoint} and {@code vpce.ec2.region}, with the
 * kit's static credentials from an {@link AwsCredentialsProvider} bean.
 */
class VpceDiscoveryIT {
  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  LocalPrivateLink kit;
  ApplicationContextRunner runner;

  @BeforeEach
  void kit(LocalPrivateLink kit) {
    this.kit = kit;
    String[] binding = Props.kitBinding(kit);
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withBean(AwsCredentialsProvider.class, () -> StaticCredentialsProvider.create(AwsBasicCredentials.create(
            kit.callerAccount().accessKeyId(), kit.callerAccount().secretAccessKey())))
        .withPropertyValues(binding[0], binding[2], binding[3], binding[4])
        .withPropertyValues("vpce.ec2.endpoint=" + kit.ec2().endpoint(), "vpce.ec2.region=" + kit.region())
        .withPropertyValues("vpce.bindings.orders.service-name=" + LocalPrivateLink.DEFAULT_SERVICE_NAME,
            "vpce.bindings.orders.bind-private-dns-name=false",
            "vpce.vpc-id=" + kit.vpcId(),
            "vpce.startup.timeout=30s", // vpce builds its EC2 client on first use: slow in a cold, busy JVM
            "management.endpoints.web.exposure.include=vpce");
  }

  @Test
  void anAvailableEndpointIsUpWithItsIdStateTierAndDnsAnswers() {
    runner.withPropertyValues("vpce.startup.wait-for-bindings=true").run(ctx -> {
      assertThat(ctx).hasNotFailed();
      Health health = ctx.getBean(VpceHealthIndicator.class).health(true);
      assertThat(health.getStatus().getCode()).isEqualTo("UP");
      VpceStatus.BindingStatus b = (VpceStatus.BindingStatus) health.getDetails().get(Props.HOST);
      assertThat(b.endpointId()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(b.serviceName()).isEqualTo(LocalPrivateLink.DEFAULT_SERVICE_NAME);
      assertThat(b.binding()).isEqualTo("ROUTED");
      assertThat(b.state()).isEqualTo("available");
      assertThat(b.tier()).isEqualTo("LOCAL_ZONE");
      assertThat(b.error()).isNull();
      assertThat(b.addresses()).startsWith(kit.endpoint().address("us-east-1a").getHostAddress());
      assertThat(b.dns()).as("health does no DNS lookups").isEmpty();

      VpceStatus status = ctx.getBean(VpceEndpoint.class).status();
      VpceStatus.BindingStatus withDns = status.bindings().get(Props.HOST);
      assertThat(withDns.dns()).as("the names the route is computed from: the local zone's, then the regional")
          .extracting(VpceStatus.DnsStatus::kind).containsExactly("us-east-1a", "regional");
      VpceStatus.DnsStatus zoneA = withDns.dns().get(0);
      assertThat(zoneA.name()).isEqualTo(kit.endpoint().zonalDnsName("us-east-1a"));
      assertThat(zoneA.addresses()).containsExactly(kit.endpoint().address("us-east-1a").getHostAddress());
      assertThat(zoneA.ttlSeconds()).isPositive();
      assertThat(zoneA.ageMillis()).isNotNegative();
      assertThat(zoneA.stale()).isFalse();
      VpceStatus.DnsStatus regional = withDns.dns().get(1);
      assertThat(regional.name()).isEqualTo(kit.endpoint().regionalDnsName());
      assertThat(regional.addresses()).contains(kit.endpoint().address("us-east-1a").getHostAddress());
      int queries = kit.dns().queries().size();
      ctx.getBean(VpceEndpoint.class).status();
      assertThat(kit.dns().queries().size()).as("the endpoint reads vpce's cache; it sends no DNS query").isEqualTo(queries);
    });
  }

  @Test
  void anEndpointPendingAcceptanceDoesNotStopStartUpButMakesHealthDownWithTheStatesMessage() {
    kit.endpoint().state("pendingAcceptance");
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed();
      VpceHealthIndicator indicator = ctx.getBean(VpceHealthIndicator.class);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
          ((VpceStatus.BindingStatus) indicator.health(true).getDetails().get(Props.HOST)).error() != null);
      Health health = indicator.health(true);
      assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
      VpceStatus.BindingStatus b = (VpceStatus.BindingStatus) health.getDetails().get(Props.HOST);
      assertThat(b.binding()).isEqualTo("FAILED");
      assertThat(b.state()).isEqualTo("pendingAcceptance");
      assertThat(b.error()).contains("ask the provider to accept " + LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(b.addresses()).isEmpty();
    });
  }

  @Test
  void healthAnswersAtOnceDuringStartUpWithTheBindingStillStarting() {
    kit.ec2().latency(java.time.Duration.ofSeconds(10)); // discovery cannot answer while the test reads health
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed();
      Health health = ctx.getBean(VpceHealthIndicator.class).health(true);
      assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
      VpceStatus.BindingStatus b = (VpceStatus.BindingStatus) health.getDetails().get(Props.HOST);
      assertThat(b.binding()).as("reported, not waited for").isEqualTo("STARTING");
      assertThat(b.endpointId()).isNull();
      assertThat(b.tier()).isNull();
      assertThat(b.addresses()).isEmpty();
      assertThat(b.error()).as("nothing failed yet").isNull();
      assertThat(ctx.getBean(VpceEndpoint.class).status().bindings().get(Props.HOST).binding()).isEqualTo("STARTING");
    });
  }

  @Test
  void waitingForBindingsTurnsAnEndpointPendingAcceptanceIntoAStartUpFailure() {
    kit.endpoint().state("pendingAcceptance");
    runner.withPropertyValues("vpce.startup.wait-for-bindings=true").run(ctx -> {
      assertThat(ctx).hasFailed();
      FailureAnalysis a = new VpceStartupFailureAnalyzer().analyze(ctx.getStartupFailure());
      assertThat(a).isNotNull();
      assertThat(a.getDescription()).contains(Props.HOST).contains("pendingAcceptance")
          .contains("ask the provider to accept " + LocalPrivateLink.DEFAULT_ENDPOINT_ID);
      assertThat(a.getAction()).contains("vpce.startup.wait-for-bindings=false");
    });
  }

  @Test
  void healthRecoversWhenTheEndpointBecomesAvailable() {
    kit.endpoint().state("pendingAcceptance");
    runner.withPropertyValues("vpce.refresh.interval=200ms").run(ctx -> {
      VpceHealthIndicator indicator = ctx.getBean(VpceHealthIndicator.class);
      assertThat(indicator.health(true).getStatus().getCode()).isEqualTo("DOWN");
      kit.endpoint().state("available");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> indicator.health(true).getStatus().getCode().equals("UP"));
      Map<String, Object> details = indicator.health(true).getDetails();
      assertThat(((VpceStatus.BindingStatus) details.get(Props.HOST)).state()).isEqualTo("available");
    });
  }

  @Test
  void discoveryCallsTheEc2EndpointOfThePropertiesWithTheCredentialsBean() {
    int before = kit.ec2().calls();
    runner.withPropertyValues("vpce.startup.wait-for-bindings=true").run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(kit.ec2().calls()).as("DescribeVpcEndpoints reached the kit").isGreaterThan(before);
    });
  }

  @Test
  void withoutTheCredentialsBeanTheSdkChainIsUsedAndTheKitRefusesItsKey() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withPropertyValues(Props.kitBinding(kit)[0], Props.kitBinding(kit)[2], Props.kitBinding(kit)[3])
        .withPropertyValues("vpce.bindings.orders.service-name=" + LocalPrivateLink.DEFAULT_SERVICE_NAME,
            "vpce.vpc-id=" + kit.vpcId(), "vpce.startup.timeout=2s",
            "vpce.ec2.endpoint=" + kit.ec2().endpoint(), "vpce.ec2.region=" + kit.region())
        .withSystemProperties("aws.accessKeyId=AKIAWRONGWRONGWRONG1", "aws.secretAccessKey=wrong")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          Health health = ctx.getBean(VpceHealthIndicator.class).health(true);
          assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
          // health no longer waits for discovery: wait here for the call it used to wait for
          org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> kit.ec2().calls() > 0);
          assertThat(kit.ec2().calls()).as("the call reached the kit, which refused the key").isPositive();
          assertThat(ctx.getBean(VpceHealthIndicator.class).health(true).getStatus().getCode()).isEqualTo("DOWN");
        });
  }
}
