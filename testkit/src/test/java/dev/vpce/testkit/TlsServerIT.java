package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TlsServerIT {
  @Test
  void startNeedsNoCheckedExceptionAndServesTheHostnameOverVerifiedTls() throws Exception {
    try (TlsServer tls = TlsServer.start("localhost")) {
      HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + tls.address().getPort() + "/hello")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("served /hello");
      assertThat(tls.seen()).extracting(TlsServer.Seen::host).containsExactly("localhost:" + tls.address().getPort());
    }
  }

  @Test
  void startRejectsANameThatIsNotAHostname() {
    assertThatThrownBy(() -> TlsServer.start("not a host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hostname must be a DNS name").hasMessageContaining("'not a host'");
    assertThatThrownBy(() -> TlsServer.start(null)).hasMessageContaining("hostname");
  }
}
