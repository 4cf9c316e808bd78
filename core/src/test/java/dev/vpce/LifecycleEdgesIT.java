package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.dns.NameResolver;
import dev.vpce.dns.ScriptedNameServer;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7, bullet 7 of the opening list (bullet 8 of the list above it): after close, an
 * {@code UnknownHostException} subtype and waiting callers released; null arguments named; the tier
 * {@code REGIONAL} when the placement is unknown; logs that say what happened.
 */
class LifecycleEdgesIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  @Test
  void closeReleasesACallerWaitingForStartUpAndLaterCallsSayClosed(LocalPrivateLink kit) throws Exception {
    kit.ec2().latency(Duration.ofSeconds(20)); // start-up is still running when close() comes
    try (var ec2 = KitSupport.ec2(kit, kit.ownerAccount())) {
      PrivateLink pl = KitSupport.privateLink(kit, ec2).startupTimeout(Duration.ofMinutes(5))
          .bind(HOST, kit.endpoint().serviceName()).build();
      CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
        try {
          pl.resolve(HOST);
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> kit.ec2().calls("DescribeVpcEndpoints") >= 1);
      pl.close();
      assertThat(waiter.get(30, TimeUnit.SECONDS)).as("released by close, not by the 5 min start-up timeout")
          .isInstanceOf(PrivateLinkClosedException.class).isInstanceOf(UnknownHostException.class)
          .hasMessageContaining(HOST).hasMessageContaining("closed");
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(PrivateLinkClosedException.class);
      assertThatThrownBy(() -> pl.route(HOST)).isInstanceOf(PrivateLinkClosedException.class);
    }
  }

  @Test
  void nullArgumentsGetExceptionsThatNameTheParameter(LocalPrivateLink kit) {
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a")).nameResolver(KitSupport.dns(kit)).build()) {
      assertThatThrownBy(() -> pl.resolve(null)).isInstanceOf(NullPointerException.class).hasMessage(
          "host must not be null");
      assertThatThrownBy(() -> pl.endpoint(null)).isInstanceOf(NullPointerException.class).hasMessageContaining(
          "host");
      assertThatThrownBy(() -> pl.connectFailed(null, new ConnectException())).isInstanceOf(
          NullPointerException.class).hasMessageContaining("target");
    }
  }

  @Test
  void theTierIsRegionalWhenThePlacementIsUnknownThoughEachAddressesZoneIsKnown(LocalPrivateLink kit)
      throws Exception {
    try (var ec2 = KitSupport.ec2(kit, kit.ownerAccount());
        PrivateLink pl = KitSupport.privateLink(kit, ec2).placement(Placement.UNKNOWN).vpcId(kit.vpcId())
            .bind(HOST, kit.endpoint().serviceName()).build()) {
      Route route = pl.route(HOST);
      assertThat(route.localZone()).isNull();
      assertThat(route.tier()).isEqualTo(RouteTier.REGIONAL);
    }
  }

  @Test
  void whenTheLastBreakerOpensTheLogSaysFailingOpenNotHealthyAgain(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a")).nameResolver(KitSupport.dns(kit)).build()) {
      List<InetAddress> route = new java.util.ArrayList<>(pl.resolve(HOST));
      java.util.Collections.reverse(route); // the local zone's address last: its breaker is the last to open
      String log = LogCapture.during(() -> {
        for (InetAddress a : route) {
          for (int i = 0; i < 3; i++) {
            pl.connectFailed(new java.net.InetSocketAddress(a, kit.endpoint().port()),
                new ConnectException("Connection refused"));
          }
        }
      });
      assertThat(pl.route(HOST).failOpen()).isTrue();
      assertThat(log).contains("failing open").doesNotContain("healthy again");
    }
  }

  @Test
  void closeDuringALookupLogsNoWarning() throws Exception {
    try (ScriptedNameServer silent = ScriptedNameServer.silent()) {
      String log = LogCapture.during(() -> {
        PrivateLink pl = privateLink(PrivateLink.builder(), silent, Duration.ofSeconds(30));
        try {
          silent.awaitQuestion();
        } finally {
          pl.close(); // interrupts the lookup: the binding is going away, which is no news to warn about
        }
      });
      assertThat(log).as("close() during a lookup").doesNotContain("does not resolve");
    }
  }

  @Test
  void closeDuringALookupOnTheApplicationsExecutorLogsNoWarningWhenTheLookupEnds() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (ScriptedNameServer silent = ScriptedNameServer.silent()) {
      String log = LogCapture.during(() -> {
        // each lookup waits 2 s: still waiting when close() comes, over soon after
        PrivateLink pl = privateLink(PrivateLink.builder().scheduledExecutor(executor), silent, Duration.ofSeconds(2));
        try {
          silent.awaitQuestion();
        } finally {
          pl.close(); // the application's executor is not interrupted: the lookup runs to its timeout
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).as("the lookups ran out").isTrue();
      });
      assertThat(log).as("a lookup that ended after close()").doesNotContain("does not resolve");
    } finally {
      executor.shutdownNow();
    }
  }

  /** A static binding whose lookups go to this name server, each waiting up to the timeout. */
  private static PrivateLink privateLink(PrivateLink.Builder builder, ScriptedNameServer dns, Duration timeout) {
    return builder
        .bind(Binding.builder(HOST).regionalDnsName(
            "vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com").build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(dns.address()), timeout))
        .build();
  }
}
