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

/**
 * A stand-in for your application's own code: a client of the orders service, reached through PrivateLink.
 * {@code OrdersClientIT} shows how to test it with the kit.
 */
public final class OrdersClient implements AutoCloseable {
  private final CloseableHttpClient http;
  private final URI base;

  /**
   * @param privateLink the application's PrivateLink
   * @param tls         {@code SSLContext.getDefault()} in production; the kit's CA in tests
   * @param base        for example {@code https://orders.internal.example.com}
   */
  public OrdersClient(PrivateLink privateLink, SSLContext tls, URI base) {
    this.http = PrivateLinkHttpClient5.builder(privateLink).connectTimeout(Duration.ofSeconds(1)).sslContext(tls)
        .build();
    this.base = base;
  }

  /** The order's representation. */
  public String order(String id) throws IOException {
    return http.execute(new HttpGet(base.resolve("/orders/" + id)), r -> {
      if (r.getCode() != 200) {
        throw new IOException("orders answered HTTP " + r.getCode());
      }
      return EntityUtils.toString(r.getEntity());
    });
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
