package dev.vpce.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.TlsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plain-Java examples: each client served by the local zone, and by another when the local zone refuses. */
class PlainJavaExamplesIT {
  static final String HOST = Playground.HOST;

  @RegisterExtension
  static final LocalPrivateLinkExtension KIT = new LocalPrivateLinkExtension();

  static final TlsServer SERVER = TlsServer.start(HOST);

  LocalPrivateLink kit;
  PrivateLink privateLink;
  URI url;

  @BeforeAll
  static void target() {
    KIT.get().endpoint().target(SERVER.address());
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @BeforeEach
  void bind(LocalPrivateLink kit) {
    this.kit = kit;
    this.privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build();
    this.url = URI.create("https://" + HOST + ":" + kit.endpoint().port() + "/orders/1");
  }

  @AfterEach
  void close() {
    privateLink.close();
  }

  int otherZones() {
    return kit.endpoint().zone("us-east-1b").connections() + kit.endpoint().zone("us-east-1c").connections();
  }

  @Test
  void httpClient5UsesTheLocalZoneThenFallsBack() throws Exception {
    try (CloseableHttpClient http = HttpClient5Example.client(privateLink, SERVER.clientContext())) {
      assertThat(HttpClient5Example.get(http, url)).isEqualTo("served /orders/1");
      assertThat(kit.endpoint().zone("us-east-1a").connections()).isEqualTo(1);
    }
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    try (CloseableHttpClient http = HttpClient5Example.client(privateLink, SERVER.clientContext())) {
      assertThat(HttpClient5Example.get(http, url)).isEqualTo("served /orders/1");
      assertThat(otherZones()).isEqualTo(1);
    }
  }

  @Test
  void okHttpUsesTheLocalZoneThenFallsBack() throws Exception {
    OkHttpClient.Builder own = new OkHttpClient.Builder()
        .sslSocketFactory(SERVER.clientContext().getSocketFactory(), SERVER.trustManager());
    OkHttpClient http = OkHttpExample.client(privateLink, own);
    assertThat(OkHttpExample.get(http, url)).isEqualTo("served /orders/1");
    assertThat(kit.endpoint().zone("us-east-1a").connections()).isEqualTo(1);
    http.connectionPool().evictAll();
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    assertThat(OkHttpExample.get(http, url)).isEqualTo("served /orders/1");
    assertThat(otherZones()).isEqualTo(1);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void jdkClientUsesTheLocalZoneThenFallsBack() throws Exception {
    try (PrivateLinkConnectProxy proxy = JdkHttpClientExample.proxy(privateLink, url.getPort())) {
      assertThat(JdkHttpClientExample.get(JdkHttpClientExample.client(proxy, SERVER.clientContext()), url))
          .isEqualTo("served /orders/1");
      assertThat(kit.endpoint().zone("us-east-1a").connections()).isEqualTo(1);
      kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
      assertThat(JdkHttpClientExample.get(JdkHttpClientExample.client(proxy, SERVER.clientContext()), url))
          .isEqualTo("served /orders/1");
      assertThat(otherZones()).isEqualTo(1);
    }
  }

  @Test
  void everyExampleRunsOnItsOwn() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      HttpClient5Example.main(new String[0]);
      OkHttpExample.main(new String[0]);
      JdkHttpClientExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertThat(printed.split("served /orders/1, connections by zone \\{us-east-1a=1, us-east-1b=0, us-east-1c=0}",
        -1)).hasSize(4);
  }
}
