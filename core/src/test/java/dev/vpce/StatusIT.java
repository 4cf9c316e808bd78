package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.internal.ManualScheduler;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.ZoneFront;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PrivateLink.status()} against the kit: a typed snapshot of a degraded binding (the local zone refuses
 * so its breaker opens, the local zone's DNS name fails and is served stale), and a snapshot that never waits
 * for start-up. Time is an injected clock driven with a manual scheduler; connects are real sockets.
 */
class StatusIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);

  PrivateLink build(LocalPrivateLink kit) {
    return LocalPrivateLinks.builder(kit)
        .bind(HOST, LocalPrivateLink.DEFAULT_SERVICE_NAME)
        .clock(clock)
        .scheduler(() -> scheduler)
        .random(new Random(7))
        .build();
  }

  /** Connects like a reporting client: each address in turn until one accepts; returns the one that did. */
  static InetAddress connect(PrivateLink pl, int port) throws Exception {
    for (InetAddress a : pl.resolve(HOST)) {
      InetSocketAddress target = new InetSocketAddress(a, port);
      try (Socket s = new Socket()) {
        s.connect(target, 2_000);
        pl.connectSucceeded(target, Duration.ofMillis(1));
        return a;
      } catch (IOException e) {
        pl.connectFailed(target, e);
      }
    }
    throw new AssertionError("no address of " + HOST + " accepted");
  }

  @Test
  void showsADegradedBindingInTypes(LocalPrivateLink kit) throws Exception {
    kit.dns().ttl(Duration.ofSeconds(30));
    EmulatedEndpoint ep = kit.endpoint();
    ZoneFront local = ep.zone(kit.instanceZone().id());
    String localName = ep.zonalDnsName(kit.instanceZone().id());
    try (PrivateLink pl = build(kit)) {
      scheduler.runDue();
      assertThat(connect(pl, ep.port())).isEqualTo(local.ip());

      kit.dns().fault(localName, DnsFault.SERVFAIL); // the local zone's name stops answering...
      scheduler.advance(Duration.ofSeconds(31)); // ...past its 30 s TTL: served stale
      local.mode(BackendMode.REFUSE);
      for (int i = 0; i < 3; i++) {
        assertThat(connect(pl, ep.port())).isNotEqualTo(local.ip());
      }

      PrivateLinkStatus status = pl.status();
      System.out.println(status);

      assertThat(status.takenAt()).isEqualTo(clock.instant());
      assertThat(status.placement().source()).isEqualTo(PlacementSourceKind.EXPLICIT);
      assertThat(status.placement().zoneId()).isEqualTo(kit.instanceZone().id());
      assertThat(status.allRouted()).isTrue();
      BindingStatus b = status.binding(HOST.toUpperCase(java.util.Locale.ROOT));
      assertThat(b.host()).isEqualTo(HOST);
      assertThat(b.state()).isEqualTo(BindingState.ROUTED);
      assertThat(b.endpoint()).isEqualTo(new EndpointStatus(ep.id(), LocalPrivateLink.DEFAULT_SERVICE_NAME,
          "available", kit.vpcId(), "us-east-1", "the only endpoint of the service in " + kit.vpcId()
              + ", this process's VPC"));
      assertThat(b.lastGoodDiscovery()).isNotNull().isBefore(status.takenAt());
      assertThat(b.lastError()).contains(localName);
      assertThat(b.lastErrorAt()).isAfter(b.lastGoodDiscovery());
      assertThat(b.refreshFailures().get(RefreshKind.DNS)).isPositive();
      assertThat(b.refreshFailures().get(RefreshKind.START_UP)).isZero();
      assertThat(b.refreshFailures().get(RefreshKind.ENDPOINT)).isZero();

      assertThat(b.dnsNames()).hasSize(2);
      DnsNameStatus zonal = b.dnsNames().get(0);
      assertThat(zonal.name()).isEqualTo(localName);
      assertThat(zonal.zone()).isNotNull();
      assertThat(zonal.addresses()).containsExactly(local.ip());
      assertThat(zonal.ttl()).isEqualTo(Duration.ofSeconds(30));
      assertThat(zonal.age()).isEqualTo(Duration.ofSeconds(31));
      assertThat(zonal.stale()).isTrue();
      DnsNameStatus regional = b.dnsNames().get(1);
      assertThat(regional.name()).isEqualTo(ep.regionalDnsName());
      assertThat(regional.zone()).isNull();
      assertThat(regional.addresses()).containsExactlyInAnyOrderElementsOf(ep.addresses());
      assertThat(regional.stale()).isFalse();
      assertThat(regional.age()).isLessThan(Duration.ofSeconds(30));
      assertThat(b.hasStaleDns()).isTrue();

      assertThat(b.tier()).isEqualTo(RouteTier.OTHER_ZONE);
      assertThat(b.route().addresses()).last().isEqualTo(local.ip());
      TargetStatus refused = b.targets().stream().filter(t -> t.address().getAddress().equals(local.ip()))
          .findFirst().orElseThrow();
      assertThat(refused.address().getPort()).isEqualTo(ep.port());
      assertThat(refused.zone()).isEqualTo(kit.instanceZone().id());
      assertThat(refused.breaker()).isEqualTo(BreakerState.OPEN);
      assertThat(refused.recentFailures()).isEqualTo(3);
      assertThat(refused.nextTrialAt()).isEqualTo(status.takenAt().plus(Duration.ofSeconds(5)));
      assertThat(b.targets()).filteredOn(t -> t != refused).isNotEmpty()
          .allSatisfy(t -> {
            assertThat(t.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(t.recentFailures()).isZero();
            assertThat(t.nextTrialAt()).isNull();
          });

      String table = status.toString();
      assertThat(table).contains("binding    " + HOST + "  ROUTED")
          .contains("endpoint   " + ep.id() + "  available  " + kit.vpcId() + "  us-east-1")
          .contains("route      other_zone")
          .containsPattern("\\s" + java.util.regex.Pattern.quote(localName) + "\\s+\\S+\\s+"
              + java.util.regex.Pattern.quote(local.ip().getHostAddress()) + "\\s+30s\\s+31s\\s+yes")
          .containsPattern(java.util.regex.Pattern.quote(local.ip().getHostAddress() + ":" + ep.port())
              + "\\s+\\S+\\s+OPEN\\s+3\\s+\\S+ \\(in 5.0s\\)");
    }
  }

  @Test
  void answersAtOnceBeforeStartUpAndAfterClose(LocalPrivateLink kit) throws Exception {
    PrivateLink pl = build(kit);
    PrivateLinkStatus starting = pl.status(); // nothing has run: the manual scheduler holds start-up
    BindingStatus b = starting.binding(HOST);
    assertThat(b.state()).isEqualTo(BindingState.STARTING);
    assertThat(b.endpoint()).isNull();
    assertThat(b.route()).isNull();
    assertThat(b.tier()).isNull();
    assertThat(b.dnsNames()).isEmpty();
    assertThat(b.targets()).isEmpty();
    assertThat(b.lastError()).isNull();
    assertThat(starting.allRouted()).isFalse();
    assertThat(starting.toString()).contains("route      none");

    scheduler.runDue();
    assertThat(pl.status().binding(HOST).state()).isEqualTo(BindingState.ROUTED);
    pl.close();
    assertThat(pl.status().binding(HOST).state()).isEqualTo(BindingState.CLOSED);
    assertThat(pl.status().binding("unbound.example.com")).isNull();
  }

  @Test
  void aRejectedEndpointIsFailedWithItsReason(LocalPrivateLink kit) throws Exception {
    kit.endpoint().state("rejected");
    try (PrivateLink pl = build(kit)) {
      scheduler.runDue();
      BindingStatus b = pl.status().binding(HOST);
      assertThat(b.state()).isEqualTo(BindingState.FAILED);
      assertThat(b.endpoint().state()).isEqualTo("rejected");
      assertThat(b.route()).isNull();
      assertThat(b.lastError()).contains("rejected").doesNotContain("\n");
      assertThat(b.lastErrorAt()).isEqualTo(clock.instant());
    }
  }
}
