package dev.vpce.spring;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks {@link VpceProperties} before vpce is built, so that a bad value is reported by its property name
 * ({@code vpce.bindings.orders.service-name}) rather than by the core builder's setting name. The core
 * builder checks again; what it still rejects is reported against {@code vpce}.
 */
final class VpcePropertiesValidator {
  // The same rules as the core builder (dev.vpce.internal.Names, not API).
  private static final Pattern SERVICE_NAME = Pattern.compile(
      "com\\.amazonaws\\.vpce\\.[a-z]{2}(?:-[a-z]+)+-\\d+\\.vpce-svc-(?:[0-9a-f]{8}|[0-9a-f]{17})"
          + "|com\\.amazonaws\\.[a-z]{2}(?:-[a-z]+)+-\\d+\\.[a-z0-9]+(?:[.-][a-z0-9]+)*");
  private static final Pattern ZONE_NAME = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+(?:-[a-z]+-\\d+)?[a-z]");
  private static final Pattern ZONE_ID = Pattern.compile("[a-z]{2,}\\d+(?:-[a-z]+\\d+)?-az\\d+");
  private static final Pattern HOSTNAME = Pattern.compile(
      "(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+");
  private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private VpcePropertiesValidator() {}

  static void validate(VpceProperties p) {
    if (p.bindings().isEmpty()) {
      throw new VpceConfigurationException("vpce.bindings", "{}", "has no binding",
          "add vpce.bindings.<name>.host with service-name or regional-dns-name, or set vpce.enabled=false");
    }
    Map<String, String> hosts = new HashMap<>();
    for (Map.Entry<String, VpceProperties.BindingProperties> b : p.bindings().entrySet()) {
      binding("vpce.bindings." + b.getKey() + ".", b.getValue(), b.getKey(), hosts);
    }
    if (p.placement().zoneName() != null) {
      matches("vpce.placement.zone-name", p.placement().zoneName(), ZONE_NAME, "an AZ name such as us-east-1a");
    }
    if (p.placement().zoneId() != null) {
      matches("vpce.placement.zone-id", p.placement().zoneId(), ZONE_ID, "an AZ ID such as use1-az6");
    }
    positive("vpce.placement.budget", p.placement().budget());
    if (p.vpcId() != null) {
      matches("vpce.vpc-id", p.vpcId(), VPC_ID, "vpc- and 8 or 17 hex digits, such as vpc-0fedcba9876543210");
    }
    ec2(p.ec2());
    for (int i = 0; i < p.dns().servers().size(); i++) {
      dnsServer("vpce.dns.servers[" + i + "]", p.dns().servers().get(i));
    }
    positive("vpce.dns.timeout", p.dns().timeout());
    notNegative("vpce.dns.stale-answer-limit", p.dns().staleAnswerLimit());
    if (p.breaker().failureThreshold() < 1) {
      throw new VpceConfigurationException("vpce.breaker.failure-threshold", p.breaker().failureThreshold(),
          "is below 1", "use 1 or more failed connects in a row (3 by default)");
    }
    positive("vpce.breaker.open-wait", p.breaker().openWait());
    positive("vpce.breaker.max-open-wait", p.breaker().maxOpenWait());
    if (p.breaker().maxOpenWait().compareTo(p.breaker().openWait()) < 0) {
      throw new VpceConfigurationException("vpce.breaker.max-open-wait", p.breaker().maxOpenWait(),
          "is shorter than vpce.breaker.open-wait (" + p.breaker().openWait() + ")",
          "make it at least vpce.breaker.open-wait");
    }
    positive("vpce.breaker.trial-timeout", p.breaker().trialTimeout());
    positive("vpce.refresh.interval", p.refresh().interval());
    positive("vpce.startup.timeout", p.startup().timeout());
    positive("vpce.http.connect-timeout", p.http().connectTimeout());
    List<Integer> ports = p.http().proxyPorts();
    if (ports == null || ports.isEmpty()) {
      throw new VpceConfigurationException("vpce.http.proxy-ports", ports, "is empty", "list at least one port, "
          + "such as 443");
    }
    for (int i = 0; i < ports.size(); i++) {
      Integer port = ports.get(i);
      if (port == null || port < 1 || port > 65535) {
        throw new VpceConfigurationException("vpce.http.proxy-ports[" + i + "]", port, "is not a TCP port",
            "use a port from 1 to 65535, such as 443");
      }
    }
  }

  private static void binding(String prefix, VpceProperties.BindingProperties b, String name,
      Map<String, String> hosts) {
    if (b.host() == null || b.host().isBlank()) {
      throw new VpceConfigurationException(prefix + "host", b.host(), "is missing",
          "set the hostname your code uses for this service, such as orders.internal.example.com");
    }
    matches(prefix + "host", b.host(), HOSTNAME, "a hostname such as orders.internal.example.com");
    String other = hosts.put(b.host().toLowerCase(Locale.ROOT), name);
    if (other != null) {
      throw new VpceConfigurationException(prefix + "host", b.host(), "is also the host of binding '" + other + "'",
          "bind each hostname once");
    }
    boolean discovered = b.serviceName() != null;
    if (discovered == (b.regionalDnsName() != null)) {
      throw new VpceConfigurationException(prefix + (discovered ? "regional-dns-name" : "service-name"),
          discovered ? b.regionalDnsName() : null, discovered ? "is set together with service-name" : "is missing",
          "give exactly one of service-name (discovered through the EC2 API) or regional-dns-name (static)");
    }
    if (discovered) {
      matches(prefix + "service-name", b.serviceName(), SERVICE_NAME,
          "a service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 (vpce-svc- and 8 or 17 "
              + "hex digits) or com.amazonaws.us-east-1.s3");
      if (!b.zonalDnsNames().isEmpty()) {
        throw new VpceConfigurationException(prefix + "zonal-dns-names", b.zonalDnsNames(),
            "is for static bindings", "remove it: a discovered endpoint's zonal names come from the EC2 API");
      }
      return;
    }
    matches(prefix + "regional-dns-name", b.regionalDnsName(), HOSTNAME, "the endpoint's regional DNS name");
    for (Map.Entry<String, String> z : b.zonalDnsNames().entrySet()) {
      String zone = z.getKey();
      if (!ZONE_NAME.matcher(zone).matches() && !ZONE_ID.matcher(zone).matches()) {
        throw new VpceConfigurationException(prefix + "zonal-dns-names." + zone, z.getValue(),
            "is keyed by '" + zone + "', which is neither an AZ name nor an AZ ID",
            "key each zonal name by an AZ name such as us-east-1a or an AZ ID such as use1-az6");
      }
      matches(prefix + "zonal-dns-names." + zone, z.getValue(), HOSTNAME, "the endpoint's zonal DNS name");
    }
  }

  private static void ec2(VpceProperties.Ec2Properties ec2) {
    if (ec2.region() != null) {
      matches("vpce.ec2.region", ec2.region(), REGION, "an AWS Region such as us-east-1");
    }
    URI endpoint = ec2.endpoint();
    if (endpoint != null) {
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!endpoint.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || endpoint.getHost() == null
          || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
        throw new VpceConfigurationException("vpce.ec2.endpoint", endpoint, "is not an http(s) URL of a host",
            "use the endpoint's URL such as https://ec2.us-east-1.amazonaws.com or the URL of the VPC's EC2 "
                + "interface endpoint, with no query, fragment or user");
      }
    }
  }

  /** An IP literal with an optional port: {@code 10.0.0.2}, {@code 127.0.0.1:5353}, {@code [fd00::2]:53}. */
  static InetSocketAddress dnsServer(String key, String value) {
    String host = value;
    int port = 53;
    String v = value == null ? "" : value.trim();
    try {
      if (v.startsWith("[")) {
        int end = v.indexOf(']');
        host = v.substring(1, end);
        if (end + 1 < v.length()) {
          port = Integer.parseInt(v.substring(end + 2));
        }
      } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
        host = v.substring(0, v.indexOf(':'));
        port = Integer.parseInt(v.substring(v.indexOf(':') + 1));
      } else {
        host = v;
      }
      if (!IP_LITERAL.matcher(host).matches() || port < 1 || port > 65535) {
        throw new IllegalArgumentException();
      }
      return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
    } catch (RuntimeException | java.net.UnknownHostException e) {
      throw new VpceConfigurationException(key, value, "is not an IP address with an optional port",
          "use an IP literal such as 10.0.0.2 or 127.0.0.1:5353 ([fd00::2]:53 for IPv6); names are not resolved");
    }
  }

  private static void matches(String key, String value, Pattern pattern, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new VpceConfigurationException(key, value, "is malformed", "use " + expected);
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new VpceConfigurationException(key, d, d != null && d.isNegative() ? "is negative" : "is not positive",
          "use a positive duration such as 2s or 500ms");
    }
  }

  private static void notNegative(String key, Duration d) {
    if (d == null || d.isNegative()) {
      throw new VpceConfigurationException(key, d, "is negative", "use zero or a positive duration such as 5m");
    }
  }

  static List<InetSocketAddress> dnsServers(List<String> servers) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      out.add(dnsServer("vpce.dns.servers[" + i + "]", servers.get(i)));
    }
    return out;
  }
}
