package dev.vpce.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorOptionsTest {
  static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

  @Test
  void defaultsForADiscoveredBinding() throws Exception {
    DoctorOptions o = DoctorOptions.parse(List.of("--host", "Orders.Example.com", "--service", SERVICE));
    assertThat(o.host()).isEqualTo("orders.example.com");
    assertThat(o.isStatic()).isFalse();
    assertThat(o.port()).isEqualTo(443);
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.dnsServers()).isEmpty();
    assertThat(o.tls()).isFalse();
    assertThat(o.json()).isFalse();
  }

  @Test
  void parsesDurationsDnsServersAndZonalNames() throws Exception {
    DoctorOptions o = DoctorOptions.parse(List.of("--host", "orders.example.com", "--regional-dns-name",
        "vpce-1-a.vpce-svc-1.us-east-1.vpce.amazonaws.com", "--zonal", "use1-az6=z.example.com",
        "--dns-server", "127.0.0.1:5353", "--dns-server", "[::1]", "--connect-timeout", "250ms",
        "--placement-timeout", "PT3S", "--startup-timeout", "1m", "--zone-id", "use1-az6"));
    assertThat(o.isStatic()).isTrue();
    assertThat(o.zonalDnsNames()).isEqualTo(Map.of("use1-az6", "z.example.com"));
    assertThat(o.dnsServers()).extracting(InetSocketAddress::getPort).containsExactly(5353, 53);
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.placementTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.startupTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.zoneId()).isEqualTo("use1-az6");
  }

  @Test
  void rejectsBadValuesNamingTheOptionAndTheValue() {
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--port", "70000"))).hasMessage("--port must be a port number from 1 to 65535, but was '70000'");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--dns-server", "dns.example.com"))).hasMessageContaining("--dns-server must be an IP address")
        .hasMessageContaining("'dns.example.com'");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--zone", "use1-az6"))).hasMessage("--zone must be an AZ name such as us-east-1a, but was 'use1-az6'");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--ec2-endpoint", "ec2"))).hasMessageContaining("--ec2-endpoint must be an absolute URI");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--zonal", "us-east-1a=x.example.com"))).hasMessageContaining("--zonal is for static bindings");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--region", "us-east-1", "--region", "us-west-2"))).hasMessage("--region was given twice; give it once");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host"))).hasMessage("--host needs a value");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--hots", "h"))).hasMessage("unknown option '--hots'; "
        + "see --help");
    assertThatThrownBy(() -> DoctorOptions.parse(List.of("--host", "h.example.com", "--service", SERVICE,
        "--connect-timeout", "0s"))).hasMessageContaining("positive duration").hasMessageContaining("'0s'");
  }
}
