package dev.vpce.spring;

import dev.vpce.PrivateLink;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Routes the Apache HttpClient 5 that Boot builds for {@code RestClient.Builder} and {@code RestTemplateBuilder}:
 * sets a resolver that returns vpce's route on Boot's own connection manager, so Boot's timeouts, SSL bundle,
 * redirects and every other customizer stay as they are. HttpClient tries the route's addresses in order,
 * moving on after a failed TCP connect or TLS handshake, with Boot's connect timeout for each address.
 *
 * <p>Boot's builder creates the connection manager itself, so connect outcomes are not reported to vpce's
 * breakers on this path (that needs HttpClient's internal socket factory; see {@code PrivateLinkHttpClient5}),
 * and the resolver reads the route without taking breaker trials. Breakers fed by other clients of the same
 * {@code PrivateLink} (WebClient, the JDK client's proxy) still reorder this client's routes.
 */
public class VpceHttpComponentsCustomizer
    implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {
  private final PrivateLink privateLink;

  /** @param privateLink the {@code PrivateLink} whose routes the client's resolver returns */
  public VpceHttpComponentsCustomizer(PrivateLink privateLink) {
    this.privateLink = privateLink; // HttpClient's classes load when a client is built, not with this bean
  }

  @Override
  public HttpComponentsClientHttpRequestFactoryBuilder customize(HttpComponentsClientHttpRequestFactoryBuilder builder) {
    return builder.withConnectionManagerCustomizer(cm -> cm.setDnsResolver(new VpceRouteDnsResolver(privateLink)));
  }
}
