package dev.vpce.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.Endpoint;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** How the JDBC layer names the zone of an address it tried. */
class EngineShimTest {
  @Test
  void anEniHoldsItsIpv4AndItsCompressedIpv6AddressWhateverTheJdkFormat() throws Exception {
    Endpoint.Eni eni = new Endpoint.Eni("eni-0123456789abcdef0", "10.0.1.17", "us-east-1a", "use1-az6",
        "2600:1f18:4a3:6902::1a");
    assertThat(EngineShim.hasAddress(eni, InetAddress.getByName("10.0.1.17"))).isTrue();
    assertThat(EngineShim.hasAddress(eni, InetAddress.getByName("2600:1f18:4a3:6902:0:0:0:1a"))).isTrue();
    assertThat(EngineShim.hasAddress(eni, InetAddress.getByName("2600:1f18:4a3:6902::1b"))).isFalse();
    assertThat(EngineShim.hasAddress(eni, InetAddress.getByName("10.0.1.18"))).isFalse();
    Endpoint.Eni ipv4Only = new Endpoint.Eni("eni-0123456789abcdef1", "10.0.2.40", "us-east-1b", "use1-az1");
    assertThat(EngineShim.hasAddress(ipv4Only, InetAddress.getByName("2600:1f18:4a3:6902::1a"))).isFalse();
  }
}
