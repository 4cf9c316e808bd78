/**
 * How endpoint names resolve: {@link dev.vpce.dns.NameResolver} answers with addresses and a TTL
 * ({@link dev.vpce.dns.DnsAnswer}); the default, {@link dev.vpce.dns.DnsjavaNameResolver}, asks the system's
 * or the configured name servers directly, so vpce sees real TTLs instead of the JVM cache's.
 */
package dev.vpce.dns;
