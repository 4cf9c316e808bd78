package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vpce.dns.NameResolver;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.Zone;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route's tier names where its first address sits, whatever told vpce the zones: the local zone's zonal DNS
 * name, or only the endpoint's network interfaces (EC2 {@code DescribeNetworkInterfaces}, AZ name and AZ ID) when
 * that name does not resolve; and with the placement known by AZ ID, by AZ name, or both. Real EC2 emulator, real
 * DNS server; the local zonal name answers NXDOMAIN or nothing at all while EC2 still lists the interfaces. And a
 * breaker's zone in the status is the AZ ID whenever vpce knows it, as {@link TargetStatus} says.
 */
class ZoneLabelIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  /** How the placement names the instance's zone. */
  enum Known {
    ID_ONLY((kit, z) -> new Placement(kit.region(), null, z.id(), kit.vpcId(), null, PlacementSourceKind.EXPLICIT)),
    NAME_ONLY((kit, z) -> new Placement(kit.region(), kit.callerAccount().zoneName(z.id()), null, kit.vpcId(), null,
        PlacementSourceKind.EXPLICIT)),
    NAME_AND_ID((kit, z) -> LocalPrivateLinks.placement(kit, kit.callerAccount()));

    final BiFunction<LocalPrivateLink, Zone, Placement> placement;

    Known(BiFunction<LocalPrivateLink, Zone, Placement> placement) {
      this.placement = placement;
    }
  }

  static List<Arguments> placementsAndFaults() {
    List<Arguments> out = new ArrayList<>();
    for (Known k : Known.values()) {
      for (DnsFault f : List.of(DnsFault.NXDOMAIN, DnsFault.TIMEOUT)) {
        out.add(Arguments.of(k, f));
      }
    }
    return out;
  }

  static PrivateLink build(LocalPrivateLink kit, Known known) {
    return LocalPrivateLinks.builder(kit)
        .placement(known.placement.apply(kit, kit.instanceZone()))
        .nameResolver(NameResolver.dnsjava(List.of(kit.dns().address()), Duration.ofMillis(250)))
        .bind(HOST, LocalPrivateLink.DEFAULT_SERVICE_NAME)
        .build();
  }

  @ParameterizedTest(name = "placement {0}, local zonal name {1}")
  @MethodSource("placementsAndFaults")
  void theLocalZonesAddressFromTheRegionalNameIsLabelledLocalZoneWhenTheZonalNameFails(Known known, DnsFault fault,
      LocalPrivateLink kit) throws Exception {
    EmulatedEndpoint ep = kit.endpoint();
    InetAddress local = ep.address(kit.callerAccount().zoneName(kit.instanceZone().id()));
    kit.dns().fault(ep.zonalDnsName(kit.instanceZone().id()), fault);

    try (PrivateLink pl = build(kit, known)) {
      pl.route(HOST); // waits for start-up
      BindingStatus status = pl.status().binding(HOST);
      assertThat(status.route().addresses()).as("the local zone's address, from the regional name").first()
          .isEqualTo(local);
      assertThat(status.tier()).as("the first address is the local zone's (EC2 says so)")
          .isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(pl.status().toString()).contains("route      local_zone");
      for (int i = 0; i < 12; i++) { // a route spread over rotations would start with each address in turn
        Route route = pl.route(HOST);
        assertThat(route.addresses()).first().isEqualTo(local);
        assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
        assertThat(route.localZone()).isNotNull();
      }
    }
  }

  @ParameterizedTest(name = "placement {0}")
  @EnumSource(Known.class)
  void theLocalZonesAddressGoesFirstWhenOnlyTheRegionalNameAnswers(Known known, LocalPrivateLink kit)
      throws Exception {
    kit.instanceZone("use1-az1"); // us-east-1b
    EmulatedEndpoint ep = kit.endpoint();
    InetAddress a = ep.address("us-east-1a");
    InetAddress b = ep.address("us-east-1b");
    InetAddress c = ep.address("us-east-1c");
    kit.dns().fault(ep.zonalDnsName("us-east-1b"), DnsFault.NXDOMAIN);

    try (PrivateLink pl = build(kit, known)) {
      for (int i = 0; i < 12; i++) {
        List<InetAddress> handedOut = pl.resolve(HOST);
        assertThat(handedOut).as("no spread over the other zones while the local one is healthy").first().isEqualTo(b);
        assertThat(handedOut.subList(1, 3)).containsExactlyInAnyOrder(a, c);
      }
      assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    }
  }

  @Test
  void aBreakersZoneIsTheAzIdWhenThePlacementGivesItEvenForAStaticBinding(LocalPrivateLink kit) throws Exception {
    EmulatedEndpoint ep = kit.endpoint();
    InetAddress local = ep.address("us-east-1a");
    try (PrivateLink pl = LocalPrivateLinks.builder(kit) // placement us-east-1a (use1-az6); no EC2 call
        .bind(Binding.builder(HOST).regionalDnsName(ep.regionalDnsName()).build())
        .build()) {
      assertThat(pl.route(HOST).addresses()).first().isEqualTo(local);
      pl.connectFailed(new InetSocketAddress(local, ep.port()), new ConnectException("refused"));
      BindingStatus status = pl.status().binding(HOST);
      assertThat(status.targets()).singleElement().satisfies(t -> assertThat(t.zone()).isEqualTo("use1-az6"));
      assertThat(status.dnsNames().get(0).zone()).as("the zonal name as the binding keys it").isEqualTo("us-east-1a");
      assertThat(status.route().localZone()).isEqualTo("us-east-1a");
    }
  }

  @ParameterizedTest(name = "placement {0}")
  @EnumSource(Known.class)
  void theLocalZonalNameIsUsedOnceItAnswersAgain(Known known, LocalPrivateLink kit) throws Exception {
    EmulatedEndpoint ep = kit.endpoint();
    String localName = ep.zonalDnsName(kit.instanceZone().id());
    InetAddress local = ep.address("us-east-1a");
    kit.dns().ttl(Duration.ofSeconds(1));
    kit.dns().fault(localName, DnsFault.NXDOMAIN);

    try (PrivateLink pl = build(kit, known)) {
      assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      BindingStatus before = pl.status().binding(HOST);
      assertThat(before.dnsNames()).extracting(DnsNameStatus::name).as("the local zone's name is kept and retried")
          .containsExactly(localName, ep.regionalDnsName());

      InetAddress moved = InetAddress.getByName("127.0.1.9"); // the zonal name answers, with an address EC2 never listed
      kit.dns().clear(localName).answer(localName, moved);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
          .until(() -> pl.route(HOST).addresses().get(0).equals(moved));
      Route route = pl.route(HOST);
      assertThat(route.addresses()).startsWith(moved, local).hasSize(4);
      assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(route.localZone()).isNotNull();
    }
  }
}
