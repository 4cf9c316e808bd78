package dev.vpce.http;

import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdkClientIT extends HttpAdapterContract {
  PrivateLinkConnectProxy proxy;
  HttpClient http;

  @Test
  void aBlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout() throws Exception {
    assertABlackholedLocalZoneCostsTheAdaptiveDeadlineNotTheConnectTimeout();
  }

  @Override
  void startClient() throws Exception {
    start(CONNECT_TIMEOUT);
  }

  /** The proxy's connect timeout is the caller's timeout here: the JDK client only connects to the proxy. */
  @Override
  void restartClient(Duration connectTimeout) throws Exception {
    stopClient();
    start(connectTimeout);
  }

  private void start(Duration connectTimeout) throws Exception {
    proxy = PrivateLinkConnectProxy.builder(privateLink).connectTimeout(connectTimeout)
        .allowedPorts(endpoint.port()).start();
    http = HttpClient.newBuilder().proxy(proxy.proxySelector()).sslContext(tls.clientContext())
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  void stopClient() {
    proxy.close();
  }

  @Override
  int get(String host, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + endpoint.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
