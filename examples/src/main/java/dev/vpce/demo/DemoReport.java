package dev.vpce.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's tables as text, and the same as a self-contained HTML page with an SVG timeline. */
final class DemoReport {
  private static final String[] ZONE_COLOURS = {"#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd"};

  private DemoReport() {}

  static String phaseTable(int index, int count, List<PhaseStats> stats, List<String> events, Demo.Style style) {
    StringBuilder sb = new StringBuilder();
    sb.append(style.bold("Phase " + (index + 1) + "/" + count + ": " + stats.get(0).phase().label())).append('\n');
    sb.append(String.format(Locale.ROOT, "  %-16s %8s %7s  %-18s %9s %9s  %-22s %s%n", "client", "requests",
        "failed", "served by zone", "p50", "p99", "breakers (vpce)", settleHeader(stats.get(0).phase())));
    for (PhaseStats p : stats) {
      String failed = String.valueOf(p.failed());
      sb.append(String.format(Locale.ROOT, "  %-16s %8d %7s  %-18s %9s %9s  %-22s %s%n", p.client(), p.requests(),
          failed, zones(p.served()), ms(p.p50Ms()), ms(p.p99Ms()), p.breakers(), settle(p)));
    }
    for (String e : events) {
      sb.append("  ").append(e).append('\n');
    }
    return sb.toString();
  }

  private static String settleHeader(Phase phase) {
    return switch (phase) {
      case REFUSING, BLACKHOLED -> "fail-over";
      case HEALED -> "fail-back";
      default -> "";
    };
  }

  private static String settle(PhaseStats p) {
    if (p.phase() != Phase.REFUSING && p.phase() != Phase.BLACKHOLED && p.phase() != Phase.HEALED) {
      return "";
    }
    return p.settleMs() == null ? "never" : Demo.human(p.settleMs());
  }

  static String zones(Map<String, Long> served) {
    StringBuilder sb = new StringBuilder();
    for (String z : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(Demo.zoneLetter(z)).append(':').append(served.getOrDefault(z, 0L));
    }
    return sb.toString();
  }

  static String summaryTable(List<ClientSummary> clients) {
    StringBuilder sb = new StringBuilder();
    String format = "| %-15s | %8s | %6s | %10s | %9s | %9s | %9s | %9s |%n";
    sb.append(String.format(Locale.ROOT, format, "client", "requests", "failed", "cross-zone", "p50", "p99",
        "fail-over", "fail-back"));
    sb.append(String.format(Locale.ROOT, format, "-".repeat(15), "-".repeat(8), "-".repeat(6), "-".repeat(10),
        "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(9)));
    for (ClientSummary c : clients) {
      sb.append(String.format(Locale.ROOT, format, c.client(), c.requests(), c.failed(),
          String.format(Locale.ROOT, "%.0f %%", c.crossZoneShare() * 100), ms(c.p50Ms()), ms(c.p99Ms()),
          c.failOverMs() == null ? "never" : Demo.human(c.failOverMs()),
          c.failBackMs() == null ? "never" : Demo.human(c.failBackMs())));
    }
    return sb.toString();
  }

  static String ms(double ms) {
    return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  static String html(DemoOptions options, List<ClientSummary> clients, List<PhaseStats> stats,
      List<List<String>> events, List<Sample> samples, long[] phaseStarts, long endMs) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>vpce demo report</title>\n")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
        .append("margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,")
        .append("td:first-child{text-align:left}.bad{color:#c00;font-weight:bold}.good{color:#080}")
        .append("code{background:#f4f4f4;padding:1px 4px}ul{font-size:90%}</style></head><body>\n");
    h.append("<h1>vpce demo</h1>\n<p>Three zones on loopback, the client in <code>").append(Demo.LOCAL_ZONE)
        .append("</code>, six phases of ").append(Demo.human(options.phase().toMillis()))
        .append(". Each client is run twice side by side: through vpce, and the status quo (the hostname resolved ")
        .append("by DNS, no vpce). One connection per request, so each request shows the zone that served it.</p>\n");
    h.append("<h2>Summary</h2>\n<table><tr><th>client</th><th>requests</th><th>failed</th><th>cross-zone</th>")
        .append("<th>p50</th><th>p99</th><th>fail-over</th><th>fail-back</th></tr>\n");
    for (ClientSummary c : clients) {
      h.append("<tr><td>").append(esc(c.client())).append("</td><td>").append(c.requests()).append("</td><td class=\"")
          .append(c.failed() == 0 ? "good" : "bad").append("\">").append(c.failed()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.0f %%", c.crossZoneShare() * 100)).append("</td><td>")
          .append(ms(c.p50Ms())).append("</td><td>").append(ms(c.p99Ms())).append("</td><td>")
          .append(c.failOverMs() == null ? "never" : Demo.human(c.failOverMs())).append("</td><td>")
          .append(c.failBackMs() == null ? "never" : Demo.human(c.failBackMs())).append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Timeline</h2>\n<p>Each dot is a request: its start time across, its latency up ")
        .append("(log scale), its colour the zone that served it; a red cross is a failed request.</p>\n");
    h.append(svg(clients, samples, phaseStarts, endMs));
    h.append("<h2>Phases</h2>\n");
    Phase[] phases = Phase.values();
    for (int i = 0; i < phaseStarts.length && i < events.size(); i++) {
      int index = i;
      h.append("<h3>").append(i + 1).append(". ").append(esc(phases[i].label())).append("</h3>\n")
          .append("<table><tr><th>client</th><th>requests</th><th>failed</th><th>served by zone</th><th>p50</th>")
          .append("<th>p99</th><th>breakers</th><th>").append(settleHeader(phases[i])).append("</th></tr>\n");
      for (PhaseStats p : stats.stream().filter(s -> s.phase().ordinal() == index).toList()) {
        h.append("<tr><td>").append(esc(p.client())).append("</td><td>").append(p.requests()).append("</td><td class=\"")
            .append(p.failed() == 0 ? "good" : "bad").append("\">").append(p.failed()).append("</td><td>")
            .append(zones(p.served())).append("</td><td>").append(ms(p.p50Ms())).append("</td><td>")
            .append(ms(p.p99Ms())).append("</td><td>").append(esc(p.breakers())).append("</td><td>")
            .append(settle(p)).append("</td></tr>\n");
      }
      h.append("</table>\n");
      if (!events.get(i).isEmpty()) {
        h.append("<ul>");
        events.get(i).forEach(e -> h.append("<li>").append(esc(e)).append("</li>"));
        h.append("</ul>\n");
      }
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String svg(List<ClientSummary> clients, List<Sample> samples, long[] phaseStarts, long endMs) {
    int width = 1000;
    int left = 130;
    int lane = 110;
    int top = 30;
    int height = top + lane * clients.size() + 30;
    double span = Math.max(1, endMs);
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" font-size=\"11\" font-family=\"sans-serif\">\n");
    Phase[] phases = Phase.values();
    for (int i = 0; i < phaseStarts.length; i++) {
      double x = left + (width - left - 10) * phaseStarts[i] / span;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" "
          + "stroke-dasharray=\"3,3\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n", x, top - 15, x, height - 25, x + 3,
          top - 5, esc(phases[i].label())));
    }
    for (int c = 0; c < clients.size(); c++) {
      String client = clients.get(c).client();
      int y0 = top + lane * c;
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
          + "<text x=\"5\" y=\"%d\">%s</text>%n", left, y0, width - left - 10, lane - 10,
          c % 2 == 0 ? "#f7f7fb" : "#fbfbf7", y0 + lane / 2, esc(client)));
      for (Sample smp : samples) {
        if (!smp.client().equals(client)) {
          continue;
        }
        double x = left + (width - left - 10) * smp.startMs() / span;
        // latency from 1 ms (bottom) to 10 s (top), log scale
        double f = Math.max(0, Math.min(1, Math.log10(Math.max(1, smp.latencyMs())) / 4));
        double y = y0 + (lane - 14) * (1 - f) + 2;
        if (smp.ok()) {
          s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>", x, y,
              zoneColour(smp.zone())));
        } else {
          s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fl6 6m0 -6l-6 6\" stroke=\"#d00\" "
              + "stroke-width=\"1.5\"/>", x - 3, y - 3));
        }
      }
      s.append('\n');
    }
    int ly = height - 8;
    String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
    for (int z = 0; z < zones.length; z++) {
      s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">"
          + "served by %s</text>", left + z * 150, ly - 4, ZONE_COLOURS[z], left + z * 150 + 8, ly, zones[z]));
    }
    s.append(String.format(Locale.ROOT, "<path d=\"M%d %dl6 6m0 -6l-6 6\" stroke=\"#d00\" stroke-width=\"1.5\"/>"
        + "<text x=\"%d\" y=\"%d\">failed</text>%n", left + 450, ly - 7, left + 460, ly));
    s.append("</svg>\n");
    return s.toString();
  }

  private static String zoneColour(String zone) {
    if (zone == null) {
      return ZONE_COLOURS[3];
    }
    return switch (Demo.zoneLetter(zone)) {
      case "a" -> ZONE_COLOURS[0];
      case "b" -> ZONE_COLOURS[1];
      case "c" -> ZONE_COLOURS[2];
      default -> ZONE_COLOURS[3];
    };
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
