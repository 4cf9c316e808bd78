package dev.vpce.examples;

import dev.vpce.PrivateLink;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** OkHttp with zonal-first routes: vpce's {@code Dns} and event listener on the application's own builder. */
public final class OkHttpExample {
  private OkHttpExample() {}

  /** The client, from the application's builder (its TLS, timeouts, interceptors stay as they are). */
  public static OkHttpClient client(PrivateLink privateLink, OkHttpClient.Builder own) {
    return PrivateLinkOkHttp.configure(own, privateLink)
        .connectTimeout(Duration.ofSeconds(2)) // per address: a failing zone is passed over, not waited on
        .build();
  }

  /** One GET, the body as text. */
  public static String get(OkHttpClient http, URI url) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      return r.body().string();
    }
  }

  public static void main(String[] args) throws Exception {
    try (Playground p = Playground.start()) {
      OkHttpClient http = client(p.privateLink(), new OkHttpClient.Builder()
          .sslSocketFactory(p.server().clientContext().getSocketFactory(), p.server().trustManager()));
      System.out.println(get(http, p.url("/orders/1")) + ", connections by zone " + p.connectionsByZone());
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
