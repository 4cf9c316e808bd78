package dev.vpce.benchmarks;

import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The faults of issue 12, section 1. Each runs as healthy, fault, recovered: the fault starts at the second
 * phase and is undone at the third ("recovers" is the third phase of every scenario).
 */
enum MatrixScenario {
  REFUSE("refuse", "local zone refuses", true),
  BLACKHOLE("blackhole", "local zone blackholes", true),
  RESET("reset", "local zone accepts then resets", true),
  LATENCY("latency", "local zone adds 200 ms", false),
  PENDING("pending", "endpoint pending and back", false),
  EC2_DENIED("ec2", "EC2 denies access", false),
  DNS_DOWN("dns", "DNS fails longer than a TTL", false);

  static final Duration ADDED_LATENCY = Duration.ofMillis(200);

  private final String key;
  private final String label;
  private final boolean zoneFailure;

  MatrixScenario(String key, String label, boolean zoneFailure) {
    this.key = key;
    this.label = label;
    this.zoneFailure = zoneFailure;
  }

  String key() {
    return key;
  }

  String label() {
    return label;
  }

  /** Whether the local zone fails connections, so vpce's breaker for it is expected to open. */
  boolean zoneFailure() {
    return zoneFailure;
  }

  /** Whether the local zone's fronts are faulty, so serving from another zone is the right thing. */
  boolean localZoneFaulty() {
    return zoneFailure || this == LATENCY;
  }

  /** Whether the fault touches connections or names (a zone or DNS), not only the control plane. */
  boolean dataPathFault() {
    return this != PENDING && this != EC2_DENIED;
  }

  static MatrixScenario byKey(String key) {
    for (MatrixScenario s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("scenarios must be a comma-separated list of "
        + java.util.Arrays.stream(values()).map(MatrixScenario::key).toList() + ", but had '" + key + "'");
  }

  Duration faultLength(MatrixOptions o) {
    return switch (this) {
      case EC2_DENIED -> o.ec2Fault();
      case DNS_DOWN -> o.dnsFault();
      default -> o.fault();
    };
  }

  /** Starts ({@code on}) or undoes the fault, for every endpoint of the kit, in the local zone where zonal. */
  void apply(LocalPrivateLink kit, String localZone, boolean on) {
    switch (this) {
      case REFUSE -> kit.endpoints().forEach(e -> e.zone(localZone).mode(on ? BackendMode.REFUSE : BackendMode.HEALTHY));
      case BLACKHOLE -> kit.endpoints().forEach(e -> e.zone(localZone)
          .mode(on ? BackendMode.BLACKHOLE : BackendMode.HEALTHY));
      case RESET -> kit.endpoints().forEach(e -> e.zone(localZone).mode(on ? BackendMode.RESET : BackendMode.HEALTHY));
      case LATENCY -> kit.endpoints().forEach(e -> e.zone(localZone).latency(on ? ADDED_LATENCY : Duration.ZERO));
      case PENDING -> kit.endpoints().forEach(e -> e.state(on ? "pending" : "available"));
      case EC2_DENIED -> {
        if (on) {
          kit.ec2().fault(Ec2Fault.UNAUTHORIZED);
        } else {
          kit.ec2().clearFault();
        }
      }
      case DNS_DOWN -> {
        for (EmulatedEndpoint e : kit.endpoints()) {
          Set<String> names = new LinkedHashSet<>();
          names.add(e.regionalDnsName());
          e.zones().forEach(z -> names.add(e.zonalDnsName(z.name())));
          for (String n : names) {
            if (on) {
              kit.dns().fault(n, DnsFault.TIMEOUT);
            } else {
              kit.dns().clear(n);
            }
          }
        }
      }
    }
  }
}
