package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.BreakerState;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.testkit.BackendMode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.junit.jupiter.api.Test;

/**
 * The async client runs the whole contract: its wrapped connection operator tries one address at a time and
 * reports every TCP connect and TLS handshake per socket address.
 */
class Hc5AsyncIT extends HttpAdapterContract {
  CloseableHttpAsyncClient http;

  @Test
  void aBlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout() throws Exception {
    assertABlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout();
  }

  @Test
  void movesOnAfterATlsHandshakeFailureAndCountsIt() throws Exception {
    endpoint.zone("us-east-1a").mode(BackendMode.RESET);
    for (int i = 0; i < 4; i++) {
      assertThat(get(HOST, "/close")).as("served by another zone in the same call").isEqualTo(200);
    }
    assertThat(countedFailures).hasValue(3 + trials.get());
    assertThat(privateLink.breakerStates()).containsEntry(endpoint.zone("us-east-1a").address(), BreakerState.OPEN);
  }

  @Override
  void startClient() {
    http = client(CONNECT_TIMEOUT);
  }

  @Override
  void restartClient(Duration connectTimeout) throws Exception {
    http.close();
    http = client(connectTimeout);
  }

  CloseableHttpAsyncClient client(Duration connectTimeout) {
    CloseableHttpAsyncClient c = PrivateLinkHttpClient5.builder(privateLink).connectTimeout(connectTimeout)
        .sslContext(tls.clientContext()).buildAsync();
    c.start();
    return c;
  }

  @Override
  void stopClient() throws Exception {
    http.close();
  }

  @Override
  int get(String host, String path) throws Exception {
    SimpleHttpRequest request = SimpleRequestBuilder.get("https://" + host + ":" + endpoint.port() + path).build();
    try {
      return http.execute(request, null).get().getCode();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }
}
