package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    try (SilentNameServer silent = new SilentNameServer()) {
      String log = LogCapture.during(() -> {
        PrivateLink pl = silent.privateLink(PrivateLink.builder(), Duration.ofSeconds(30));
        try {
          await().atMost(Duration.ofSeconds(10)).until(() -> silent.queries.get() >= 1);
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
    try (SilentNameServer silent = new SilentNameServer()) {
      String log = LogCapture.during(() -> {
        // each lookup waits 2 s: still waiting when close() comes, over soon after
        PrivateLink pl = silent.privateLink(PrivateLink.builder().scheduledExecutor(executor), Duration.ofSeconds(2));
        try {
          await().atMost(Duration.ofSeconds(10)).until(() -> silent.queries.get() >= 1);
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

  /** A name server on loopback that never answers, counting the queries it gets. */
  private static final class SilentNameServer implements AutoCloseable {
    final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    final AtomicInteger queries = new AtomicInteger();

    SilentNameServer() throws IOException {
      Thread listener = new Thread(() -> {
        byte[] buffer = new byte[512];
        try {
          while (true) {
            socket.receive(new DatagramPacket(buffer, buffer.length));
            queries.incrementAndGet();
          }
        } catch (IOException closed) {
          // the test is over
        }
      }, "silent-name-server");
      listener.setDaemon(true);
      listener.start();
    }

    /** A static binding whose lookups go to this server, each waiting up to the timeout. */
    PrivateLink privateLink(PrivateLink.Builder builder, Duration timeout) {
      return builder
          .bind(Binding.builder(HOST).regionalDnsName(
              "vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com").build())
          .placement(Placement.ofZoneName("us-east-1a"))
          .nameResolver(NameResolver.servers(List.of((InetSocketAddress) socket.getLocalSocketAddress()),
              timeout))
          .build();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
