package dev.vpce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.benchmarks.FleetHarness.Config;
import dev.vpce.benchmarks.FleetHarness.Report;
import dev.vpce.benchmarks.FleetHarness.Window;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fleet harness, short: 100 {@code PrivateLink}s on simulated time against one EC2 emulator with the account
 * token bucket, deployed in one instant, 30 simulated minutes, a 10-minute EC2 outage, 45 minutes of recovery.
 * Asserts behaviour only (counts over simulated time), never wall-clock time.
 */
class FleetHarnessTest {
  @Test
  void aFleetDeployedTogetherIsThrottledAtFirstThenSpreadsOutAndRidesOutAnEc2Outage() throws Exception {
    Report r = FleetHarness.run(new Config(100, Duration.ofMinutes(30), Duration.ofMinutes(10),
        Duration.ofMinutes(45), 50, 10, false, Duration.ofMinutes(5)), new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    FleetHarness.print(r, new PrintStream(text, true, StandardCharsets.UTF_8));
    System.out.println(text.toString(StandardCharsets.UTF_8));

    Window first = r.window("first minute after the common start");
    assertThat(first.throttled()).as("the bucket of 100 cannot serve 100 instances' start-up rounds at once")
        .isPositive();
    assertThat(r.instancesWithoutRoute()).as("throttled start-up calls are retried later, until every instance "
        + "has its route").isZero();

    Window steady = r.window("after start-up, to the outage");
    assertThat(steady.calls()).as("refreshes ran").isGreaterThanOrEqualTo(300); // 100 instances, 20 min, 5 min
    assertThat(steady.peakPerMinute()).as("no synchronized refresh waves after the common start: peak per minute "
        + "at most twice the mean (mean %.1f)", steady.meanPerMinute())
        .isLessThanOrEqualTo((int) Math.floor(2 * steady.meanPerMinute()));

    assertThat(r.withoutRouteAtOutage()).isZero();
    assertThat(r.outageResolutions()).as("50 every simulated second, all 100 once a minute, for 10 minutes")
        .isEqualTo(590 * 50 + 10 * 100);
    assertThat(r.outageFailures()).as("failed resolutions during and after the outage").isZero();
    assertThat(r.outageRouteChanges()).as("resolutions that did not serve the last good route").isZero();
    assertThat(r.window("outage").calls()).as("instances kept trying EC2 during the outage").isPositive();

    assertThat(r.instancesRefreshedAfterOutage()).as("every instance discovered again after the outage")
        .isEqualTo(100);
    Window after = r.window("first 10 min after the outage");
    assertThat(after.peakPerMinute()).as("no burst when EC2 comes back: peak per minute at most twice the steady "
        + "mean (%.1f)", steady.meanPerMinute()).isLessThanOrEqualTo((int) Math.floor(2 * steady.meanPerMinute()));
  }
}
