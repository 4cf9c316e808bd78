package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.internal.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A fleet started together (a deployment) must not refresh together: after the first good round each
 * instance's next refresh is drawn from a whole interval ([1/2, 3/2) of it), not only ±10 %.
 */
class FleetRefreshSpreadTest {
  static final Duration REFRESH = Duration.ofMinutes(5);
  static final int FLEET = 300;

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeNameResolver dns = new FakeNameResolver()
      .answer(BindingLifecycleTest.REGIONAL, Duration.ofSeconds(60), "127.0.1.2", "127.0.1.1", "127.0.1.3")
      .answer(BindingLifecycleTest.ZONAL_A, Duration.ofSeconds(60), "127.0.1.1")
      .answer(BindingLifecycleTest.ZONAL_B, Duration.ofSeconds(60), "127.0.1.2");
  final FakeDiscovery ec2 = new FakeDiscovery().endpoint(BindingLifecycleTest.endpoint("available"));

  @Test
  void aFleetStartedInOneInstantSpreadsItsFirstRefreshesOverAWholeInterval() throws Exception {
    Instant start = clock.instant();
    Map<Integer, List<Instant>> callsByInstance = new ConcurrentHashMap<>();
    List<PrivateLink> fleet = new ArrayList<>();
    Random seeds = new Random(7); // consecutive seeds give java.util.Random nearly the same first values
    for (int i = 0; i < FLEET; i++) {
      int instance = i;
      EndpointDiscovery counted = new EndpointDiscovery() {
        @Override
        public List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException {
          return describe(Set.of(serviceName), vpcId).get(serviceName);
        }

        @Override
        public Map<String, List<Endpoint>> describe(Set<String> serviceNames, String vpcId)
            throws DiscoveryException {
          callsByInstance.computeIfAbsent(instance, k -> new ArrayList<>()).add(clock.instant());
          return ec2.describe(serviceNames, vpcId);
        }
      };
      fleet.add(PrivateLink.builder().bind(BindingLifecycleTest.HOST, BindingLifecycleTest.SERVICE)
          .placement(Placement.ofZoneName("us-east-1a")).discovery(counted).vpcId(BindingLifecycleTest.VPC)
          .nameResolver(dns).refreshInterval(REFRESH).clock(clock).scheduler(() -> scheduler)
          .random(new Random(seeds.nextLong())).build());
    }
    try {
      scheduler.runDue();
      for (PrivateLink pl : fleet) {
        assertThat(pl.resolve(BindingLifecycleTest.HOST)).isNotEmpty();
      }
      scheduler.advance(Duration.ofMinutes(8));

      int[] perMinuteFromHalfAnInterval = new int[5]; // [2.5, 3.5), [3.5, 4.5), ... [6.5, 7.5) minutes
      for (List<Instant> calls : callsByInstance.values()) {
        assertThat(calls.get(0)).as("the start-up round runs at once").isEqualTo(start);
        Duration first = Duration.between(start, calls.get(1));
        assertThat(first).as("the first refresh").isBetween(REFRESH.dividedBy(2), REFRESH.multipliedBy(3).dividedBy(2));
        perMinuteFromHalfAnInterval[(int) Math.min(4, first.minusSeconds(150).toSeconds() / 60)]++;
      }
      assertThat(callsByInstance).hasSize(FLEET);
      // uniform over the five minutes: 60 each; ±10 % alone would put all 300 in the middle minute
      for (int n : perMinuteFromHalfAnInterval) {
        assertThat(n).as("first refreshes in each minute of %s", java.util.Arrays.toString(perMinuteFromHalfAnInterval))
            .isBetween(35, 85);
      }
    } finally {
      fleet.forEach(PrivateLink::close);
    }
  }
}
