/**
 * The JDK's {@code java.net.http.HttpClient}: {@link dev.vpce.http.jdk.PrivateLinkConnectProxy} is a loopback
 * HTTP {@code CONNECT} proxy and {@code ProxySelector} that tunnels bound {@code https} hosts along their routes
 * (TLS stays end to end between the client and the service) and leaves other hosts to the previous selector.
 */
package dev.vpce.http.jdk;
