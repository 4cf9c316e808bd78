package dev.vpce.spring;

import dev.vpce.PrivateLink;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes the HTTP clients Boot builds (spring-boot-http-client): Apache HttpClient 5 and the JDK client for
 * {@code RestClient}/{@code RestTemplate}, Reactor Netty for {@code WebClient}. Each customizer applies only to
 * the client builder of its type, so only the client Boot picked is touched.
 */
@AutoConfiguration(after = VpceAutoConfiguration.class)
@ConditionalOnBean(PrivateLink.class)
public class VpceHttpClientAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceHttpClientAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.apache.hc.client5.http.DnsResolver",
      "org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder",
      "org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer"})
  static class HttpComponents {
    @Bean
    @ConditionalOnMissingBean
    VpceHttpComponentsCustomizer vpceHttpComponentsCustomizer(PrivateLink privateLink) {
      return new VpceHttpComponentsCustomizer(privateLink);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"java.net.http.HttpClient",
      "org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder",
      "org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer"})
  static class Jdk {
    @Bean
    @ConditionalOnMissingBean
    VpceJdkClientCustomizer vpceJdkClientCustomizer(PrivateLink privateLink, VpceProperties properties) {
      return new VpceJdkClientCustomizer(privateLink, properties.http().connectTimeout(),
          properties.http().proxyPorts());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"reactor.netty.http.client.HttpClient", "reactor.core.scheduler.Schedulers",
      "org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder",
      "org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer"})
  static class ReactorNetty {
    @Bean
    @ConditionalOnMissingBean
    VpceReactorNettyCustomizer vpceReactorNettyCustomizer(PrivateLink privateLink) {
      return new VpceReactorNettyCustomizer(privateLink);
    }
  }
}
