/**
 * Clients as applications connect today, without vpce, and the means to tell which address served a request:
 * the other side of the demo ({@code dev.vpce.demo}) and of the benchmarks' failover matrix. A
 * {@link dev.vpce.statusquo.StatusQuoResolver} behaves as the JVM resolver against the kit's DNS server;
 * {@link dev.vpce.statusquo.StatusQuoHttpClient} and {@link dev.vpce.statusquo.StatusQuoSocketFactory} (pgJDBC)
 * connect through it; {@link dev.vpce.statusquo.TracingPostgresSocketFactory} is vpce's pgJDBC socket factory,
 * unchanged, and {@link dev.vpce.statusquo.JdbcProbe} returns the address that served a JDBC request through
 * either factory. Everything stays on loopback.
 */
package dev.vpce.statusquo;
