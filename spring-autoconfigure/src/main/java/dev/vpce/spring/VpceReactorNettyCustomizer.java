package dev.vpce.spring;

import dev.vpce.PrivateLink;
import io.netty.resolver.AddressResolverGroup;
import java.net.SocketAddress;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Routes the Reactor Netty clients that Boot builds: for {@code WebClient.Builder} (the connector), and for
 * {@code RestClient}/{@code RestTemplate} when Reactor Netty is Boot's pick there (no Apache HttpClient 5 or Jetty
 * on the classpath). Puts a {@link VpceAddressResolverGroup} in front of the client's own resolver, which keeps
 * resolving unbound hosts; Boot's timeouts, SSL bundle and resources stay as they are. Reactor Netty tries the
 * route's addresses in order, moving on after a failed TCP connect (not after a failed TLS handshake), and a
 * {@link VpceConnectRecorder} (installed with {@code HttpClient.metrics(true, ...)}) reports each connect's outcome
 * to vpce's breakers. An application that installs its own Reactor Netty metrics recorder replaces that one: the
 * breakers are then not fed from this client.
 */
public class VpceReactorNettyCustomizer implements ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>,
    ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> {
  private final PrivateLink privateLink;

  /** @param privateLink the {@code PrivateLink} whose routes the clients follow and whose breakers they feed */
  public VpceReactorNettyCustomizer(PrivateLink privateLink) {
    this.privateLink = privateLink; // Reactor Netty's classes load when a client is built, not with this bean
  }

  @Override
  public ReactorClientHttpConnectorBuilder customize(ReactorClientHttpConnectorBuilder builder) {
    return builder.withHttpClientCustomizer(this::route);
  }

  @Override
  public ReactorClientHttpRequestFactoryBuilder customize(ReactorClientHttpRequestFactoryBuilder builder) {
    return builder.withHttpClientCustomizer(this::route);
  }

  /** The client with vpce's resolver in front of its own, and connect outcomes reported. */
  HttpClient route(HttpClient client) {
    @SuppressWarnings("unchecked")
    AddressResolverGroup<? extends SocketAddress> before =
        (AddressResolverGroup<? extends SocketAddress>) client.configuration().resolver();
    VpceConnectRecorder recorder = new VpceConnectRecorder(privateLink);
    return client.resolver(new VpceAddressResolverGroup(privateLink, before,
            task -> Schedulers.boundedElastic().schedule(task)))
        .metrics(true, () -> recorder);
  }
}
