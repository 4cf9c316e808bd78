package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Issue 7, bullets 1 and 2: once a binding has a route, control-plane failures and transitional states
 * keep it, and a binding whose route ended comes back by itself on the next good answer.
 */
class RouteSurvivalIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  LocalPrivateLink kit;
  Ec2Client ec2;
  PrivateLink privateLink;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(LocalPrivateLink kit) {
    this.kit = kit;
    ec2 = KitSupport.ec2(kit, kit.ownerAccount());
    privateLink = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
        .refreshInterval(Duration.ofMillis(250))
        .listener(new PrivateLinkListener() {
          @Override
          public void refreshFailed(String host, String what, Throwable cause) {
            events.add("refresh failed " + what);
          }
        }).build();
  }

  @AfterEach
  void stop() {
    privateLink.close();
    ec2.close();
  }

  void awaitCalls(int more) {
    int target = kit.ec2().calls("DescribeVpcEndpoints") + more;
    await().atMost(Duration.ofSeconds(30)).until(() -> kit.ec2().calls("DescribeVpcEndpoints") >= target);
  }

  @ParameterizedTest
  @EnumSource(value = Ec2Fault.class, names = {"UNAUTHORIZED", "EMPTY_ANSWER", "MALFORMED_BODY", "INTERNAL_ERROR"})
  void oneBadRefreshAnswerKeepsTheRouteAndLaterRefreshesKeepWorking(Ec2Fault fault) throws Exception {
    List<InetAddress> good = privateLink.resolve(HOST);
    kit.ec2().fault(fault, 1);
    awaitCalls(2);
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
    awaitCalls(2);
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
  }

  @Test
  void minutesOfUnauthorizedRefreshesKeepTheRouteAndAreReportedAsRefreshFailures() throws Exception {
    List<InetAddress> good = privateLink.resolve(HOST);
    kit.ec2().fault(Ec2Fault.UNAUTHORIZED); // an IAM or SCP change, rolled back later
    awaitCalls(4);
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
    assertThat(events).contains("refresh failed endpoint");
    kit.ec2().clearFault();
    awaitCalls(2);
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
  }

  @Test
  void aBindingWhoseRouteEndedReturnsToServiceOnTheNextGoodAnswerByItself() throws Exception {
    List<InetAddress> good = privateLink.resolve(HOST);
    kit.ec2().fault(Ec2Fault.EMPTY_ANSWER); // missing from consecutive answers: confirmed gone
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOf(EndpointUnavailableException.class).hasMessageContaining("no interface endpoint"));
    kit.ec2().clearFault(); // the same endpoint as before is listed again
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .untilAsserted(() -> assertThat(privateLink.resolve(HOST)).isEqualTo(good));
  }

  @Test
  void aRefreshThatSeesPendingKeepsTheRoute() throws Exception {
    List<InetAddress> good = privateLink.resolve(HOST);
    kit.endpoint().state("pending"); // ModifyVpcEndpoint: subnets, security groups, policy; the ENIs keep serving
    awaitCalls(3);
    assertThat(privateLink.endpoint(HOST).state()).isEqualTo("pending");
    assertThat(privateLink.resolve(HOST)).isEqualTo(good);
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
  }

  @Test
  void aRefreshThatSeesRejectedEndsTheRouteWithTheStatesMessage() throws Exception {
    privateLink.resolve(HOST);
    kit.endpoint().state("rejected");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> privateLink.resolve(HOST))
        .isInstanceOfSatisfying(EndpointStateException.class, e -> assertThat(e.state()).isEqualTo("rejected"))
        .hasMessageContaining("rejected by the service provider"));
  }
}
