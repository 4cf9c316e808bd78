package dev.vpce.cli;

import dev.vpce.BindingStatus;
import dev.vpce.DnsNameStatus;
import dev.vpce.Endpoint;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves every name of the endpoint (regional, zonal, private) and the host itself twice: with vpce's
 * resolver (the configured servers, with TTLs) and with the JVM's system resolver (what clients without vpce
 * see), and sets them beside the answers vpce itself serves (from the status snapshot: age, stale).
 */
final class DnsCheck {
  private DnsCheck() {}

  /** One name to resolve: what it is, and its zone for zonal names. */
  record Name(String label, String name, String zone) {}

  /** One address found, with the zone it serves ("regional" for the regional name's). */
  record Target(InetAddress address, String zone) {}

  static List<Name> names(DoctorOptions o, Endpoint endpoint) {
    List<Name> names = new ArrayList<>();
    if (o.isStatic()) {
      names.add(new Name("regional", o.regionalDnsName(), null));
      new TreeMap<>(o.zonalDnsNames()).forEach((zone, name) -> names.add(new Name("zonal " + zone, name, zone)));
    } else if (endpoint != null) {
      if (endpoint.regionalDnsName() != null) {
        names.add(new Name("regional", endpoint.regionalDnsName(), null));
      }
      new TreeMap<>(endpoint.zonalDnsNames()).forEach((zone, name) -> names.add(new Name("zonal " + zone, name,
          zone)));
      if (endpoint.privateDnsName() != null && !endpoint.privateDnsName().equalsIgnoreCase(o.host())) {
        names.add(new Name("private DNS name", endpoint.privateDnsName(), null));
      }
    }
    if (names.stream().noneMatch(n -> n.name().equalsIgnoreCase(o.host()))) {
      names.add(new Name("host", o.host(), null));
    }
    return names;
  }

  /**
   * One name looked up by the doctor itself: from the configured servers (an answer, or the error's kind and
   * message) and from the JVM's system resolver.
   */
  record Lookup(Name name, DnsAnswer answer, String error, String message, List<InetAddress> system,
      String systemError) {}

  /** Looks every name up through the configured servers and the system resolver. Writes nothing to the step. */
  static List<Lookup> lookup(List<Name> names, NameResolver resolver) {
    List<Lookup> out = new ArrayList<>();
    for (Name n : names) {
      DnsAnswer answer = null;
      String error = null;
      String message = null;
      try {
        answer = resolver.resolve(n.name());
        if (answer.addresses().isEmpty()) {
          error = "NODATA";
        }
      } catch (UnknownHostException e) {
        error = "NXDOMAIN";
        message = e.getMessage();
      } catch (IOException e) {
        error = kind(e);
        message = e.getMessage();
      }
      List<InetAddress> system = null;
      String systemError = null;
      try {
        system = List.of(InetAddress.getAllByName(n.name()));
      } catch (UnknownHostException e) {
        systemError = e.getMessage();
      }
      out.add(new Lookup(n, answer, error, message, system, systemError));
    }
    return out;
  }

  /**
   * The addresses to connect to: every zonal answer with its zone, then regional answers not seen yet, with the
   * zone of the endpoint's ENI that holds the address ({@code endpoint} may be null), else "regional".
   */
  static List<Target> targets(List<Lookup> lookups, Endpoint endpoint) {
    Map<InetAddress, String> targets = new LinkedHashMap<>();
    List<InetAddress> regional = new ArrayList<>();
    for (Lookup l : lookups) {
      if (l.answer() == null) {
        continue;
      }
      if (l.name().zone() != null) {
        l.answer().addresses().forEach(ip -> targets.putIfAbsent(ip, l.name().zone()));
      } else if (l.name().label().equals("regional")) {
        regional.addAll(l.answer().addresses());
      }
    }
    Map<String, String> eniZones = new LinkedHashMap<>();
    if (endpoint != null) {
      endpoint.interfaces().forEach(eni -> eni.ips().forEach(ip -> eniZones.put(ip, eni.zoneName())));
    }
    for (InetAddress a : regional) {
      targets.putIfAbsent(a, eniZones.getOrDefault(a.getHostAddress(), "regional"));
    }
    List<Target> out = new ArrayList<>();
    targets.forEach((a, z) -> out.add(new Target(a, z)));
    return out;
  }

  /**
   * The verdict on DNS: each name with the doctor's own answer and TTL, vpce's cached answer with its age and
   * whether it is stale ({@code binding}, from the status snapshot; null when no PrivateLink ran) for the names
   * vpce tracks, and the system resolver's answer.
   */
  static void report(DoctorOptions o, List<Lookup> lookups, BindingStatus binding, int targets, Step step) {
    step.fact("servers", o.dnsServers().isEmpty() ? List.of("system (resolv.conf)")
        : o.dnsServers().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList());
    List<Object> results = new ArrayList<>();
    List<String> failedZonal = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    boolean regionalFailed = false;
    for (Lookup l : lookups) {
      Name n = l.name();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("label", n.label());
      r.put("name", n.name());
      r.put("zone", n.zone());
      StringBuilder line = new StringBuilder(n.label()).append(' ').append(n.name()).append(": ");
      Map<String, Object> configured = new LinkedHashMap<>();
      if (l.answer() != null) {
        List<String> ips = ips(l.answer().addresses());
        configured.put("addresses", ips);
        configured.put("ttlSeconds", l.answer().ttl().toSeconds());
        line.append(ips.isEmpty() ? "no A records" : ips).append(" ttl ").append(l.answer().ttl().toSeconds())
            .append("s");
      } else if (l.error().equals("NXDOMAIN")) {
        line.append("NXDOMAIN (the name does not exist)");
      } else {
        line.append("failed: ").append(l.message());
      }
      if (l.error() != null) {
        configured.put("error", l.error());
        if (l.message() != null) {
          configured.put("message", l.message());
        }
        if (!n.label().equals("host")) {
          if (n.zone() != null) {
            failedZonal.add(n.zone());
          }
          regionalFailed |= n.label().equals("regional");
        }
      }
      r.put("configured", configured);
      DnsNameStatus cached = binding == null ? null : binding.dnsNames().stream()
          .filter(d -> d.name().equalsIgnoreCase(n.name())).findFirst().orElse(null);
      if (cached != null) {
        Map<String, Object> vpce = new LinkedHashMap<>();
        vpce.put("addresses", ips(cached.addresses()));
        vpce.put("ttlSeconds", cached.ttl() == null ? null : cached.ttl().toSeconds());
        vpce.put("ageMillis", cached.age() == null ? null : cached.age().toMillis());
        vpce.put("stale", cached.stale());
        r.put("vpce", vpce);
        line.append("; vpce serves ").append(cached.addresses().isEmpty() ? "nothing" : ips(cached.addresses()));
        if (cached.age() != null) {
          line.append(" (").append(cached.stale() ? "STALE, " : "").append("age ").append(millis(cached.age()))
              .append(')');
        }
        if (cached.stale()) {
          stale.add(n.name());
        }
      }
      Map<String, Object> system = new LinkedHashMap<>();
      if (l.system() != null) {
        system.put("addresses", ips(l.system()));
        line.append("; system resolver ").append(ips(l.system()));
      } else {
        system.put("error", "UNKNOWN_HOST");
        system.put("message", l.systemError());
        line.append("; system resolver: unknown host");
      }
      r.put("system", system);
      results.add(r);
      step.detail(line.toString());
    }
    step.fact("names", results);
    if (lookups.stream().noneMatch(l -> !l.name().label().equals("host"))) {
      step.result(Verdict.FAIL, "no endpoint names to resolve (see endpoint)");
    } else if (regionalFailed) {
      step.result(Verdict.FAIL, "the regional name does not resolve from the configured servers: vpce has no "
          + "fallback" + (failedZonal.isEmpty() ? "" : "; zonal names failing: " + failedZonal));
    } else if (!failedZonal.isEmpty()) {
      step.result(Verdict.WARN, "zonal names failing for " + failedZonal + ": those zones are skipped, vpce routes "
          + "to the regional name");
    } else if (!stale.isEmpty()) {
      step.result(Verdict.WARN, "vpce serves stale answers for " + stale + ": its refreshes fail");
    } else {
      step.result(Verdict.OK, lookups.size() + " names resolve; " + targets + " endpoint addresses");
    }
  }

  private static List<String> ips(List<InetAddress> addresses) {
    return addresses.stream().map(InetAddress::getHostAddress).toList();
  }

  private static String millis(java.time.Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + " ms" : d.toSeconds() + " s";
  }

  private static String kind(IOException e) {
    String m = String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT);
    if (m.contains("SERVFAIL")) {
      return "SERVFAIL";
    }
    if (m.contains("TIMED OUT") || m.contains("TIMEOUT")) {
      return "TIMEOUT";
    }
    return "FAILED";
  }
}
