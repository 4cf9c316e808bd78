package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.http.hc5.PrivateLinkDnsResolver;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Routes the Apache HttpClient 5 that Boot builds for {@code RestClient.Builder} and {@code RestTemplateBuilder}:
 * sets vpce's {@link PrivateLinkDnsResolver} on Boot's own connection manager, so Boot's timeouts, SSL bundle,
 * redirects and every other customizer stay as they are. HttpClient tries the route's addresses in order,
 * moving on after a failed TCP connect or TLS handshake, with Boot's connect timeout for each address.
 *
 * <p>Boot's builder creates the connection manager itself, so connect outcomes are not reported to vpce's
 * breakers on this path (that needs HttpClient's internal socket factory; see {@code PrivateLinkHttpClient5}).
 */
public class VpceHttpComponentsCustomizer
    implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {
  private final PrivateLinkDnsResolver resolver;

  public VpceHttpComponentsCustomizer(PrivateLink privateLink) {
    this.resolver = new PrivateLinkDnsResolver(privateLink);
  }

  @Override
  public HttpComponentsClientHttpRequestFactoryBuilder customize(HttpComponentsClientHttpRequestFactoryBuilder builder) {
    return builder.withConnectionManagerCustomizer(cm -> cm.setDnsResolver(resolver));
  }
}
