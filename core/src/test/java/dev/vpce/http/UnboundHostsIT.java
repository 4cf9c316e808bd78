package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.http.hc5.PrivateLinkDnsResolver;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hosts without a binding resolve exactly as they would without vpce, in every adapter. */
class UnboundHostsIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  PrivateLink start(LocalPrivateLink kit) {
    return PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.dnsjava(List.of(kit.dns().address()), Duration.ofMillis(500)))
        .build();
  }

  @Test
  void everyAdapterLeavesUnboundHostsToTheSystem(LocalPrivateLink kit) throws Exception {
    InetAddress[] system = InetAddress.getAllByName("localhost");
    try (PrivateLink pl = start(kit); PrivateLinkConnectProxy proxy = PrivateLinkConnectProxy.start(pl)) {
      InetAddress local = kit.endpoint().zone("us-east-1a").ip();

      assertThat(new PrivateLinkDnsResolver(pl).resolve("localhost")).containsExactly(system);
      assertThat(new PrivateLinkDnsResolver(pl).resolve(HOST)[0]).isEqualTo(local);

      assertThat(PrivateLinkOkHttp.dns(pl).lookup("localhost")).containsExactly(system);
      assertThat(PrivateLinkOkHttp.dns(pl).lookup(HOST).get(0)).isEqualTo(local);

      assertThat(proxy.proxySelector().select(URI.create("https://localhost/"))).containsExactly(Proxy.NO_PROXY);
      assertThat(proxy.proxySelector().select(URI.create("https://" + HOST + "/")))
          .extracting(Proxy::address).containsExactly(proxy.address());
    }
  }
}
