package dev.vpce.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One client over the whole run: the summary table's row.
 *
 * @param client         the client
 * @param requests       requests sent
 * @param failed         of which failed
 * @param crossZoneShare of the successful requests sent while the local zone was healthy, the share another zone
 *                       served (cross-zone transfer that buys nothing)
 * @param p50Ms          median latency
 * @param p99Ms          99th percentile latency
 * @param failOverMs     the slower of its fail-overs (refusing, blackholed), or null if one never settled
 * @param failBackMs     its fail-back once zone a healed, or null if it never returned
 */
public record ClientSummary(String client, long requests, long failed, double crossZoneShare, double p50Ms,
    double p99Ms, Long failOverMs, Long failBackMs) {

  static ClientSummary of(String client, List<Sample> samples, List<PhaseStats> phases, String localZone) {
    long failed = samples.stream().filter(s -> !s.ok()).count();
    long healthyOk = 0;
    long crossed = 0;
    List<Double> latencies = new ArrayList<>();
    for (Sample s : samples) {
      latencies.add(s.latencyMs());
      if (s.ok() && Phase.values()[s.phase()].localZoneHealthy()) {
        healthyOk++;
        if (!localZone.equals(s.zone())) {
          crossed++;
        }
      }
    }
    latencies.sort(null);
    Long failOver = 0L;
    Long failBack = null;
    for (PhaseStats p : phases) {
      if (p.phase() == Phase.REFUSING || p.phase() == Phase.BLACKHOLED) {
        failOver = failOver == null || p.settleMs() == null ? null : Math.max(failOver, p.settleMs());
      } else if (p.phase() == Phase.HEALED) {
        failBack = p.settleMs();
      }
    }
    return new ClientSummary(client, samples.size(), failed, healthyOk == 0 ? 0 : (double) crossed / healthyOk,
        PhaseStats.percentile(latencies, 0.50), PhaseStats.percentile(latencies, 0.99), failOver, failBack);
  }

  /** Whether this client is the one going through vpce. */
  public boolean vpce() {
    return client.startsWith("vpce");
  }
}
