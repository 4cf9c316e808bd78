package dev.vpce.http;

import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

class OkHttpIT extends HttpAdapterContract {
  OkHttpClient http;

  @Override
  void startClient() {
    http = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink)
        .connectTimeout(CONNECT_TIMEOUT)
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
