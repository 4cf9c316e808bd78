package dev.vpce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.http.hc5.PrivateLinkDnsResolver;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hosts without a binding resolve exactly as they would without vpce, in every adapter. */
class UnboundHostsIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  @Test
  void everyAdapterLeavesUnboundHostsToTheSystem(LocalPrivateLink kit) throws Exception {
    InetAddress[] system = InetAddress.getAllByName("localhost");
    try (PrivateLink pl = HttpAdapterContract.boundTo(kit, HOST).build(); PrivateLinkConnectProxy proxy = PrivateLinkConnectProxy.start(pl)) {
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
