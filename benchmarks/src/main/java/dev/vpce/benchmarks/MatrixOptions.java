package dev.vpce.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Phase lengths and settings of {@link FailoverMatrix}, from {@code key=value} arguments; the defaults run the
 * whole matrix in about five minutes.
 *
 * @param healthy       the healthy phase before each fault (the baseline of "added latency")
 * @param fault         the fault phase of the zone and endpoint-state scenarios
 * @param recovery      the phase after the fault is undone (fail-back is measured here)
 * @param ec2Fault      how long EC2 denies access ("for a minute")
 * @param dnsFault      how long DNS fails (longer than {@code dnsTtl})
 * @param dnsTtl        the TTL of every answer of the kit's DNS server
 * @param refresh       vpce's endpoint refresh interval (default 5 min: shortened so EC2 faults are seen)
 * @param lookupTimeout the status quo resolver's timeout for one lookup (glibc's default per try is 5 s)
 * @param pace          the pause between two requests of one client
 * @param scenarios     which scenarios run, in order
 * @param jdbc          whether the JDBC clients run (an embedded PostgreSQL is started)
 * @param minFaultRequests the fault lasts until every client has completed at least this many requests in it
 *                      (0, the default: time alone; the build's short test sets it so a slow machine still sees
 *                      the fault)
 */
record MatrixOptions(Duration healthy, Duration fault, Duration recovery, Duration ec2Fault, Duration dnsFault,
    Duration dnsTtl, Duration refresh, Duration lookupTimeout, Duration pace, List<MatrixScenario> scenarios,
    boolean jdbc, int minFaultRequests) {

  static final String USAGE = "FailoverMatrix [healthy=5s] [fault=10s] [recovery=12s] [ec2Fault=60s] [dnsFault=15s] "
      + "[dnsTtl=5s] [refresh=5s] [lookupTimeout=5s] [pace=50ms] [scenarios=refuse,blackhole,reset,latency,pending,"
      + "ec2,dns] [jdbc=true] [minFaultRequests=0]";

  static MatrixOptions defaults() {
    return new MatrixOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12),
        Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofMillis(50), List.of(MatrixScenario.values()), true, 0);
  }

  static MatrixOptions parse(String... args) {
    MatrixOptions o = defaults();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value, but had '" + arg + "'; usage: " + USAGE);
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      o = switch (key) {
        case "healthy" -> o.with(0, duration(key, value));
        case "fault" -> o.with(1, duration(key, value));
        case "recovery" -> o.with(2, duration(key, value));
        case "ec2Fault" -> o.with(3, duration(key, value));
        case "dnsFault" -> o.with(4, duration(key, value));
        case "dnsTtl" -> o.with(5, duration(key, value));
        case "refresh" -> o.with(6, duration(key, value));
        case "lookupTimeout" -> o.with(7, duration(key, value));
        case "pace" -> o.with(8, duration(key, value));
        case "scenarios" -> new MatrixOptions(o.healthy, o.fault, o.recovery, o.ec2Fault, o.dnsFault, o.dnsTtl,
            o.refresh, o.lookupTimeout, o.pace, scenarios(value), o.jdbc, o.minFaultRequests);
        case "jdbc" -> new MatrixOptions(o.healthy, o.fault, o.recovery, o.ec2Fault, o.dnsFault, o.dnsTtl,
            o.refresh, o.lookupTimeout, o.pace, o.scenarios, bool(key, value), o.minFaultRequests);
        case "minFaultRequests" -> new MatrixOptions(o.healthy, o.fault, o.recovery, o.ec2Fault, o.dnsFault, o.dnsTtl,
            o.refresh, o.lookupTimeout, o.pace, o.scenarios, o.jdbc, count(key, value));
        default -> throw new IllegalArgumentException("unknown argument " + key + "; usage: " + USAGE);
      };
    }
    if (o.dnsFault.compareTo(o.dnsTtl) <= 0) {
      throw new IllegalArgumentException("dnsFault must be longer than dnsTtl (issue 12: DNS fails for longer than a "
          + "TTL), but was " + o.dnsFault + " with dnsTtl " + o.dnsTtl);
    }
    if (o.dnsTtl.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("dnsTtl must be whole seconds (a DNS TTL), but was " + o.dnsTtl);
    }
    return o;
  }

  private MatrixOptions with(int index, Duration d) {
    Duration[] v = {healthy, fault, recovery, ec2Fault, dnsFault, dnsTtl, refresh, lookupTimeout, pace};
    v[index] = d;
    return new MatrixOptions(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], scenarios, jdbc,
        minFaultRequests);
  }

  static Duration duration(String key, String value) {
    try {
      Duration d;
      if (value.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        throw new NumberFormatException();
      }
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a positive duration such as 500ms, 10s or 1m, but was '"
          + value + "'");
    }
  }

  private static int count(String key, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number from 0 to 1000, but was '" + value + "'");
    }
  }

  private static boolean bool(String key, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, but was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static List<MatrixScenario> scenarios(String value) {
    List<MatrixScenario> list = new ArrayList<>();
    for (String k : Arrays.asList(value.split(","))) {
      list.add(MatrixScenario.byKey(k.trim()));
    }
    return List.copyOf(list);
  }
}
