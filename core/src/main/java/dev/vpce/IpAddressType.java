package dev.vpce;

import java.util.Locale;

/**
 * Which IP families an interface endpoint's DNS names answer with, as EC2 reports it in the endpoint's
 * {@code dnsOptions.dnsRecordIpType} (or, when that is absent, its {@code ipAddressType}): A records for
 * {@link #IPV4}, AAAA records for {@link #IPV6}, both for {@link #DUALSTACK}. EC2's {@code service-defined}
 * gives the regional and zonal names both record types, so it reads as {@link #DUALSTACK}.
 */
public enum IpAddressType {
  /** A records only: EC2's {@code ipv4}, the default. */
  IPV4,
  /** A and AAAA records: EC2's {@code dualstack}, and {@code service-defined}. */
  DUALSTACK,
  /** AAAA records only: EC2's {@code ipv6}. */
  IPV6;

  /**
   * Whether the names carry A records.
   *
   * @return true for {@link #IPV4} and {@link #DUALSTACK}
   */
  public boolean ipv4() {
    return this != IPV6;
  }

  /**
   * Whether the names carry AAAA records.
   *
   * @return true for {@link #IPV6} and {@link #DUALSTACK}
   */
  public boolean ipv6() {
    return this != IPV4;
  }

  /**
   * The type for a wire value ({@code ipv4}, {@code dualstack}, {@code ipv6}, {@code service-defined}), or
   * null for null or a value this version does not know.
   *
   * @param value the wire value, in any case, or null
   * @return the type, or null
   */
  public static IpAddressType fromWire(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "ipv4" -> IPV4;
      case "ipv6" -> IPV6;
      case "dualstack", "service-defined" -> DUALSTACK;
      default -> null;
    };
  }
}
