package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * Issue 7, bullet 3: with no AWS credentials, or EC2 unreachable, only the first {@code resolve} may wait;
 * later calls fail at once; lasting causes are recognised, said in one line with the SDK's reason, and
 * not logged as a 2 KB WARN on every retry.
 */
class StartupFailFastIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  /** The SDK's chain as it behaves on a machine with no credentials (the build sets none for tests). */
  static AwsCredentialsProviderChain noCredentials() {
    return AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
        EnvironmentVariableCredentialsProvider.create());
  }

  @Test
  void missingCredentialsFailTheFirstCallAtOnceWithOneClearLineAndLogOnce(LocalPrivateLink kit) throws Exception {
    String log = LogCapture.during(() -> {
      try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
          .ec2Credentials(noCredentials())
          .region("us-east-1")
          .placement(Placement.ofZoneName("us-east-1a"))
          .startupTimeout(Duration.ofMinutes(5)) // were it waited for, this test would take five minutes
          .refreshInterval(Duration.ofMillis(100))
          .bind(HOST, kit.endpoint().serviceName()).build()) {
        for (int i = 0; i < 2; i++) {
          assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
              .hasMessageContaining("no AWS credentials were found")
              .hasMessageContaining("a static binding (Binding.builder(\"" + HOST + "\").regionalDnsName(...)) "
                  + "needs none")
              .hasMessageContaining("Unable to load credentials") // the SDK's own reason, not three causes deep
              .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(1_000));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pl.refreshFailures() >= 4);
      }
    });
    assertThat(kit.ec2().calls()).as("nothing reaches EC2 without credentials").isZero();
    long warnings = Arrays.stream(log.split("\n")).filter(l -> l.contains("WARN") && l.contains("discovery failed"))
        .count();
    assertThat(warnings).as("one WARN for a lasting cause, not one per retry:%n%s", log).isEqualTo(1);
    assertThat(log.split("\n")).allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(1_200));
  }

  @Test
  void anUnreachableEc2MakesOnlyTheFirstCallWaitAndNamesTheHostItCouldNotReach(LocalPrivateLink kit)
      throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .ec2Endpoint(URI.create("http://127.0.0.1:" + closedPort))
        .region("us-east-1")
        .placement(Placement.ofZoneName("us-east-1a"))
        .startupTimeout(Duration.ofSeconds(1))
        .bind(HOST, kit.endpoint().serviceName()).build()) {
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
          .hasMessageContaining("after waiting 1000 ms for start-up")
          .hasMessageContaining("127.0.0.1:" + closedPort);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(EndpointUnavailableException.class)
            .hasMessageContaining("failing fast").hasMessageContaining("127.0.0.1:" + closedPort)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      }
    }
  }
}
