package dev.vpce.cli;

import dev.vpce.Endpoint;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves every name of the endpoint (regional, zonal, private) and the host itself twice: with vpce's
 * resolver (the configured servers, with TTLs) and with the JVM's system resolver (what clients without vpce
 * see).
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

  /** The addresses to connect to: every zonal answer with its zone, then regional answers not seen yet. */
  static List<Target> run(DoctorOptions o, List<Name> names, NameResolver resolver, Step step) {
    step.fact("servers", o.dnsServers().isEmpty() ? List.of("system (resolv.conf)")
        : o.dnsServers().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList());
    if (names.stream().noneMatch(n -> !n.label().equals("host"))) {
      step.result(Verdict.FAIL, "no endpoint names to resolve (see endpoint)");
    }
    List<Object> results = new ArrayList<>();
    Map<InetAddress, String> targets = new LinkedHashMap<>();
    List<InetAddress> regional = new ArrayList<>();
    List<String> failedZonal = new ArrayList<>();
    boolean regionalFailed = false;
    for (Name n : names) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("label", n.label());
      r.put("name", n.name());
      r.put("zone", n.zone());
      StringBuilder line = new StringBuilder(n.label()).append(' ').append(n.name()).append(": ");
      Map<String, Object> configured = new LinkedHashMap<>();
      try {
        DnsAnswer a = resolver.resolve(n.name());
        List<String> ips = a.addresses().stream().map(InetAddress::getHostAddress).toList();
        configured.put("addresses", ips);
        configured.put("ttlSeconds", a.ttl().toSeconds());
        line.append(ips.isEmpty() ? "no A records" : ips).append(" ttl ").append(a.ttl().toSeconds()).append("s");
        if (n.zone() != null) {
          a.addresses().forEach(ip -> targets.putIfAbsent(ip, n.zone()));
        } else if (n.label().equals("regional")) {
          regional.addAll(a.addresses());
        }
        if (a.addresses().isEmpty() && !n.label().equals("host")) {
          configured.put("error", "NODATA");
          markFailed(n, failedZonal);
          regionalFailed |= n.label().equals("regional");
        }
      } catch (UnknownHostException e) {
        configured.put("error", "NXDOMAIN");
        configured.put("message", e.getMessage());
        line.append("NXDOMAIN (the name does not exist)");
        if (!n.label().equals("host")) {
          markFailed(n, failedZonal);
          regionalFailed |= n.label().equals("regional");
        }
      } catch (IOException e) {
        configured.put("error", kind(e));
        configured.put("message", e.getMessage());
        line.append("failed: ").append(e.getMessage());
        if (!n.label().equals("host")) {
          markFailed(n, failedZonal);
          regionalFailed |= n.label().equals("regional");
        }
      }
      r.put("configured", configured);
      Map<String, Object> system = new LinkedHashMap<>();
      try {
        List<String> ips = Arrays.stream(InetAddress.getAllByName(n.name())).map(InetAddress::getHostAddress).toList();
        system.put("addresses", ips);
        line.append("; system resolver ").append(ips);
      } catch (UnknownHostException e) {
        system.put("error", "UNKNOWN_HOST");
        system.put("message", e.getMessage());
        line.append("; system resolver: unknown host");
      }
      r.put("system", system);
      results.add(r);
      step.detail(line.toString());
    }
    for (InetAddress a : regional) {
      targets.putIfAbsent(a, "regional");
    }
    step.fact("names", results);
    if (step.verdict() == Verdict.FAIL) {
      return toTargets(targets);
    }
    if (regionalFailed) {
      step.result(Verdict.FAIL, "the regional name does not resolve from the configured servers: vpce has no "
          + "fallback" + (failedZonal.isEmpty() ? "" : "; zonal names failing: " + failedZonal));
    } else if (!failedZonal.isEmpty()) {
      step.result(Verdict.WARN, "zonal names failing for " + failedZonal + ": those zones are skipped, vpce routes "
          + "to the regional name");
    } else {
      step.result(Verdict.OK, names.size() + " names resolve; " + targets.size() + " endpoint addresses");
    }
    return toTargets(targets);
  }

  private static void markFailed(Name n, List<String> failedZonal) {
    if (n.zone() != null) {
      failedZonal.add(n.zone());
    }
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

  private static List<Target> toTargets(Map<InetAddress, String> targets) {
    List<Target> out = new ArrayList<>();
    targets.forEach((a, z) -> out.add(new Target(a, z)));
    return out;
  }
}
