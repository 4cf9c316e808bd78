/**
 * Apache HttpClient 5 (optional dependency): {@link dev.vpce.http.hc5.PrivateLinkHttpClient5} builds classic
 * and async clients and connection managers whose connects follow a {@link dev.vpce.PrivateLink}'s routes
 * and report every TCP connect and TLS handshake per address; {@link dev.vpce.http.hc5.PrivateLinkDnsResolver}
 * is the route as a {@code DnsResolver} for connection managers built elsewhere.
 */
package dev.vpce.http.hc5;
