package dev.vpce.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The naming rules of PrivateLink: service names, endpoint DNS names, AZ names and IDs. */
public final class Names {
  /** {@code com.amazonaws.vpce.<region>.vpce-svc-<hex>} or {@code com.amazonaws.<region>.<service>}. */
  public static final Pattern SERVICE_NAME = Pattern.compile(
      "com\\.amazonaws\\.vpce\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.vpce-svc-(?:[0-9a-f]{8}|[0-9a-f]{17})"
          + "|com\\.amazonaws\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.[a-z0-9]+(?:[.-][a-z0-9]+)*");
  public static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+");
  /** {@code us-east-1a}, or a Local Zone such as {@code us-east-1-bos-1a}. */
  public static final Pattern ZONE_NAME = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+(?:-[a-z]+-\\d+)?[a-z]");
  public static final Pattern ZONE_ID = Pattern.compile("[a-z]{2,}\\d+(?:-[a-z]+\\d+)?-az\\d+");
  public static final Pattern HOSTNAME = Pattern.compile(
      "(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  /** The first label of a zonal endpoint name: {@code vpce-<id>-<suffix>-<az-name>}. */
  private static final Pattern ZONAL_LABEL =
      Pattern.compile("vpce-[0-9a-f]+-[a-z0-9]+-([a-z]{2}(?:-[a-z]+)+-\\d+(?:-[a-z]+-\\d+)?[a-z])");
  private static final Pattern REGIONAL_LABEL = Pattern.compile("vpce-[0-9a-f]+-[a-z0-9]+");
  private static final String VPCE_DOMAIN = ".vpce.amazonaws.com";

  private Names() {}

  /** The region a service name names. */
  public static String regionOf(String serviceName) {
    Matcher m = SERVICE_NAME.matcher(serviceName);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a service name: " + serviceName);
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  /** Whether a name is an endpoint name under {@code vpce.amazonaws.com} (a leading {@code *.} allowed). */
  public static boolean isEndpointName(String dnsName) {
    return stripWildcard(dnsName).toLowerCase(Locale.ROOT).endsWith(VPCE_DOMAIN);
  }

  /** The AZ name a zonal endpoint name carries, or null when the name is not zonal. */
  public static String zoneOfZonalName(String dnsName) {
    String name = stripWildcard(dnsName).toLowerCase(Locale.ROOT);
    if (!name.endsWith(VPCE_DOMAIN)) {
      return null;
    }
    int dot = name.indexOf('.');
    Matcher m = ZONAL_LABEL.matcher(dot < 0 ? name : name.substring(0, dot));
    return m.matches() ? m.group(1) : null;
  }

  /** Whether an endpoint name is the regional one: its first label is {@code vpce-<id>-<suffix>}. */
  public static boolean isRegionalName(String dnsName) {
    String name = stripWildcard(dnsName).toLowerCase(Locale.ROOT);
    int dot = name.indexOf('.');
    return name.endsWith(VPCE_DOMAIN) && dot > 0 && REGIONAL_LABEL.matcher(name.substring(0, dot)).matches();
  }

  /** The zonal name for a zone derived from a regional name: {@code -<az-name>} added to the first label. */
  public static String zonalNameFor(String regionalDnsName, String zoneName) {
    int dot = regionalDnsName.indexOf('.');
    return regionalDnsName.substring(0, dot) + "-" + zoneName + regionalDnsName.substring(dot);
  }

  public static boolean isZoneId(String zone) {
    return ZONE_ID.matcher(zone).matches();
  }

  private static String stripWildcard(String name) {
    return name.startsWith("*.") ? name.substring(2) : name;
  }
}
