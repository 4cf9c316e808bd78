package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(1));

  @Test
  void theCeilingDoublesPerAttemptUpToTheCap() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterSpreadsEachWaitOverZeroToTheCeiling() {
    Set<Long> seconds = new HashSet<>();
    double sum = 0;
    for (int i = 0; i < 2_000; i++) {
      Duration d = backoff.delay(6);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(30));
      seconds.add(d.toSeconds());
      sum += d.toMillis();
    }
    assertThat(seconds).as("not lockstep: spread over the whole range").hasSizeGreaterThan(25);
    assertThat(sum / 2_000).as("mean is half the ceiling").isBetween(13_000.0, 17_000.0);
  }

  @Test
  void aRegularIntervalIsSpreadByTenPercent() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(Backoff.spread(Duration.ofMinutes(5), new Random(i)))
          .isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }
  }
}
