package dev.vpce.benchmarks;

import dev.vpce.statusquo.StatusQuoResolver;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@link FailoverMatrix}'s results as Markdown tables: the full table, vpce's targets, the headline. */
final class MatrixReport {
  private MatrixReport() {}

  static void print(FailoverMatrix.Result result, PrintStream out) {
    MatrixOptions o = result.options();
    out.printf(Locale.ROOT, "%nFailover matrix: healthy %s, fault %s (EC2 denial %s, DNS failure %s with TTL %s), "
        + "recovered %s; vpce refresh %s, breaker open wait %s (max %s); status quo lookup timeout %s, negative "
        + "cache %s; a new connection per request, %s between requests per client; client in %s%n%n",
        human(o.healthy()), human(o.fault()), human(o.ec2Fault()), human(o.dnsFault()), human(o.dnsTtl()),
        human(o.recovery()), human(o.refresh()), human(FailoverMatrix.OPEN_WAIT), human(FailoverMatrix.MAX_OPEN_WAIT),
        human(o.lookupTimeout()), human(StatusQuoResolver.NEGATIVE_TTL), human(o.pace()), FailoverMatrix.LOCAL);
    out.println(full(result.stats()));
    out.println(targets(result.stats()));
    out.println(headline(result.stats()));
    List<String> errors = new ArrayList<>();
    for (ArmStats s : result.stats()) {
      if (s.firstError() != null) {
        errors.add("- " + s.scenario().label() + ", " + s.client() + ": " + s.firstError());
      }
      if (s.breaker().healthyFailedConnects() > 0) {
        errors.add("- " + s.scenario().label() + ", " + s.client() + ", healthy phase (every zone healthy): vpce "
            + "counted " + s.breaker().healthyFailedConnects() + " failed connect(s), first " + s.breaker().healthyCause());
      }
    }
    if (!errors.isEmpty()) {
      out.println("First error per scenario and client, and failed connects vpce counted against healthy zones:");
      errors.forEach(out::println);
    }
  }

  static String full(List<ArmStats> stats) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Scenario | Client | healthy p50 / p99 | requests in fault | failed (fault / after) | affected "
        + "(vpce: paid a failed connect) | added p50 / p99 / max | time to fail over | time to fail back "
        + "| cross-zone (healthy / fault / after) |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (ArmStats s : stats) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %d | %d / %d | %s | %s / %s / %s | %s | %s | %s / %s / %s |%n",
          s.scenario().label(), s.client(), ms(s.healthyP50()), ms(s.healthyP99()), s.faultRequests(), s.faultFailed(),
          s.afterFailed(), s.affected() + (s.vpce() ? " (" + s.paid() + ")" : ""), ms(s.addedP50()), ms(s.addedP99()),
          ms(s.addedMax()), time(s.failOverMs()),
          time(s.failBackMs()), pct(s.crossHealthy()), pct(s.crossFault()), pct(s.crossAfter())));
    }
    return sb.toString();
  }

  static String targets(List<ArmStats> stats) {
    StringBuilder sb = new StringBuilder("| Scenario | vpce client | Target | Measured | |\n|---|---|---|---|---|\n");
    for (ArmStats s : stats) {
      for (ArmStats.Target t : s.targets()) {
        sb.append("| ").append(s.scenario().label()).append(" | ").append(s.client()).append(" | ").append(t.name())
            .append(" | ").append(t.measured()).append(" | ").append(t.met() ? "met" : "**missed**").append(" |\n");
      }
    }
    return sb.toString();
  }

  /** One row per scenario, one cell per client: failed requests (fault + after) and the added p99 in the fault. */
  static String headline(List<ArmStats> stats) {
    Map<MatrixScenario, Map<String, ArmStats>> byScenario = new LinkedHashMap<>();
    List<String> clients = new ArrayList<>();
    for (ArmStats s : stats) {
      byScenario.computeIfAbsent(s.scenario(), k -> new LinkedHashMap<>()).put(s.client(), s);
      if (!clients.contains(s.client())) {
        clients.add(s.client());
      }
    }
    StringBuilder sb = new StringBuilder("| Scenario (failed requests; added p99 during the fault) | ");
    sb.append(String.join(" | ", clients)).append(" |\n|---|");
    clients.forEach(c -> sb.append("---|"));
    sb.append('\n');
    for (Map.Entry<MatrixScenario, Map<String, ArmStats>> e : byScenario.entrySet()) {
      sb.append("| ").append(e.getKey().label()).append(" |");
      for (String c : clients) {
        ArmStats s = e.getValue().get(c);
        sb.append(' ').append(s == null ? "" : (s.faultFailed() + s.afterFailed()) + "; " + ms(s.addedP99()))
            .append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v < 10 ? String.format(Locale.ROOT, "%.1f ms", v) : String.format(Locale.ROOT, "%.0f ms", v);
  }

  static String time(long ms) {
    if (ms == ArmStats.NEVER) {
      return "never";
    }
    if (ms == ArmStats.NOT_APPLICABLE) {
      return "–";
    }
    return ms + " ms";
  }

  static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  static String human(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
