package dev.vpce.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The naming rules of PrivateLink: service names, endpoint DNS names, AZ names and IDs. */
public final class Names {
  /**
   * The service-name forms AWS documents, in the {@code aws}, {@code aws-cn} and {@code aws-us-gov} partitions:
   * <ul>
   *   <li>endpoint services: {@code com.amazonaws.vpce.<region>.vpce-svc-<hex>}, in China
   *       {@code cn.com.amazonaws.vpce.<region>.vpce-svc-<hex>};</li>
   *   <li>AWS services: {@code com.amazonaws.<region>.<service>}, and in China also
   *       {@code cn.com.amazonaws.<region>.<service>} (the prefix differs by service there);</li>
   *   <li>other AWS forms: {@code aws.<service>.<region>.<name>}, for example
   *       {@code aws.sagemaker.us-east-1.notebook}; and Region-less ones such as
   *       {@code com.amazonaws.s3-global.accesspoint}.</li>
   * </ul>
   * Sources are cited in {@code NamesTest}.
   */
  public static final Pattern SERVICE_NAME = Pattern.compile(
      "(?:cn\\.)?com\\.amazonaws\\.vpce\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.vpce-svc-(?:[0-9a-f]{8}|[0-9a-f]{17})"
          + "|(?:cn\\.)?com\\.amazonaws\\.(?!vpce\\.)([a-z0-9]+(?:-[a-z0-9]+)*)\\.[a-z0-9]+(?:[.-][a-z0-9]+)*"
          + "|aws\\.[a-z0-9-]+\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.[a-z0-9]+(?:[.-][a-z0-9]+)*");
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
  /** Endpoint DNS names end so in the {@code aws} and {@code aws-us-gov} partitions, and with {@code .cn} in China. */
  private static final Pattern VPCE_DOMAIN = Pattern.compile(".*\\.vpce\\.amazonaws\\.com(?:\\.cn)?");

  private Names() {}

  /**
   * The Region a service name carries (the provider's, with cross-Region PrivateLink), or null when it
   * carries none ({@code com.amazonaws.s3-global.accesspoint}). Never the Region for the EC2 API.
   */
  public static String regionOf(String serviceName) {
    Matcher m = SERVICE_NAME.matcher(serviceName);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a service name: " + serviceName);
    }
    for (int g = 1; g <= 3; g++) {
      if (m.group(g) != null && REGION.matcher(m.group(g)).matches()) {
        return m.group(g);
      }
    }
    return null;
  }

  /** Whether a name is an endpoint name under {@code vpce.amazonaws.com} (a leading {@code *.} allowed). */
  public static boolean isEndpointName(String dnsName) {
    return VPCE_DOMAIN.matcher(stripWildcard(dnsName).toLowerCase(Locale.ROOT)).matches();
  }

  /** The AZ name a zonal endpoint name carries, or null when the name is not zonal. */
  public static String zoneOfZonalName(String dnsName) {
    String name = stripWildcard(dnsName).toLowerCase(Locale.ROOT);
    if (!VPCE_DOMAIN.matcher(name).matches()) {
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
    return VPCE_DOMAIN.matcher(name).matches() && dot > 0 && REGIONAL_LABEL.matcher(name.substring(0, dot)).matches();
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
