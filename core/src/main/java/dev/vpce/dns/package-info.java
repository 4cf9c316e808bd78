/**
 * How endpoint names resolve: {@link dev.vpce.dns.NameResolver} answers with addresses and a TTL
 * ({@link dev.vpce.dns.DnsAnswer}); the default, vpce's own stub resolver ({@link dev.vpce.dns.NameResolver#system()},
 * {@link dev.vpce.dns.NameResolver#servers}), asks the system's or the configured name servers directly, so vpce
 * sees real TTLs instead of the JVM cache's. {@link dev.vpce.dns.DnsjavaNameResolver} does the same through
 * dnsjava.
 */
package dev.vpce.dns;
