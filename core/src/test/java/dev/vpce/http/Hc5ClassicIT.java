package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

class Hc5ClassicIT extends HttpAdapterContract {
  @Test
  void runsAgainstTheHttpClientVersionTheBuildNames() {
    String expected = System.getProperty("vpce.test.httpclient5.version");
    assertThat(expected).as("set by the build for each run").isNotBlank();
    assertThat(HttpClients.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("httpclient5-" + expected + ".jar");
  }

  @Test
  void aBlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout() throws Exception {
    assertABlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout();
  }

  CloseableHttpClient http;

  @Override
  void startClient() {
    http = client(CONNECT_TIMEOUT);
  }

  @Override
  void restartClient(Duration connectTimeout) throws Exception {
    http.close();
    http = client(connectTimeout);
  }

  CloseableHttpClient client(Duration connectTimeout) {
    return PrivateLinkHttpClient5.builder(privateLink).connectTimeout(connectTimeout).sslContext(tls.clientContext())
        .build();
  }

  @Override
  void stopClient() throws Exception {
    http.close();
  }

  @Override
  int get(String host, String path) throws Exception {
    return http.execute(new HttpGet("https://" + host + ":" + endpoint.port() + path), response -> {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    });
  }
}
