package dev.vpce.dns;

import java.net.InetAddress;
import java.time.Duration;
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
}
