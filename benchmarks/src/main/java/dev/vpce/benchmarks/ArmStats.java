package dev.vpce.benchmarks;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one client measured in one scenario of {@link FailoverMatrix}, and, for vpce's clients, which of issue
 * 12's targets it met. Times in milliseconds; {@link #NEVER} when something did not happen within its phase.
 *
 * <p>A request is <em>affected</em> when it failed or took longer than the healthy p99 plus
 * {@value #SLOW_MARGIN_MS} ms (a request still running when the fault began counts in the fault phase). Time to
 * fail over runs from the fault's start to the end of the last affected request of the fault phase (0 when none
 * was affected; never when the phase's last request was affected; not given for faults that leave the data path
 * alone, EC2 and the endpoint's state, where an affected request is the machine's noise). Time to fail back runs
 * from the fault's end to the start of the first request of the recovered phase from which on every request
 * succeeded and (for a client that served at least 90% from its own zone while healthy) was served by its own
 * zone. Added latency is each fault-phase request's time (failed ones included) minus the healthy median, at
 * least 0. For vpce's clients, {@code paid} counts the fault-phase requests during which vpce counted a failed
 * connect (the breaker threshold's, and trials), which tells those apart from the machine's slow spikes.
 */
record ArmStats(MatrixScenario scenario, String client, boolean vpce, double healthyP50, double healthyP99,
    int faultRequests, int faultFailed, int afterFailed, int affected, int paid, double addedP50, double addedP99,
    double addedMax, long failOverMs, long failBackMs, double crossHealthy, double crossFault, double crossAfter,
    double p99AfterOpen, List<Target> targets, String firstError, Breaker breaker) {

  static final long NEVER = -1;
  /** A request slower than the healthy p99 by more than this is affected. */
  static final double SLOW_MARGIN_MS = 20;
  static final long NOT_APPLICABLE = -2;

  /** One of issue 12's targets for vpce, measured. */
  record Target(String name, String measured, boolean met) {}

  /** vpce's breaker of the client's own zone during one scenario: when it first opened and its wait at the heal. */
  record Breaker(long firstOpenNanos, Duration waitAtHeal, int healthyFailedConnects, String healthyCause) {
    static final Breaker NONE = new Breaker(-1, null, 0, null);
  }

  static ArmStats of(MatrixScenario scenario, String client, boolean vpce, List<MatrixSample> samples,
      long faultStart, long healAt, Map<InetAddress, String> zoneOf, String localZone, Breaker breaker,
      Duration pace) {
    List<MatrixSample> healthy = phase(samples, 0);
    List<MatrixSample> fault = phase(samples, 1);
    List<MatrixSample> after = phase(samples, 2);
    double[] healthyOk = healthy.stream().filter(MatrixSample::ok).mapToDouble(MatrixSample::millis).toArray();
    double p50 = percentile(healthyOk, 0.50);
    double p99 = percentile(healthyOk, 0.99);
    double slowAbove = p99 + SLOW_MARGIN_MS;
    double[] added = fault.stream().mapToDouble(s -> Math.max(0, s.millis() - p50)).toArray();
    int affected = 0;
    long lastAffectedEnd = -1;
    for (MatrixSample s : fault) {
      if (!s.ok() || s.millis() > slowAbove) {
        affected++;
        lastAffectedEnd = s.end();
      }
    }
    long failOver;
    if (fault.isEmpty() || !scenario.dataPathFault()) {
      failOver = NOT_APPLICABLE;
    } else if (affected == 0) {
      failOver = 0;
    } else {
      MatrixSample last = fault.get(fault.size() - 1);
      failOver = (!last.ok() || last.millis() > slowAbove) ? NEVER : (lastAffectedEnd - faultStart) / 1_000_000;
    }
    double crossHealthy = crossShare(healthy, zoneOf, localZone);
    boolean localWhenHealthy = crossHealthy <= 0.10;
    long failBack = NEVER;
    for (int i = after.size() - 1; i >= 0; i--) {
      MatrixSample s = after.get(i);
      boolean normal = s.ok() && (!localWhenHealthy || localZone.equals(zoneOf.get(s.served())));
      if (!normal) {
        break;
      }
      failBack = Math.max(0, (s.start() - healAt) / 1_000_000);
    }
    if (after.isEmpty()) {
      failBack = NOT_APPLICABLE;
    }
    double p99AfterOpen = Double.NaN;
    if (breaker.firstOpenNanos() >= 0) {
      p99AfterOpen = percentile(fault.stream().filter(s -> s.start() >= breaker.firstOpenNanos())
          .mapToDouble(MatrixSample::millis).toArray(), 0.99);
    }
    int faultFailed = (int) fault.stream().filter(s -> !s.ok()).count();
    int afterFailed = (int) after.stream().filter(s -> !s.ok()).count();
    String firstError = samples.stream().filter(s -> !s.ok()).map(MatrixSample::error).findFirst().orElse(null);
    List<Target> targets = new ArrayList<>();
    if (vpce) {
      int failedTotal = (int) samples.stream().filter(s -> !s.ok()).count();
      targets.add(new Target("0 failed requests", failedTotal + " failed of " + samples.size(), failedTotal == 0));
      if (scenario.zoneFailure()) {
        if (breaker.firstOpenNanos() < 0) {
          targets.add(new Target("breaker opens", "it never opened", false));
        } else {
          double over = p99AfterOpen - p99;
          targets.add(new Target("p99 after the breaker opens within 1 ms of healthy",
              String.format(java.util.Locale.ROOT, "%.2f ms vs healthy %.2f ms (%+.2f ms; opened %d ms into the fault)",
                  p99AfterOpen, p99, over, (breaker.firstOpenNanos() - faultStart) / 1_000_000),
              over <= 1.0));
        }
        if (breaker.waitAtHeal() != null) {
          long bound = breaker.waitAtHeal().toMillis() + pace.toMillis();
          targets.add(new Target("fail-back within the breaker's open time + connection TTL",
              (failBack < 0 ? "never" : failBack + " ms") + " vs open time " + breaker.waitAtHeal().toMillis()
                  + " ms + TTL 0 + one request interval " + pace.toMillis() + " ms",
              failBack >= 0 && failBack <= bound));
        }
      }
      if (scenario == MatrixScenario.BLACKHOLE) {
        double maxAdded = Arrays.stream(added).max().orElse(0);
        targets.add(new Target("a blackholed zone costs at most 100 ms per affected request",
            String.format(java.util.Locale.ROOT, "max added %.1f ms", maxAdded), maxAdded <= 100));
      }
    }
    int paid = (int) fault.stream().filter(s -> s.paid() > 0).count();
    return new ArmStats(scenario, client, vpce, p50, p99, fault.size(), faultFailed, afterFailed, affected, paid,
        percentile(added, 0.50), percentile(added, 0.99), Arrays.stream(added).max().orElse(Double.NaN),
        failOver, failBack, crossHealthy, crossShare(fault, zoneOf, localZone), crossShare(after, zoneOf, localZone),
        p99AfterOpen, List.copyOf(targets), firstError, breaker);
  }

  private static List<MatrixSample> phase(List<MatrixSample> samples, int phase) {
    return samples.stream().filter(s -> s.phase() == phase).toList();
  }

  /** Share of the successful requests served outside the client's own zone; NaN when none succeeded. */
  static double crossShare(List<MatrixSample> samples, Map<InetAddress, String> zoneOf, String localZone) {
    long ok = samples.stream().filter(MatrixSample::ok).count();
    if (ok == 0) {
      return Double.NaN;
    }
    long cross = samples.stream().filter(MatrixSample::ok).filter(s -> !localZone.equals(zoneOf.get(s.served())))
        .count();
    return (double) cross / ok;
  }

  /** Nearest-rank percentile; NaN for no values. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }
}
