package dev.vpce.examples;

import dev.vpce.PrivateLink;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5 (classic) with zonal-first routes: one client for the application's lifetime. */
public final class HttpClient5Example {
  private HttpClient5Example() {}

  /** The client; {@code tls} is {@code SSLContext.getDefault()} in production. */
  public static CloseableHttpClient client(PrivateLink privateLink, SSLContext tls) {
    return PrivateLinkHttpClient5.builder(privateLink)
        .connectTimeout(Duration.ofSeconds(2)) // per address: a failing zone is passed over, not waited on
        .sslContext(tls)
        .build();
  }

  /** One GET, the body as text. */
  public static String get(CloseableHttpClient http, URI url) throws IOException {
    return http.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
  }

  public static void main(String[] args) throws Exception {
    try (Playground p = Playground.start();
        CloseableHttpClient http = client(p.privateLink(), p.server().clientContext())) {
      System.out.println(get(http, p.url("/orders/1")) + ", connections by zone " + p.connectionsByZone());
    }
  }
}
