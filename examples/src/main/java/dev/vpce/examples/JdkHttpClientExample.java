package dev.vpce.examples;

import dev.vpce.PrivateLink;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The JDK's {@code java.net.http.HttpClient}, which has no resolver hook on Java 17: vpce runs a loopback
 * {@code CONNECT} proxy that tries the route's addresses in order; TLS stays end to end on the hostname.
 */
public final class JdkHttpClientExample {
  private JdkHttpClientExample() {}

  /** The client through the proxy; {@code tls} is {@code SSLContext.getDefault()} in production. */
  public static HttpClient client(PrivateLinkConnectProxy proxy, SSLContext tls) {
    return HttpClient.newBuilder().proxy(proxy.proxySelector()).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** One GET, the body as text. */
  public static String get(HttpClient http, URI url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * The proxy lives as long as the PrivateLink; close it first. It tunnels only to the ports it allows:
   * {@code 443} in production, the kit's endpoint port here.
   */
  public static PrivateLinkConnectProxy proxy(PrivateLink privateLink, int port) throws IOException {
    return PrivateLinkConnectProxy.builder(privateLink).connectTimeout(Duration.ofSeconds(2)).allowedPorts(port)
        .start();
  }

  public static void main(String[] args) throws Exception {
    try (Playground p = Playground.start();
        PrivateLinkConnectProxy proxy = proxy(p.privateLink(), p.url("/").getPort())) {
      HttpClient http = client(proxy, p.server().clientContext());
      System.out.println(get(http, p.url("/orders/1")) + ", connections by zone " + p.connectionsByZone());
    }
  }
}
