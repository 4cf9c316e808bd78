package dev.vpce.testkit;

import java.time.Instant;

/**
 * One question the DNS server received.
 *
 * @param name      the queried name, lower case, without the trailing dot
 * @param type      the record type's mnemonic ({@code A}, {@code AAAA}, …)
 * @param transport {@code udp} or {@code tcp}
 * @param at        when it arrived
 */
public record DnsQuery(String name, String type, String transport, Instant at) {}
