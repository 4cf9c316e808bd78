package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.MetadataFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7, bullet 5: nothing is cached for good. An unknown placement is asked again and routes turn zonal
 * when it is known; a local zonal name that failed to resolve is retried; the placement budget is a
 * deadline across the whole chain.
 */
class PlacementRetryIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  PrivateLink staticBinding(LocalPrivateLink kit, PrivateLink.Builder b) {
    return b.bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .nameResolver(KitSupport.dns(kit)).build();
  }

  @Test
  void anUnknownPlacementAfterOneImdsFailureIsAskedAgainAndTheRouteTurnsZonal(LocalPrivateLink kit) throws Exception {
    kit.imds().fault(MetadataFault.SERVER_ERROR, 1);
    try (PrivateLink pl = staticBinding(kit, PrivateLink.builder().placementBudget(Duration.ofSeconds(5))
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint()))))) {
      assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.REGIONAL);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(pl.placement().source()).isEqualTo(PlacementSourceKind.IMDS);
        assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      });
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint().zone("us-east-1a").ip());
    }
  }

  @Test
  void aLocalZonalNameThatFailedOnceIsRetriedAndTheRouteTurnsZonal(LocalPrivateLink kit) throws Exception {
    String zonal = kit.endpoint().zonalDnsName("us-east-1a");
    kit.dns().fault(zonal, DnsFault.SERVFAIL);
    try (PrivateLink pl = staticBinding(kit, PrivateLink.builder().placement(Placement.ofZoneName("us-east-1a")))) {
      assertThat(pl.route(HOST).tier()).isNotEqualTo(RouteTier.LOCAL_ZONE);
      kit.dns().clear(zonal);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE));
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint().zone("us-east-1a").ip());
    }
  }

  @Test
  void thePlacementBudgetIsADeadlineAcrossTheChainEvenWhenEachCallIsWithinIt(LocalPrivateLink kit)
      throws Exception {
    kit.imds().latency(Duration.ofMillis(900)); // each call answers within the budget; token + zone do not
    try (PrivateLink pl = staticBinding(kit, PrivateLink.builder().placementBudget(Duration.ofSeconds(1))
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint()),
            PlacementSource.environment(Map.of("VPCE_AVAILABILITY_ZONE_ID", "use1-az1")))))) {
      Route route = pl.route(HOST);
      assertThat(pl.placement().source()).as("IMDS was abandoned at the deadline, not waited for")
          .isEqualTo(PlacementSourceKind.UNKNOWN);
      assertThat(route.tier()).isEqualTo(RouteTier.REGIONAL);
    }
  }
}
