package dev.vpce.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the doctor's report: its verdict, a one-line summary, detail lines for people and facts for
 * machines ({@code --json}). Filled in by one check, then read only.
 */
final class Step {
  private final String name;
  private Verdict verdict = Verdict.OK;
  private String summary = "";
  private final List<String> details = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();

  Step(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  Verdict verdict() {
    return verdict;
  }

  String summary() {
    return summary;
  }

  List<String> details() {
    return details;
  }

  Map<String, Object> facts() {
    return facts;
  }

  /** Sets the verdict and the summary. */
  Step result(Verdict v, String text) {
    this.verdict = v;
    this.summary = text;
    return this;
  }

  /** Makes the verdict at least this bad, keeping the summary. */
  Step atLeast(Verdict v) {
    this.verdict = verdict.worst(v);
    return this;
  }

  Step detail(String line) {
    details.add(line);
    return this;
  }

  Step fact(String key, Object value) {
    facts.put(key, value);
    return this;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", name);
    m.put("verdict", verdict.name());
    m.put("summary", summary);
    m.put("details", details);
    m.put("facts", facts);
    return m;
  }
}
