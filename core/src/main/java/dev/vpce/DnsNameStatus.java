package dev.vpce;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * One DNS name a binding keeps fresh in vpce's own cache, as it stands now.
 *
 * @param name      the DNS name
 * @param zone      the zone of the local zone's name (AZ name or AZ ID, as the endpoint keys it), or null for
 *                  the regional name
 * @param addresses the addresses served now, in DNS order; empty before a first answer, or once a stale
 *                  answer outlived the stale limit and was dropped
 * @param ttl       the TTL of the answer served now, or null before a first answer
 * @param age       how long ago that answer was received, or null before a first answer
 * @param stale     whether the answer is past its TTL and still served because refreshes fail (up to the
 *                  builder's {@code staleAnswerLimit})
 */
public record DnsNameStatus(String name, String zone, List<InetAddress> addresses, Duration ttl, Duration age,
    boolean stale) {
  /**
   * Copies {@code addresses}; null is not allowed.
   *
   * @param name the DNS name
   * @param zone its zone, or null for the regional name
   * @param addresses the addresses served now, not null
   * @param ttl the TTL of the answer served, or null
   * @param age the age of that answer, or null
   * @param stale whether it is served past its TTL
   */
  public DnsNameStatus {
    addresses = List.copyOf(addresses);
  }
}
