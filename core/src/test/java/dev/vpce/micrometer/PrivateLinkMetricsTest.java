package dev.vpce.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.Binding;
import dev.vpce.EndpointUnavailableException;
import dev.vpce.FakeDiscovery;
import dev.vpce.FakeNameResolver;
import dev.vpce.MutableClock;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.discovery.DiscoveryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrivateLinkMetricsTest {
  static final String HOST = "orders.internal.example.com";
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
  static final String ZONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  @Test
  void publishesRoutesByTierBreakerStatesAndRefreshFailures() throws Exception {
    FakeNameResolver dns = new FakeNameResolver()
        .answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.1", "127.0.1.2")
        .answer(ZONAL, Duration.ofSeconds(60), "127.0.1.1");
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(REGIONAL).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(dns)
        .build()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new PrivateLinkMetrics(pl).bindTo(registry);
      pl.resolve(HOST);
      pl.resolve(HOST);
      for (int i = 0; i < 3; i++) {
        pl.connectFailed(new InetSocketAddress(FakeNameResolver.ip("127.0.1.1"), 443),
            new ConnectException("refused"));
      }
      pl.connectSucceeded(new InetSocketAddress(FakeNameResolver.ip("127.0.1.2"), 443), Duration.ofMillis(1));
      pl.resolve(HOST);

      assertThat(registry.get("vpce.routes").tags("binding", HOST, "tier", "local_zone").functionCounter().count())
          .isEqualTo(2);
      assertThat(registry.get("vpce.routes").tags("binding", HOST, "tier", "regional").functionCounter().count())
          .isEqualTo(1);
      assertThat(registry.get("vpce.breakers").tags("state", "open").gauge().value()).isEqualTo(1);
      assertThat(registry.get("vpce.breakers").tags("state", "closed").gauge().value()).isEqualTo(1);
      assertThat(registry.get("vpce.refresh.failures").functionCounter().count()).isZero();
    }
  }

  @Test
  void publishesBindingsByStateStaleNamesAndRefreshFailuresByBindingAndKind() throws Exception {
    String billing = "billing.internal.example.com";
    MutableClock clock = new MutableClock();
    FakeNameResolver dns = new FakeNameResolver()
        .answer(REGIONAL, Duration.ofSeconds(60), "127.0.1.1", "127.0.1.2")
        .answer(ZONAL, Duration.ofSeconds(60), "127.0.1.1");
    FakeDiscovery discovery = new FakeDiscovery().fail(new DiscoveryException(DiscoveryException.Reason.ACCESS_DENIED,
        "not authorized to perform ec2:DescribeVpcEndpoints", null));
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(REGIONAL).zonalDnsName("us-east-1a", ZONAL).build())
        .bind(billing, "com.amazonaws.vpce.us-east-1.vpce-svc-0b0b0b0b0b0b0b0b0")
        .placement(Placement.ofZoneName("us-east-1a"))
        .discovery(discovery)
        .nameResolver(dns)
        .clock(clock)
        .build()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new PrivateLinkMetrics(pl).bindTo(registry);
      pl.resolve(HOST);
      assertThatThrownBy(() -> pl.resolve(billing)).isInstanceOf(EndpointUnavailableException.class);

      assertThat(registry.get("vpce.bindings").tags("state", "routed").gauge().value()).isEqualTo(1);
      assertThat(registry.get("vpce.bindings").tags("state", "starting").gauge().value()).isEqualTo(1);
      assertThat(registry.get("vpce.bindings").tags("state", "failed").gauge().value()).isZero();
      assertThat(registry.get("vpce.bindings").tags("state", "closed").gauge().value()).isZero();
      assertThat(registry.get("vpce.binding.refresh.failures").tags("binding", billing, "kind", "start_up")
          .functionCounter().count()).isPositive();
      assertThat(registry.get("vpce.binding.refresh.failures").tags("binding", billing, "kind", "endpoint")
          .functionCounter().count()).isZero();
      assertThat(registry.get("vpce.binding.refresh.failures").tags("binding", HOST, "kind", "start_up")
          .functionCounter().count()).isZero();
      assertThat(registry.get("vpce.binding.refresh.failures").tags("binding", HOST, "kind", "dns")
          .functionCounter().count()).isZero();
      assertThat(registry.get("vpce.dns.stale").gauge().value()).isZero();

      clock.advance(Duration.ofSeconds(61)); // both answers past their 60 s TTL: no refresh has landed yet
      assertThat(registry.get("vpce.dns.stale").gauge().value()).isEqualTo(2);
    }
  }
}
