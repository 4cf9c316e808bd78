package dev.vpce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short version of issue 12's failover matrix ({@link FailoverMatrix}), in the build: short phases, the local
 * zone refusing and then blackholed, HTTP and JDBC. Behaviour only (counts, never times): vpce fails no request and
 * opens the local zone's breaker; the hard-coded local zonal name (today's Terraform recipe) fails requests during
 * the fault. The full matrix with its figures is {@code benchmarks/run-all.sh} (RESULTS.md, section 1).
 */
class FailoverMatrixTest {

  @Test
  void vpceFailsNoRequestWhenTheLocalZoneRefusesOrBlackholesWhileTheHardCodedZonalNameFails() throws Exception {
    assertThat(System.getProperty("jdk.net.hosts.file"))
        .as("the build resolves through benchmarks/jdbc.hosts (surefire argLine), so pgJDBC's own lookups stay local")
        .isNotNull();
    // counts, not times: the fault lasts until every client has made 6 requests in it, however slow the machine
    MatrixOptions options = MatrixOptions.parse("healthy=1s", "fault=2s", "recovery=1s", "pace=50ms",
        "scenarios=refuse,blackhole", "minFaultRequests=6");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    FailoverMatrix.Result result = FailoverMatrix.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
    MatrixReport.print(result, System.out);

    List<ArmStats> stats = result.stats();
    assertThat(stats).hasSize(2 * 7);
    for (ArmStats s : stats) {
      assertThat(s.faultRequests()).as("%s, %s: requests during the fault", s.scenario(), s.client()).isPositive();
      if (s.vpce()) {
        assertThat(s.faultFailed() + s.afterFailed()).as("%s, %s: failed requests (first error %s)", s.scenario(),
            s.client(), s.firstError()).isZero();
        assertThat(s.breaker().firstOpenNanos()).as("%s, %s: the local zone's breaker opened during the fault",
            s.scenario(), s.client()).isNotNegative();
        assertThat(s.paid()).as("%s, %s: requests that paid for a failed connect to the local zone", s.scenario(),
            s.client()).isPositive();
        // all but a request that was already connected when the fault began
        assertThat(s.crossFault()).as("%s, %s: requests in the fault served by another zone", s.scenario(),
            s.client()).isGreaterThan(0.5);
        assertThat(s.targets()).extracting(ArmStats.Target::name).contains("0 failed requests");
        if (s.breaker().healthyFailedConnects() == 0) {
          // a request that starts once the fault is being applied is the fault's, so none can be found here
          assertThat(s.crossHealthy()).as("%s, %s: healthy-phase requests served by another zone", s.scenario(),
              s.client()).isZero();
        }
      }
      if (s.client().startsWith("(b)")) {
        assertThat(s.faultFailed()).as("%s, %s: the hard-coded zonal name fails during the fault", s.scenario(),
            s.client()).isPositive();
      }
    }
  }
}
