package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.Binding;
import dev.vpce.FakeNameResolver;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code PrivateLinkOkHttp.configure} keeps from the application's builder, and what it defaults. */
class OkHttpConfigureTest {
  static final String HOST = "orders.internal.example.com";
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  final PrivateLink privateLink = PrivateLink.builder()
      .bind(Binding.builder(HOST).regionalDnsName(REGIONAL).build())
      .placement(Placement.UNKNOWN)
      .nameResolver(new FakeNameResolver().answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.1"))
      .build();

  @AfterEach
  void close() {
    privateLink.close();
  }

  @Test
  void keepsThePoolAndConnectTimeoutTheApplicationSet() {
    ConnectionPool own = new ConnectionPool(20, 5, TimeUnit.MINUTES);
    OkHttpClient client = PrivateLinkOkHttp.configure(new OkHttpClient.Builder()
        .connectionPool(own).connectTimeout(Duration.ofSeconds(5)), privateLink).build();
    assertThat(client.connectionPool()).isSameAs(own);
    assertThat(client.connectTimeoutMillis()).isEqualTo(5_000);
    assertThat(client.fastFallback()).isFalse();
  }

  @Test
  void setsItsDefaultsWhereNothingWasSet() {
    OkHttpClient client = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink).build();
    assertThat(client.connectTimeoutMillis()).isEqualTo(2_000);
    assertThat(client.connectionPool()).isNotNull();
    assertThat(client.socketFactory()).isNotSameAs(SocketFactory.getDefault());
  }

  @Test
  void keepsAnEventListenerAndASocketFactoryTheApplicationSet() {
    java.util.List<String> heard = new java.util.ArrayList<>();
    EventListener own = new EventListener() {
      @Override
      public void callStart(okhttp3.Call call) {
        heard.add("callStart");
      }
    };
    SocketFactory sockets = new SocketFactory() {
      @Override
      public java.net.Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.net.Socket createSocket(java.net.InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local,
          int localPort) {
        throw new UnsupportedOperationException();
      }
    };
    OkHttpClient client = PrivateLinkOkHttp.configure(new OkHttpClient.Builder().eventListener(own)
        .socketFactory(sockets), privateLink).build();
    assertThat(client.socketFactory()).isSameAs(sockets);
    okhttp3.Call call = client.newCall(new okhttp3.Request.Builder().url("https://" + HOST + "/").build());
    client.eventListenerFactory().create(call).callStart(call);
    assertThat(heard).containsExactly("callStart");
  }
}
