package dev.vpce.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.spring.VpceBuilderCustomizer;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The application as it ships, application.yml included, against the kit: the test only says where the
 * kit's EC2 API, DNS server and port are, and trusts the kit's CA. Everything vpce does comes from the
 * starter and application.yml.
 */
@SpringBootTest(classes = OrdersApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@Import(OrdersApplicationIT.KitWiring.class)
class OrdersApplicationIT {
  static final String HOST = "orders.internal.example.com";
  static LocalPrivateLink kit;
  static TlsServer server;

  @DynamicPropertySource
  static void kit(DynamicPropertyRegistry registry) throws Exception {
    if (kit == null) { // one kit for the class; each test gets a fresh application (and connection pool)
      server = new TlsServer(HOST);
      kit = LocalPrivateLink.defaults().build(); // its endpoint is application.yml's service
      kit.endpoint().target(server.address());
    }
    registry.add("orders.base-url", () -> "https://" + HOST + ":" + kit.endpoint().port());
    registry.add("vpce.dns.servers", () -> "127.0.0.1:" + kit.dns().address().getPort());
    registry.add("spring.ssl.bundle.pem.kit.truststore.certificate", () -> pem(server));
    registry.add("spring.http.clients.ssl.bundle", () -> "kit");
    registry.add("spring.http.clients.connect-timeout", () -> "1s");
  }

  /** What has no property: the EC2 API and the placement of a machine that is not on AWS. */
  @TestConfiguration
  static class KitWiring {
    @Bean
    VpceBuilderCustomizer kitEc2AndPlacement() {
      return b -> b.region(kit.region())
          .ec2Endpoint(kit.ec2().endpoint())
          .ec2Credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              kit.callerAccount().accessKeyId(), kit.callerAccount().secretAccessKey())))
          .placement(LocalPrivateLinks.placement(kit, kit.callerAccount()))
          .startupTimeout(LocalPrivateLinks.STARTUP_TIMEOUT);
    }
  }

  @AfterAll
  static void stop() {
    if (kit != null) {
      kit.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Autowired
  OrdersService orders;

  @BeforeEach
  void healthy() {
    kit.endpoint().fronts().forEach(f -> f.mode(BackendMode.HEALTHY));
    server.clearSeen();
  }

  int connections(String zone) {
    return kit.endpoint().zone(zone).connections();
  }

  @Test
  void callsTheServiceThroughTheLocalZoneWithTlsOnTheHostname() {
    int a = connections("us-east-1a");
    int others = connections("us-east-1b") + connections("us-east-1c");

    assertThat(orders.order(1)).isEqualTo("served /orders/1");

    assertThat(connections("us-east-1a")).isGreaterThan(a);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isEqualTo(others);
    assertThat(server.seen()).singleElement().satisfies(s -> {
      assertThat(s.sni()).isEqualTo(HOST);
      assertThat(s.host()).startsWith(HOST);
    });
  }

  @Test
  void aRefusingLocalZoneCostsNoRequest() {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    int others = connections("us-east-1b") + connections("us-east-1c");

    for (int i = 1; i <= 3; i++) {
      assertThat(orders.order(i)).isEqualTo("served /orders/" + i);
    }

    assertThat(connections("us-east-1b") + connections("us-east-1c")).isGreaterThan(others);
  }

  static String pem(TlsServer tls) {
    byte[] der;
    try {
      der = tls.trustManager().getAcceptedIssuers()[0].getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
