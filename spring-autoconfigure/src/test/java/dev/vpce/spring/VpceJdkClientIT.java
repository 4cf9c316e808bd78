package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.TlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

/**
 * Without Apache HttpClient 5 and Reactor Netty, Boot's RestClient runs on the JDK HttpClient, which vpce routes
 * through its loopback CONNECT proxy: TLS end to end on the hostname with Boot's SSL bundle, the local zone
 * first, the next address in the same request when it refuses, and the refused connects fed to the breaker.
 */
class VpceJdkClientIT {
  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());
  static TlsServer tls;

  LocalPrivateLink kit;
  EmulatedEndpoint endpoint;
  ApplicationContextRunner runner;

  @BeforeAll
  static void startTls() throws Exception {
    tls = new TlsServer(Props.HOST);
  }

  @AfterAll
  static void stopTls() {
    tls.close();
  }

  @BeforeEach
  void kit(LocalPrivateLink kit) {
    this.kit = kit;
    this.endpoint = kit.endpoint().target(tls.address());
    tls.clearSeen();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
            ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
            VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.apache.hc.client5", "reactor.netty"))
        .withPropertyValues(Props.kitBinding(kit))
        .withPropertyValues("spring.ssl.bundle.pem.kit.truststore.certificate=" + Pem.trustedCa(tls),
            "spring.http.clients.ssl.bundle=kit", "vpce.http.proxy-ports=" + kit.endpoint().port());
  }

  String get(RestClient rest) {
    return rest.get().uri("https://" + Props.HOST + ":" + endpoint.port() + "/close").retrieve().body(String.class);
  }

  @Test
  void theJdkClientReachesTheLocalZoneThroughTheProxyWithTlsOnTheHostname() {
    runner.run(ctx -> {
      assertThat(ctx.getBean(ClientHttpRequestFactoryBuilder.class)).isInstanceOf(JdkClientHttpRequestFactoryBuilder.class);
      RestClient rest = ctx.getBean(RestClient.Builder.class).build();
      for (int i = 0; i < 3; i++) {
        assertThat(get(rest)).isEqualTo("served /close");
      }
      assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(3);
      assertThat(tls.seen()).hasSize(3).allSatisfy(s -> assertThat(s.sni()).isEqualTo(Props.HOST));
    });
  }

  @Test
  void aRefusingZoneCostsNoRequestAndOpensItsBreaker() {
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    runner.run(ctx -> {
      RestClient rest = ctx.getBean(RestClient.Builder.class).build();
      for (int i = 0; i < 5; i++) {
        assertThat(get(rest)).isEqualTo("served /close");
      }
      assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isEqualTo(5);
      assertThat(ctx.getBean(PrivateLink.class).breakerStates()).containsEntry(
          new java.net.InetSocketAddress(endpoint.zone("us-east-1a").ip(), endpoint.port()), dev.vpce.BreakerState.OPEN);
    });
  }
}
