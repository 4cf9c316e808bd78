package dev.vpce.cli;

import dev.vpce.PrivateLinkStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every step the doctor ran, the overall verdict and the exit code; rendered as text or JSON. */
final class Report {
  /** Every step passed (skipped steps aside). */
  static final int EXIT_OK = 0;
  /** vpce works but degraded: at least one step warned, none failed. */
  static final int EXIT_WARN = 1;
  /** At least one step failed: vpce cannot route the host as things stand. */
  static final int EXIT_FAIL = 2;
  /** The command line was wrong; nothing was checked. */
  static final int EXIT_USAGE = 64;
  /** The doctor itself failed (a defect); the message says where. */
  static final int EXIT_INTERNAL = 70;

  private final String host;
  private final String target;
  private final List<Step> steps = new ArrayList<>();
  private PrivateLinkStatus status;

  Report(String host, String target) {
    this.host = host;
    this.target = target;
  }

  Step add(Step step) {
    steps.add(step);
    return step;
  }

  /** The snapshot the status-derived parts of the steps come from; null when vpce could not start. */
  void status(PrivateLinkStatus status) {
    this.status = status;
  }

  List<Step> steps() {
    return steps;
  }

  Verdict verdict() {
    Verdict v = Verdict.SKIP;
    for (Step s : steps) {
      v = v.worst(s.verdict());
    }
    return v == Verdict.SKIP ? Verdict.OK : v;
  }

  int exitCode() {
    return switch (verdict()) {
      case OK, SKIP -> EXIT_OK;
      case WARN -> EXIT_WARN;
      case FAIL -> EXIT_FAIL;
    };
  }

  void printText(PrintStream out) {
    out.println("vpce doctor: " + host + " -> " + target);
    if (status != null) {
      out.println("vpce's view: status() at " + status.takenAt() + ", after the connects below were reported");
    }
    out.println();
    for (Step s : steps) {
      out.printf("[%-4s] %s: %s%n", s.verdict(), s.name(), s.summary());
      for (String d : s.details()) {
        out.println("       " + d);
      }
    }
    out.println();
    out.println("verdict: " + verdict() + " (exit " + exitCode() + ")");
  }

  void printJson(PrintStream out) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "doctor");
    m.put("host", host);
    m.put("target", target);
    m.put("verdict", verdict().name());
    m.put("exitCode", exitCode());
    m.put("statusTakenAt", status == null ? null : status.takenAt().toString());
    List<Object> list = new ArrayList<>();
    for (Step s : steps) {
      list.add(s.toJson());
    }
    m.put("steps", list);
    out.println(Json.write(m));
  }
}
