package dev.vpce.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The doctor's command line, checked: every bad value is reported with its option and what is expected. */
record DoctorOptions(
    String host,
    String serviceName,
    String regionalDnsName,
    Map<String, String> zonalDnsNames,
    String region,
    URI ec2Endpoint,
    String vpcId,
    List<InetSocketAddress> dnsServers,
    Duration dnsTimeout,
    String zoneName,
    String zoneId,
    URI imdsEndpoint,
    URI ecsMetadataUri,
    Duration placementTimeout,
    int port,
    Duration connectTimeout,
    boolean tls,
    Path caFile,
    Duration startupTimeout,
    boolean json,
    boolean verbose) {

  static final String USAGE = String.join("\n",
      "usage: vpce doctor --host HOST (--service SERVICE_NAME | --regional-dns-name NAME [--zonal ZONE=NAME]...)",
      "                   [options]",
      "",
      "Checks, step by step, how vpce would route HOST on this machine: placement, credentials and Region,",
      "the endpoint, DNS, a TCP connect (and TLS handshake) to every address, and the route vpce would use.",
      "",
      "binding (one of):",
      "  --service NAME            discover the endpoint of this service name through the EC2 API",
      "  --regional-dns-name NAME  a static binding: the endpoint's regional DNS name (no AWS call at all)",
      "  --zonal ZONE=NAME         a static binding's zonal DNS name for a zone (AZ name or AZ ID); repeatable",
      "options:",
      "  --region REGION           the Region for EC2 (default: the placement's, else the SDK's chain)",
      "  --ec2-endpoint URI        the EC2 API endpoint (default: the Region's)",
      "  --vpc-id VPC              the VPC to look in (default: the placement's)",
      "  --dns-server IP[:PORT]    a name server for vpce's resolver; repeatable (default: the system's)",
      "  --dns-timeout DURATION    per query (default 2s)",
      "  --zone AZ_NAME            placement override by AZ name, for example us-east-1a",
      "  --zone-id AZ_ID           placement override by AZ ID, for example use1-az6 (shared VPCs)",
      "  --imds-endpoint URI       IMDS at this URI (default: the SDK's, http://169.254.169.254)",
      "  --ecs-metadata-uri URI    ECS task metadata v4 at this URI (default: $ECS_CONTAINER_METADATA_URI_V4)",
      "  --placement-timeout DUR   per source the doctor asks, and vpce's whole chain (default 2s)",
      "  --port PORT               the port to connect to (default 443)",
      "  --connect-timeout DUR     per address (default 2s)",
      "  --tls                     also do a TLS handshake with SNI and certificate checks on HOST",
      "  --ca-file PEM             trust this CA too (PEM, one or more certificates), on top of the JDK's",
      "  --startup-timeout DUR     how long vpce gets to find the first route (default 10s); vpce retries until then",
      "  --json                    the report as JSON on stdout",
      "  --verbose                 vpce's own log lines on stderr",
      "durations: 500ms, 2s, 1m or ISO-8601 (PT2S)",
      "exit codes: 0 every step OK; 1 a warning (vpce works, degraded); 2 a step failed; 64 bad usage");

  private static final Pattern HOSTNAME =
      Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}\\.?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ZONE_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+[a-z]");
  private static final Pattern ZONE_ID = Pattern.compile("[a-z]{2,}\\d+(-[a-z]+\\d+)?-az\\d+");
  private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern IPV4_SERVER = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})(:(\\d+))?");
  private static final Pattern IPV6_SERVER = Pattern.compile("\\[([0-9a-fA-F:.]+)](:(\\d+))?");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /** Parses the arguments after {@code doctor}. */
  static DoctorOptions parse(List<String> args) throws UsageException {
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, String> zonal = new LinkedHashMap<>();
    List<InetSocketAddress> dns = new ArrayList<>();
    boolean tls = false;
    boolean json = false;
    boolean verbose = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--tls" -> tls = true;
        case "--json" -> json = true;
        case "--verbose" -> verbose = true;
        case "--host", "--service", "--regional-dns-name", "--region", "--ec2-endpoint", "--vpc-id",
            "--dns-timeout", "--zone", "--zone-id", "--imds-endpoint", "--ecs-metadata-uri", "--placement-timeout",
            "--port", "--connect-timeout", "--ca-file", "--startup-timeout" -> {
          String v = value(args, i++);
          if (single.put(a, v) != null) {
            throw new UsageException(a + " was given twice; give it once");
          }
        }
        case "--zonal" -> {
          String v = value(args, i++);
          int eq = v.indexOf('=');
          if (eq <= 0 || eq == v.length() - 1) {
            throw new UsageException("--zonal must be ZONE=NAME (an AZ name or AZ ID, '=', a DNS name), but was '"
                + v + "'");
          }
          String zone = v.substring(0, eq);
          if (!ZONE_NAME.matcher(zone).matches() && !ZONE_ID.matcher(zone).matches()) {
            throw new UsageException("--zonal zone must be an AZ name such as us-east-1a or an AZ ID such as "
                + "use1-az6, but was '" + zone + "'");
          }
          zonal.put(zone, hostname("--zonal " + zone, v.substring(eq + 1)));
        }
        case "--dns-server" -> dns.add(dnsServer(value(args, i++)));
        default -> throw new UsageException("unknown option '" + a + "'; see --help");
      }
    }
    String host = single.get("--host");
    if (host == null) {
      throw new UsageException("--host is required: the hostname your application connects to");
    }
    host = hostname("--host", host);
    String service = single.get("--service");
    String regional = single.get("--regional-dns-name");
    if ((service == null) == (regional == null)) {
      throw new UsageException("give exactly one of --service (discovered) or --regional-dns-name (static), but "
          + "got " + (service == null ? "neither" : "both"));
    }
    if (service != null && !service.matches("[a-z0-9.-]+\\.[a-z0-9-]+\\.[a-z0-9.-]+")) {
      throw new UsageException("--service must be a service name such as com.amazonaws.vpce.us-east-1.vpce-svc-"
          + "0123456789abcdef0, but was '" + service + "'");
    }
    if (regional != null) {
      regional = hostname("--regional-dns-name", regional);
    }
    if (service != null && !zonal.isEmpty()) {
      throw new UsageException("--zonal is for static bindings (--regional-dns-name); a discovered endpoint has its "
          + "own zonal names, but got " + zonal);
    }
    String region = match(single, "--region", REGION, "a Region such as us-east-1");
    String zoneName = match(single, "--zone", ZONE_NAME, "an AZ name such as us-east-1a");
    String zoneId = match(single, "--zone-id", ZONE_ID, "an AZ ID such as use1-az6");
    String vpcId = match(single, "--vpc-id", VPC_ID, "vpc- and 8 or 17 hex digits");
    Path ca = null;
    if (single.containsKey("--ca-file")) {
      ca = Path.of(single.get("--ca-file"));
      if (!Files.isReadable(ca)) {
        throw new UsageException("--ca-file must be a readable PEM file, but '" + ca + "' is not readable");
      }
    }
    int port = 443;
    if (single.containsKey("--port")) {
      String p = single.get("--port");
      try {
        port = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new UsageException("--port must be a port number from 1 to 65535, but was '" + p + "'");
      }
    }
    return new DoctorOptions(host, service, regional, Map.copyOf(zonal), region, uri(single, "--ec2-endpoint"), vpcId,
        List.copyOf(dns), duration(single, "--dns-timeout", Duration.ofSeconds(2)), zoneName, zoneId,
        uri(single, "--imds-endpoint"), uri(single, "--ecs-metadata-uri"),
        duration(single, "--placement-timeout", Duration.ofSeconds(2)), port,
        duration(single, "--connect-timeout", Duration.ofSeconds(2)), tls, ca,
        duration(single, "--startup-timeout", Duration.ofSeconds(10)), json, verbose);
  }

  boolean isStatic() {
    return serviceName == null;
  }

  /** What the host is bound to, for the report's title. */
  String target() {
    return isStatic() ? "static " + regionalDnsName + (zonalDnsNames.isEmpty() ? "" : " " + zonalDnsNames)
        : serviceName;
  }

  private static String value(List<String> args, int i) throws UsageException {
    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
      throw new UsageException(args.get(i) + " needs a value");
    }
    return args.get(i + 1);
  }

  private static String hostname(String option, String v) throws UsageException {
    if (!HOSTNAME.matcher(v).matches()) {
      throw new UsageException(option + " must be a DNS name such as orders.internal.example.com, but was '" + v
          + "'");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static String match(Map<String, String> single, String option, Pattern p, String expected)
      throws UsageException {
    String v = single.get(option);
    if (v != null && !p.matcher(v).matches()) {
      throw new UsageException(option + " must be " + expected + ", but was '" + v + "'");
    }
    return v;
  }

  private static URI uri(Map<String, String> single, String option) throws UsageException {
    String v = single.get(option);
    if (v == null) {
      return null;
    }
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("not absolute");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " must be an absolute URI such as http://127.0.0.1:8080, but was '" + v
          + "'");
    }
  }

  static Duration duration(Map<String, String> single, String option, Duration dflt) throws UsageException {
    String v = single.get(option);
    if (v == null) {
      return dflt;
    }
    Duration d;
    Matcher m = SHORT_DURATION.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          default -> Duration.ofMinutes(n);
        };
      } else {
        d = Duration.parse(v);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new UsageException(option + " must be a positive duration such as 500ms, 2s or PT2S, but was '" + v
          + "'");
    }
    return d;
  }

  private static InetSocketAddress dnsServer(String v) throws UsageException {
    Matcher m4 = IPV4_SERVER.matcher(v);
    Matcher m6 = IPV6_SERVER.matcher(v);
    String ip;
    String port;
    if (m4.matches()) {
      ip = m4.group(1);
      port = m4.group(4);
    } else if (m6.matches()) {
      ip = m6.group(1);
      port = m6.group(3);
    } else {
      throw new UsageException("--dns-server must be an IP address with an optional port, such as 10.0.0.2, "
          + "127.0.0.1:5353 or [::1]:53, but was '" + v + "'");
    }
    int p = port == null ? 53 : Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw new UsageException("--dns-server port must be from 1 to 65535, but was '" + v + "'");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), p); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new UsageException("--dns-server must be an IP address, but was '" + v + "'");
    }
  }
}
