package dev.vpce.spring;

import dev.vpce.PrivateLink;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the context's {@link PrivateLink} (vpce's own or the application's) to work in the rest of the
 * application: registered for JDBC, read for health and the endpoint, and in every client Boot builds. Off with
 * {@code vpce.enabled=false}, like every vpce bean. Each part backs off when its library is missing, and each but
 * the HikariCP post-processor when the application has a bean of the same type (the health indicator: of the
 * same name); a pool whose {@code socketFactory} data source property is set is left as it is.
 * <ul>
 *   <li>JDBC: {@code jdbc:vpce:} URLs and socket factories in this JVM use the {@code PrivateLink}
 *       ({@link VpceJdbcRegistration}); HikariCP {@code DataSource}s whose JDBC URL host is bound route
 *       zonal-first with pool fail-back ({@link VpceHikariPostProcessor}).</li>
 *   <li>HTTP (spring-boot-http-client): Apache HttpClient 5 and the JDK client for {@code RestClient} and
 *       {@code RestTemplate}, Reactor Netty for {@code WebClient}. Each customizer applies only to the client
 *       builder of its type, so only the client Boot picked is touched.</li>
 *   <li>The {@code vpce} health indicator (spring-boot-health) and Actuator endpoint (spring-boot-actuator),
 *       both through the one {@link VpceStatusReader}.</li>
 * </ul>
 *
 * <p>As few configuration classes and conditions as the guards allow, because each costs every application's
 * start-up: Spring parses, registers, creates and introspects each configuration class, and each
 * {@code @ConditionalOnBean} scans every bean definition. So the parts share this class's one
 * {@code @ConditionalOnBean(PrivateLink.class)}, and a library is checked on the {@code @Bean} method where the
 * method's signature allows (its classes load without the library). The health indicator and the endpoint each
 * sit one class deeper than their {@code @ConditionalOnClass} guard: Spring loads every condition class of a
 * configuration class before evaluating any (a {@code FilteredClassLoader} in a test shows it), so a condition
 * from an absent module must not share a class with the guard that checks for the module.
 */
@AutoConfiguration(after = VpceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "vpce", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(PrivateLink.class)
public class VpceIntegrationAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceIntegrationAutoConfiguration() {}

  /**
   * Registers the {@code PrivateLink} for JDBC ({@code jdbc:vpce:} URLs and socket factories in this JVM), and
   * unregisters it before it closes.
   *
   * @param privateLink the context's {@code PrivateLink}
   * @return the registration, undone when the context closes
   */
  @Bean
  @ConditionalOnMissingBean
  public VpceJdbcRegistration vpceJdbcRegistration(PrivateLink privateLink) {
    return new VpceJdbcRegistration(privateLink);
  }

  /**
   * Every read of vpce's state for health and the endpoint goes through this one bean.
   *
   * @param privateLink the context's {@code PrivateLink}
   * @return the reader of its {@code status()}
   */
  @Bean
  @ConditionalOnMissingBean
  public VpceStatusReader vpceStatusReader(PrivateLink privateLink) {
    return new VpceStatusReader(privateLink);
  }

  /**
   * Static: a post-processor is created before other beans, and must not pull the {@code PrivateLink} early.
   * Guarded on the method: its return type's signatures name no HikariCP type.
   *
   * @param privateLink the context's {@code PrivateLink}, looked up when a {@code DataSource} bean is made
   * @return the post-processor that routes HikariCP pools whose JDBC URL host is bound
   */
  @Bean
  @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
  static VpceHikariPostProcessor vpceHikariPostProcessor(ObjectProvider<PrivateLink> privateLink) {
    return new VpceHikariPostProcessor(privateLink);
  }

  /**
   * The customizers, each guarded on its method by the client library it routes. This class's guard is Boot's
   * HTTP client module, where the customizers' interfaces live: without it their classes could not be loaded.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {
      "org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer",
      "org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer"})
  static class HttpClients {
    @Bean
    @ConditionalOnClass(name = {"org.apache.hc.client5.http.DnsResolver",
        "org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder"})
    @ConditionalOnMissingBean
    VpceHttpComponentsCustomizer vpceHttpComponentsCustomizer(PrivateLink privateLink) {
      return new VpceHttpComponentsCustomizer(privateLink);
    }

    @Bean
    @ConditionalOnClass(name = {"java.net.http.HttpClient",
        "org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder"})
    @ConditionalOnMissingBean
    VpceJdkClientCustomizer vpceJdkClientCustomizer(PrivateLink privateLink, VpceProperties properties) {
      return new VpceJdkClientCustomizer(privateLink, properties.http().connectTimeout(),
          properties.http().proxyPorts());
    }

    @Bean
    @ConditionalOnClass(name = {"reactor.netty.http.client.HttpClient", "reactor.core.scheduler.Schedulers",
        "org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder"})
    @ConditionalOnMissingBean
    VpceReactorNettyCustomizer vpceReactorNettyCustomizer(PrivateLink privateLink) {
      return new VpceReactorNettyCustomizer(privateLink);
    }
  }

  /** One class deeper than its guard: see the class comment. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator")
  static class HealthPresent {
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("vpce")
    static class Health {
      @Bean
      @ConditionalOnMissingBean(name = "vpceHealthIndicator")
      VpceHealthIndicator vpceHealthIndicator(VpceStatusReader status) {
        return new VpceHealthIndicator(status);
      }
    }
  }

  /** One class deeper than its guard: see the class comment. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
  static class ActuatorPresent {
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(VpceEndpoint.class)
    static class Endpoint {
      @Bean
      @ConditionalOnMissingBean
      VpceEndpoint vpceEndpoint(VpceStatusReader status) {
        return new VpceEndpoint(status);
      }
    }
  }
}
