package dev.vpce.jdbc;

import dev.vpce.Binding;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.internal.Names;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binding a {@code jdbc:vpce:} URL describes with its {@code vpce*} parameters, checked: an unknown
 * parameter or a malformed value fails with an {@code SQLException} naming the parameter, the value and
 * what is expected. Equal configurations share one {@code PrivateLink}.
 */
record UrlConfig(String host, String serviceName, String regionalDnsName, Map<String, String> zonalDnsNames,
    String zone, String zoneId, List<InetSocketAddress> dnsServers, Duration startupTimeout, String region,
    URI ec2Endpoint) {

  static final String SERVICE_NAME = "vpceServiceName";
  static final String REGIONAL_DNS_NAME = "vpceRegionalDnsName";
  static final String ZONAL_DNS_NAMES = "vpceZonalDnsNames";
  static final String ZONE = "vpceZone";
  static final String ZONE_ID = "vpceZoneId";
  static final String DNS_SERVERS = "vpceDnsServers";
  static final String STARTUP_TIMEOUT = "vpceStartupTimeout";
  static final String REGION = "vpceRegion";
  static final String EC2_ENDPOINT = "vpceEc2Endpoint";
  static final List<String> KNOWN = List.of(SERVICE_NAME, REGIONAL_DNS_NAME, ZONAL_DNS_NAMES, ZONE, ZONE_ID,
      DNS_SERVERS, STARTUP_TIMEOUT, REGION, EC2_ENDPOINT);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
  private static final Pattern IP_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?");

  /** Whether any parameter describes a binding (then the URL builds its own {@code PrivateLink}). */
  boolean describesBinding() {
    return serviceName != null || regionalDnsName != null;
  }

  /** The key under which equal configurations share one {@code PrivateLink}. */
  String key() {
    return host.toLowerCase(java.util.Locale.ROOT) + "|" + serviceName + "|" + regionalDnsName + "|"
        + new TreeMap<>(zonalDnsNames) + "|" + zone + "|" + zoneId + "|" + dnsServers + "|" + startupTimeout + "|"
        + region + "|" + ec2Endpoint;
  }

  static UrlConfig parse(String host, Map<String, String> parameters) throws SQLException {
    if (parameters.isEmpty()) { // the usual case, a registered PrivateLink: parsed on every connect
      return new UrlConfig(host, null, null, Map.of(), null, null, List.of(), null, null, null);
    }
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      if (!KNOWN.contains(p.getKey())) {
        throw new SQLException("jdbc:vpce: unknown parameter " + p.getKey() + "=" + p.getValue() + "; vpce knows "
            + String.join(", ", KNOWN) + " (names are case-sensitive)", "08001");
      }
    }
    String service = parameters.get(SERVICE_NAME);
    if (service != null) {
      check(SERVICE_NAME, service, Names.SERVICE_NAME,
          "a service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
    }
    String regional = parameters.get(REGIONAL_DNS_NAME);
    if (regional != null) {
      check(REGIONAL_DNS_NAME, regional, Names.HOSTNAME,
          "the endpoint's regional DNS name such as vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0"
              + ".us-east-1.vpce.amazonaws.com");
    }
    if (service != null && regional != null) {
      throw new SQLException("jdbc:vpce: parameters " + SERVICE_NAME + "=" + service + " and " + REGIONAL_DNS_NAME
          + "=" + regional + " exclude each other: give " + SERVICE_NAME + " to discover the endpoint, or "
          + REGIONAL_DNS_NAME + " for a static endpoint", "08001");
    }
    Map<String, String> zonal = new LinkedHashMap<>();
    String zonalText = parameters.get(ZONAL_DNS_NAMES);
    if (zonalText != null) {
      if (regional == null) {
        throw new SQLException("jdbc:vpce: parameter " + ZONAL_DNS_NAMES + "=" + zonalText + " needs "
            + REGIONAL_DNS_NAME + " (zonal names are for static endpoints; a discovered one learns them)", "08001");
      }
      for (String entry : zonalText.split(",", -1)) {
        int colon = entry.indexOf(':');
        String zoneKey = colon < 0 ? "" : entry.substring(0, colon).trim();
        String name = colon < 0 ? "" : entry.substring(colon + 1).trim();
        boolean zoneOk = Names.ZONE_NAME.matcher(zoneKey).matches() || Names.ZONE_ID.matcher(zoneKey).matches();
        if (!zoneOk || !Names.HOSTNAME.matcher(name).matches()) {
          throw new SQLException("jdbc:vpce: parameter " + ZONAL_DNS_NAMES + " must be a comma-separated list of "
              + "zone:name, the zone an AZ name such as us-east-1a or an AZ ID such as use1-az6, but the entry '"
              + entry + "' of '" + zonalText + "' is not", "08001");
        }
        zonal.put(zoneKey, name);
      }
    }
    String zone = parameters.get(ZONE);
    if (zone != null) {
      check(ZONE, zone, Names.ZONE_NAME, "an AZ name such as us-east-1a");
    }
    String zoneId = parameters.get(ZONE_ID);
    if (zoneId != null) {
      check(ZONE_ID, zoneId, Names.ZONE_ID, "an AZ ID such as use1-az6");
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    String serversText = parameters.get(DNS_SERVERS);
    if (serversText != null) {
      for (String s : serversText.split(",", -1)) {
        servers.add(dnsServer(s.trim(), serversText));
      }
    }
    Duration startup = null;
    String startupText = parameters.get(STARTUP_TIMEOUT);
    if (startupText != null) {
      Matcher m = DURATION.matcher(startupText);
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new SQLException("jdbc:vpce: parameter " + STARTUP_TIMEOUT + " must be a duration greater than 0 "
            + "such as 500ms, 10s or 1m, but was '" + startupText + "'", "08001");
      }
      long n = Long.parseLong(m.group(1));
      startup = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMinutes(n);
      };
    }
    String region = parameters.get(REGION);
    if (region != null) {
      check(REGION, region, Names.REGION, "a Region such as us-east-1");
    }
    URI ec2 = null;
    String ec2Text = parameters.get(EC2_ENDPOINT);
    if (ec2Text != null) {
      ec2 = ec2Endpoint(ec2Text);
    }
    if (regional != null) {
      for (String awsOnly : new String[] {REGION, EC2_ENDPOINT}) {
        if (parameters.containsKey(awsOnly)) {
          throw new SQLException("jdbc:vpce: parameter " + awsOnly + "=" + parameters.get(awsOnly) + " needs "
              + SERVICE_NAME + " (it configures the EC2 API that discovers the endpoint; a static endpoint given "
              + "by " + REGIONAL_DNS_NAME + " makes no AWS call)", "08001");
        }
      }
    }
    if (service == null && regional == null && !parameters.isEmpty()) {
      throw new SQLException("jdbc:vpce: parameters " + parameters.keySet() + " describe no binding: add "
          + SERVICE_NAME + " (discovered endpoint) or " + REGIONAL_DNS_NAME + " (static endpoint), or register a "
          + "PrivateLink that binds " + host + " with VpceJdbc.register", "08001");
    }
    return new UrlConfig(host, service, regional, Map.copyOf(zonal), zone, zoneId, List.copyOf(servers), startup,
        region, ec2);
  }

  private static URI ec2Endpoint(String text) throws SQLException {
    String expected = "jdbc:vpce: parameter " + EC2_ENDPOINT + " must be an absolute http or https URI with a host "
        + "and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface "
        + "endpoint, but was '" + text + "'";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new SQLException(expected + " (" + e.getMessage() + ")", "08001", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new SQLException(expected, "08001");
    }
    return uri;
  }

  private static InetSocketAddress dnsServer(String s, String all) throws SQLException {
    Matcher m = IP_PORT.matcher(s);
    int port = 53;
    if (m.matches() && m.group(2) != null) {
      port = Integer.parseInt(m.group(2));
    }
    if (!m.matches() || port < 1 || port > 65535) {
      throw new SQLException("jdbc:vpce: parameter " + DNS_SERVERS + " must be a comma-separated list of IP "
          + "addresses with optional ports, such as 10.0.0.2 or 127.0.0.1:5353, but the entry '" + s + "' of '" + all
          + "' is not", "08001");
    }
    String ip = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      throw new SQLException("jdbc:vpce: parameter " + DNS_SERVERS + " has an invalid IP address '" + s + "'",
          "08001", e);
    }
  }

  private static void check(String parameter, String value, Pattern pattern, String expected) throws SQLException {
    if (!pattern.matcher(value).matches()) {
      throw new SQLException("jdbc:vpce: parameter " + parameter + " must be " + expected + ", but was '" + value
          + "'", "08001");
    }
  }

  /** Builds the {@code PrivateLink} this configuration describes. */
  PrivateLink build() {
    Binding.Builder b = Binding.builder(host);
    if (serviceName != null) {
      b.serviceName(serviceName);
    } else {
      b.regionalDnsName(regionalDnsName);
      zonalDnsNames.forEach(b::zonalDnsName);
    }
    PrivateLink.Builder pl = PrivateLink.builder().bind(b.build()).listener(VpceJdbc.listener());
    if (zone != null || zoneId != null) {
      pl.placement(EngineShim.explicitPlacement(zone, zoneId));
    }
    if (!dnsServers.isEmpty()) {
      pl.nameResolver(NameResolver.servers(dnsServers, Duration.ofSeconds(2)));
    }
    if (startupTimeout != null) {
      pl.startupTimeout(startupTimeout);
    }
    if (region != null) {
      pl.region(region);
    }
    if (ec2Endpoint != null) {
      pl.ec2Endpoint(ec2Endpoint);
    }
    return pl.build();
  }
}
