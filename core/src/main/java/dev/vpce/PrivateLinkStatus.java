package dev.vpce;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link PrivateLink} knows, at one moment, in types: where this process runs and, per binding, its
 * lifecycle state, endpoint, DNS names, route and breakers. The one source for logs, health checks and
 * diagnostics; {@link #toString()} prints it as a table for people. Immutable.
 *
 * @param takenAt   when the snapshot was taken (on the instance's clock)
 * @param placement where this process runs and which source said so, or null while the placement chain has
 *                  not answered yet
 * @param bindings  every configured binding, in the order they were bound
 */
public record PrivateLinkStatus(Instant takenAt, Placement placement, List<BindingStatus> bindings) {
  /**
   * Copies {@code bindings}.
   *
   * @param takenAt when the snapshot was taken
   * @param placement the placement, or null before the chain answered
   * @param bindings the bindings, in the order they were bound
   */
  public PrivateLinkStatus {
    bindings = List.copyOf(bindings);
  }

  /**
   * The binding of this host (case-insensitive), or null when it is not a configured binding.
   *
   * @param host the hostname
   * @return the binding's status, or null
   */
  public BindingStatus binding(String host) {
    for (BindingStatus b : bindings) {
      if (b.host().equalsIgnoreCase(host)) {
        return b;
      }
    }
    return null;
  }

  /**
   * Whether every binding has a route (the condition of a health check that is UP).
   *
   * @return true when every binding's route is not null (also true with no bindings)
   */
  public boolean allRouted() {
    return bindings.stream().allMatch(b -> b.route() != null);
  }

  /** A table for people: one block per binding, with its DNS names and breakers. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("vpce status at ").append(takenAt).append('\n');
    out.append("placement  ").append(placement == null ? "not known yet (the placement chain has not answered)"
        : placement.describeZone() + " from " + lower(placement.source())
            + (placement.region() != null ? ", Region " + placement.region() : "")
            + (placement.vpcId() != null ? ", " + placement.vpcId() : "")).append('\n');
    for (BindingStatus b : bindings) {
      out.append('\n').append("binding    ").append(b.host()).append("  ").append(b.state()).append('\n');
      EndpointStatus e = b.endpoint();
      if (e != null) {
        out.append("endpoint   ").append(orDash(e.id())).append("  ").append(orDash(e.state())).append("  ")
            .append(orDash(e.vpcId())).append("  ").append(orDash(e.region())).append("  (")
            .append(e.chosenBecause()).append(")\n");
      }
      out.append("discovery  last good ").append(b.lastGoodDiscovery() == null ? "-"
          : b.lastGoodDiscovery() + " (" + ago(b.lastGoodDiscovery()) + ")").append("; failures ")
          .append(b.refreshFailures().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
              .map(f -> lower(f.getKey()) + " " + f.getValue()).collect(Collectors.joining(", ")))
          .append('\n');
      out.append("last error ").append(b.lastError() == null ? "-"
          : b.lastError() + " (" + ago(b.lastErrorAt()) + ")").append('\n');
      Route r = b.route();
      out.append("route      ").append(r == null ? "none" : lower(r.tier()) + (r.failOpen() ? " (fail-open)" : "")
          + "  " + r.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")))
          .append('\n');
      if (!b.dnsNames().isEmpty()) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  DNS NAME", "ZONE", "ADDRESSES", "TTL", "AGE", "STALE"});
        for (DnsNameStatus d : b.dnsNames()) {
          rows.add(new String[] {"  " + d.name(), d.zone() == null ? "regional" : d.zone(),
              d.addresses().isEmpty() ? "-" : d.addresses().stream().map(InetAddress::getHostAddress)
                  .collect(Collectors.joining(",")), duration(d.ttl()), duration(d.age()), d.stale() ? "yes" : "no"});
        }
        table(out, rows);
      }
      if (!b.targets().isEmpty()) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  TARGET", "ZONE", "BREAKER", "FAILURES", "NEXT TRIAL"});
        for (TargetStatus t : b.targets()) {
          rows.add(new String[] {"  " + socket(t.address()), orDash(t.zone()), t.breaker().name(),
              Integer.toString(t.recentFailures()), t.nextTrialAt() == null ? "-"
                  : t.nextTrialAt() + " (" + in(t.nextTrialAt()) + ")"});
        }
        table(out, rows);
      }
    }
    return out.toString();
  }

  private String ago(Instant at) {
    Duration d = Duration.between(at, takenAt);
    return d.isNegative() ? "just now" : duration(d) + " ago";
  }

  private String in(Instant at) {
    Duration d = Duration.between(takenAt, at);
    return d.isNegative() || d.isZero() ? "due" : "in " + duration(d);
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String socket(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** 250ms, 1.5s, 59s, 4m05s, 2h03m. */
  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
