package dev.vpce.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.Binding;
import dev.vpce.FakeNameResolver;
import dev.vpce.MutableClock;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConnectProxyBuilderTest {
  final PrivateLink privateLink = PrivateLink.builder()
      .placement(Placement.ofZoneName("us-east-1a"))
      .nameResolver(new FakeNameResolver())
      .bind(Binding.builder("orders.internal.example.com")
          .regionalDnsName("vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")
          .build())
      .build();
  final PrivateLinkConnectProxy.Builder builder = PrivateLinkConnectProxy.builder(privateLink);

  @AfterEach
  void close() {
    privateLink.close();
  }

  @Test
  void rejectsAnIdleTimeoutAtOrAbovePrivateLinksOwn() {
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ofSeconds(350)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be below PrivateLink's idle timeout of 350 s, but was PT5M50S");
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ZERO))
        .hasMessage("idleTimeout must be greater than 0, but was PT0S");
  }

  @Test
  void rejectsPortsOutsideTheValidRangeOrNone() {
    assertThatThrownBy(() -> builder.allowedPorts(443, 0))
        .hasMessage("allowedPorts must be ports between 1 and 65535, but has 0");
    assertThatThrownBy(() -> builder.allowedPorts(65_536))
        .hasMessage("allowedPorts must be ports between 1 and 65535, but has 65536");
    assertThatThrownBy(() -> builder.allowedPorts())
        .hasMessage("allowedPorts must name at least one port, but was []");
  }

  @Test
  void rejectsANonPositiveLimitOrTimeout() {
    assertThatThrownBy(() -> builder.maxConnections(0))
        .hasMessage("maxConnections must be at least 1, but was 0");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofMillis(-1)))
        .hasMessage("connectTimeout must be greater than 0, but was PT-0.001S");
    assertThatThrownBy(() -> builder.handshakeTimeout(null))
        .hasMessage("handshakeTimeout must not be null");
    assertThatThrownBy(() -> builder.previousProxySelector(null))
        .hasMessage("previousProxySelector must not be null");
    assertThatThrownBy(() -> PrivateLinkConnectProxy.builder(null))
        .hasMessage("privateLink must not be null");
  }

  @Test
  void aReasonPhraseIsOneLineOfPrintableAsciiAndShortenedWhenLong() {
    assertThat(PrivateLinkConnectProxy.reasonPhrase("line one\r\nline two\u00e9"))
        .isEqualTo("vpce: line one  line two ");
    assertThat(PrivateLinkConnectProxy.reasonPhrase("x".repeat(500))).hasSize(200).endsWith("...");
  }

  @Test
  void warningsRepeatAtMostOncePerIntervalAndKey() {
    MutableClock clock = new MutableClock();
    RateLimitedWarnings w = new RateLimitedWarnings(LoggerFactory.getLogger("dev.vpce.test"), clock,
        Duration.ofMinutes(1));
    assertThat(w.warn("orders 502", "first")).isTrue();
    assertThat(w.warn("orders 502", "again")).isFalse();
    assertThat(w.warn("billing 502", "another host")).isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(w.warn("orders 502", "still within the minute")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(w.warn("orders 502", "a minute later")).isTrue();
  }
}
