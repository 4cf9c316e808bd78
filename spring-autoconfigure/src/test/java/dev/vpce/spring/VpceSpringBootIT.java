package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vpce.PrivateLink;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A whole Boot application with the starter, configured only through properties: Boot's RestClient (Apache
 * HttpClient 5) and WebClient (Reactor Netty) reach {@code orders.internal.example.com} over TLS through the
 * kit's zone fronts, with Boot's SSL bundle trusting the kit's CA.
 */
@SpringBootTest(classes = VpceSpringBootIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class VpceSpringBootIT {
  static LocalPrivateLink kit;
  static TlsServer tls;

  @SpringBootConfiguration
  @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
  static class App {} // HTTP only: VpceDataSourceJdbcIT has the DataSource

  @DynamicPropertySource
  static void vpce(DynamicPropertyRegistry registry) throws Exception {
    tls = new TlsServer(Props.HOST);
    kit = LocalPrivateLink.defaults().build();
    kit.endpoint().target(tls.address());
    for (String p : Props.kitBinding(kit)) {
      int eq = p.indexOf('=');
      registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
    }
    registry.add("vpce.breaker.open-wait", () -> "300ms");
    registry.add("spring.ssl.bundle.pem.kit.truststore.certificate", () -> Pem.trustedCa(tls));
    registry.add("spring.http.clients.ssl.bundle", () -> "kit");
    registry.add("spring.http.clients.connect-timeout", () -> "1s");
  }

  @AfterAll
  static void stopKit() {
    kit.close();
    tls.close();
  }

  @Autowired
  RestClient.Builder restClients;
  @Autowired
  WebClient.Builder webClients;
  @Autowired
  VpceHealthIndicator health;
  @Autowired
  PrivateLink privateLink;

  EmulatedEndpoint endpoint;
  RestClient rest;
  WebClient web;

  @BeforeEach
  void clients() {
    kit.reset();
    endpoint = kit.endpoint().target(tls.address());
    tls.clearSeen();
    rest = restClients.baseUrl(url()).build();
    web = webClients.baseUrl(url()).build();
    await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(breakerOfZoneA()) || breakerOfZoneA() == null);
  }

  String url() {
    return "https://" + Props.HOST + ":" + kit.endpoint().port();
  }

  String restGet() {
    return rest.get().uri("/close").retrieve().body(String.class);
  }

  String webGet() {
    return web.get().uri("/close").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
  }

  int connections(String zone) {
    return endpoint.zone(zone).connections();
  }

  VpceStatus.BindingStatus detail() {
    return (VpceStatus.BindingStatus) health.health(true).getDetails().get(Props.HOST);
  }

  String zoneA() {
    return endpoint.zone("us-east-1a").ip().getHostAddress() + ":" + endpoint.port();
  }

  String breakerOfZoneA() {
    dev.vpce.BreakerState state =
        privateLink.breakerStates().get(new java.net.InetSocketAddress(endpoint.zone("us-east-1a").ip(), endpoint.port()));
    return state == null ? null : state.name();
  }

  @Test
  void restClientAndWebClientGoToTheLocalZoneWithTlsOnTheHostname() {
    for (int i = 0; i < 4; i++) {
      assertThat(restGet()).isEqualTo("served /close");
      assertThat(webGet()).isEqualTo("served /close");
    }
    assertThat(connections("us-east-1a")).isEqualTo(8);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isZero();
    assertThat(tls.seen()).hasSize(8).allSatisfy(s -> {
      assertThat(s.sni()).isEqualTo(Props.HOST);
      assertThat(s.host()).startsWith(Props.HOST);
    });
    assertThat(health.health(true).getStatus().getCode()).isEqualTo("UP");
    assertThat(detail().tier()).isEqualTo("LOCAL_ZONE");
    assertThat(detail().localZone()).isEqualTo("us-east-1a");
    VpceStatus.PlacementStatus placement = (VpceStatus.PlacementStatus) health.health(true).getDetails().get("placement");
    assertThat(placement.zoneName()).isEqualTo("us-east-1a");
    assertThat(placement.source()).isEqualTo("explicit");
  }

  @Test
  void aFailedZoneCostsNoRequestTheHealthShowsItAndTrafficReturnsAfterRecovery() {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    int failed = 0;
    for (int i = 0; i < 5; i++) {
      for (String body : new String[] {webGet(), restGet()}) {
        failed += "served /close".equals(body) ? 0 : 1;
      }
    }
    assertThat(failed).as("requests that failed while the local zone refused").isZero();
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isEqualTo(10);
    assertThat(breakerOfZoneA()).as("WebClient's refused connects opened the zone's breaker").isEqualTo("OPEN");
    assertThat(health.health(true).getStatus().getCode()).as("every binding still has a route").isEqualTo("UP");
    assertThat(detail().tier()).isNotEqualTo("LOCAL_ZONE");
    assertThat(detail().breakers()).containsEntry(zoneA(), "OPEN");
    assertThat(detail().addresses()).endsWith(endpoint.zone("us-east-1a").ip().getHostAddress());

    endpoint.zone("us-east-1a").mode(BackendMode.HEALTHY);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      webGet();
      return "CLOSED".equals(breakerOfZoneA());
    });
    int before = connections("us-east-1a");
    for (int i = 0; i < 3; i++) {
      assertThat(restGet()).isEqualTo("served /close");
      assertThat(webGet()).isEqualTo("served /close");
    }
    assertThat(connections("us-east-1a")).isEqualTo(before + 6);
    assertThat(detail().tier()).isEqualTo("LOCAL_ZONE");
    assertThat(detail().breakers()).containsEntry(zoneA(), "CLOSED");
  }
}
