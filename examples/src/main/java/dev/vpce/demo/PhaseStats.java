package dev.vpce.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's requests in one phase.
 *
 * @param client   the client
 * @param phase    the phase
 * @param requests requests started in the phase
 * @param failed   of which failed
 * @param served   successful requests by the zone that served them
 * @param p50Ms    median latency of all requests, failed or not
 * @param p99Ms    99th percentile latency
 * @param settleMs for a fault phase, the time from the fault to the client's last unbroken run of requests that
 *                 succeeded outside the faulty zone without a connect timeout's delay (its fail-over); for the healed phase, to its first request served by
 *                 the local zone again (its fail-back); null when that never happened in the phase
 * @param breakers the client's breaker states per zone at the end of the phase ("none" without vpce)
 */
public record PhaseStats(String client, Phase phase, long requests, long failed, Map<String, Long> served,
    double p50Ms, double p99Ms, Long settleMs, String breakers) {
  /**
   * The least latency that marks a request as slowed by the fault (it paid for a connect timeout); the demo
   * uses twice the client's healthy p99 when that is more, so a busy machine does not look like a fault.
   */
  static final double MIN_SLOW_MS = 500;

  static PhaseStats of(String client, Phase phase, long phaseStartMs, List<Sample> samples, String localZone,
      String breakers, double slowMs) {
    long failed = samples.stream().filter(s -> !s.ok()).count();
    Map<String, Long> served = new TreeMap<>();
    for (Sample s : samples) {
      if (s.ok()) {
        served.merge(s.zone(), 1L, Long::sum);
      }
    }
    List<Double> latencies = new ArrayList<>();
    samples.forEach(s -> latencies.add(s.latencyMs()));
    latencies.sort(null);
    return new PhaseStats(client, phase, samples.size(), failed, served, percentile(latencies, 0.50),
        percentile(latencies, 0.99), settle(phase, phaseStartMs, samples, localZone, slowMs), breakers);
  }

  private static Long settle(Phase phase, long phaseStartMs, List<Sample> samples, String localZone,
      double slowMs) {
    if (samples.isEmpty()) {
      return null;
    }
    if (phase == Phase.HEALED) {
      return samples.stream().filter(s -> s.ok() && localZone.equals(s.zone())).findFirst()
          .map(s -> Math.max(0, s.startMs() - phaseStartMs)).orElse(null);
    }
    if (phase != Phase.REFUSING && phase != Phase.BLACKHOLED) {
      return null;
    }
    int firstGood = samples.size();
    for (int i = samples.size() - 1; i >= 0; i--) {
      Sample s = samples.get(i);
      if (!s.ok() || localZone.equals(s.zone()) || s.latencyMs() >= slowMs) {
        break;
      }
      firstGood = i;
    }
    if (firstGood == samples.size()) {
      return null;
    }
    return Math.max(0, samples.get(firstGood).startMs() - phaseStartMs);
  }

  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
