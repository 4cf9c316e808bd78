package dev.vpce.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a name resolved to and how long they may be used.
 *
 * @param addresses the addresses in the order the server gave them; empty for a name with no records of
 *                  the asked type
 * @param ttl       the smallest TTL along the answer, its CNAMEs included
 */
public record DnsAnswer(List<InetAddress> addresses, Duration ttl) {
  /**
   * Copies the addresses, so the answer stays as received.
   *
   * @param addresses the addresses, not null
   * @param ttl the smallest TTL along the answer
   */
  public DnsAnswer {
    addresses = List.copyOf(addresses);
  }

  /** A TTL as read from the wire, in seconds: one with the top bit set is 0 (RFC 2181). */
  static long wireTtl(long ttl) {
    return ttl > Integer.MAX_VALUE ? 0 : ttl;
  }

  /** One SOA record's negative TTL (RFC 2308), in seconds: the smaller of its TTL and its MINIMUM field. */
  static long soaNegativeTtl(long ttl, long minimum) {
    return Math.min(wireTtl(ttl), wireTtl(minimum));
  }

  /**
   * The answer for a name that exists without records of the asked type (NODATA): kept for the zone's negative TTL,
   * bounded by the TTLs of any CNAMEs on the way ({@code chainTtl}); not kept (TTL 0) when the reply had no SOA
   * ({@code negativeTtl} -1).
   */
  static DnsAnswer noData(long chainTtl, long negativeTtl) {
    return new DnsAnswer(List.of(), Duration.ofSeconds(negativeTtl < 0 ? 0 : Math.min(chainTtl, negativeTtl)));
  }

  /**
   * The answer for a dual-stack name from its A and AAAA answers: IPv4 first, and the TTL of the family that has
   * addresses, the smaller when both or neither do. Either may be null when that family was not asked for.
   */
  static DnsAnswer ofFamilies(DnsAnswer v4, DnsAnswer v6) {
    if (v4 == null) {
      return v6;
    }
    if (v6 == null) {
      return v4;
    }
    List<InetAddress> all = new ArrayList<>(v4.addresses());
    all.addAll(v6.addresses());
    boolean bothOrNeither = v4.addresses().isEmpty() == v6.addresses().isEmpty();
    Duration ttl = bothOrNeither ? (v4.ttl().compareTo(v6.ttl()) <= 0 ? v4.ttl() : v6.ttl())
        : v4.addresses().isEmpty() ? v6.ttl() : v4.ttl();
    return new DnsAnswer(all, ttl);
  }
}
