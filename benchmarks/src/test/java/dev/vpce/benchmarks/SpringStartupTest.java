package dev.vpce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics {@link SpringStartup} reports its figure with. */
class SpringStartupTest {
  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(SpringStartup.median(List.of(5L, 1L, 3L))).isEqualTo(3);
    assertThat(SpringStartup.median(List.of(40L, 10L, 30L, 20L))).isEqualTo(25);
    assertThat(SpringStartup.median(List.of(-3L, 4L))).isEqualTo(0);
  }

  @Test
  void overSixRoundsEachSideRunsInEachPlaceTwiceAndBeforeEachOtherAsOftenAsAfter() {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (int round = 6; round < 12; round++) {
      List<SpringStartup.Side> order = SpringStartup.order(round);
      assertThat(order).containsExactlyInAnyOrder(SpringStartup.Side.values());
      for (int place = 0; place < order.size(); place++) {
        counts.merge(order.get(place) + "@" + place, 1, Integer::sum);
        for (int later = place + 1; later < order.size(); later++) {
          counts.merge(order.get(place) + "<" + order.get(later), 1, Integer::sum);
        }
      }
    }
    for (SpringStartup.Side a : SpringStartup.Side.values()) {
      for (int place = 0; place < 3; place++) {
        assertThat(counts.get(a + "@" + place)).as(a + " in place " + place).isEqualTo(2);
      }
      for (SpringStartup.Side b : SpringStartup.Side.values()) {
        if (a != b) {
          assertThat(counts.get(a + "<" + b)).as(a + " before " + b).isEqualTo(3);
        }
      }
    }
  }

  @Test
  void theBootstrapIntervalHoldsTheMedianAndNarrowsAsSamplesAgree() {
    List<Long> noisy = new ArrayList<>();
    for (long x : new long[] {-250, 40, 310, 120, -80, 95, 480, 60, 150, -20, 75, 210}) {
      noisy.add(x);
    }
    long[] ci = SpringStartup.bootstrapMedianCi(noisy, 2_000, 0.95);
    assertThat(ci[0]).isLessThanOrEqualTo(SpringStartup.median(noisy));
    assertThat(ci[1]).isGreaterThanOrEqualTo(SpringStartup.median(noisy));
    assertThat(ci[0]).isGreaterThanOrEqualTo(-250);
    assertThat(ci[1]).isLessThanOrEqualTo(480);
    assertThat(SpringStartup.bootstrapMedianCi(noisy, 2_000, 0.95)).as("seeded").containsExactly(ci);

    List<Long> same = List.of(70L, 70L, 70L, 70L, 70L);
    assertThat(SpringStartup.bootstrapMedianCi(same, 500, 0.95)).containsExactly(70, 70);
  }
}
