package dev.vpce.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code vpce} health indicator (spring-boot-health) and Actuator endpoint (spring-boot-actuator). Each
 * sits one class deeper than its {@code @ConditionalOnClass} guard: Spring loads every condition class of a
 * configuration class before evaluating any, so a condition from an absent module must not share a class with
 * the guard that checks for the module.
 */
@AutoConfiguration(after = VpceAutoConfiguration.class)
@ConditionalOnBean(VpceStatusReader.class)
public class VpceActuatorAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceActuatorAutoConfiguration() {}

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
