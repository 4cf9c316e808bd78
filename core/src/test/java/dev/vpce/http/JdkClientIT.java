package dev.vpce.http;

import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

class JdkClientIT extends HttpAdapterContract {
  PrivateLinkConnectProxy proxy;
  HttpClient http;

  @Override
  void startClient() throws Exception {
    proxy = PrivateLinkConnectProxy.builder(privateLink).connectTimeout(CONNECT_TIMEOUT)
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
