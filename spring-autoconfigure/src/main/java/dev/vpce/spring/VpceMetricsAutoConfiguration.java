package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.micrometer.PrivateLinkMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** vpce's Micrometer meters ({@link PrivateLinkMetrics}), bound by Boot to every {@link MeterRegistry}. */
@AutoConfiguration(after = VpceAutoConfiguration.class,
    afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "vpce", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean({PrivateLink.class, MeterRegistry.class})
public class VpceMetricsAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceMetricsAutoConfiguration() {}

  /**
   * The {@code vpce.*} meters of one {@code PrivateLink}; Boot binds every {@code MeterBinder} bean to its
   * registries.
   *
   * @param privateLink the context's {@code PrivateLink}
   * @return the meter binder: {@code vpce.routes} by tier, {@code vpce.breakers} and {@code vpce.bindings} by
   *         state, refresh failures and stale DNS names (see {@link PrivateLinkMetrics})
   */
  @Bean
  @ConditionalOnMissingBean
  public PrivateLinkMetrics vpceMetrics(PrivateLink privateLink) {
    return new PrivateLinkMetrics(privateLink);
  }
}
