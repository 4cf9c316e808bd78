package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import dev.vpce.testkit.BackendMode;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class OkHttpIT extends HttpAdapterContract {
  @Test
  void withFastFallbackOnARaceLoserDoesNotCountAgainstTheZone() throws Exception {
    OkHttpClient racing = http.newBuilder().fastFallback(true).build();
    endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    for (int i = 0; i < 4; i++) {
      try (Response r = racing.newCall(new Request.Builder()
          .url("https://" + HOST + ":" + endpoint.port() + "/close").build()).execute()) {
        assertThat(r.code()).as("the regional address won the race").isEqualTo(200);
      }
    }
    assertThat(countedFailures).as("the cancelled zonal attempts are not failures").hasValue(0);
    assertThat(privateLink.breakerStates().values()).doesNotContain(dev.vpce.BreakerState.OPEN);
    racing.connectionPool().evictAll();
  }

  @Test
  void aBlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout() throws Exception {
    assertABlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout();
  }

  OkHttpClient http;

  @Override
  void startClient() {
    http = client(CONNECT_TIMEOUT);
  }

  @Override
  void restartClient(Duration connectTimeout) {
    stopClient();
    http = client(connectTimeout);
  }

  OkHttpClient client(Duration connectTimeout) {
    return PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink)
        .connectTimeout(connectTimeout)
        .sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager())
        .build();
  }

  @Override
  void stopClient() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  int get(String host, String path) throws Exception {
    try (Response r = http.newCall(new Request.Builder().url("https://" + host + ":" + endpoint.port() + path)
        .build()).execute()) {
      r.body().bytes();
      return r.code();
    }
  }
}
