package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.micrometer.PrivateLinkMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VpceActuatorTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class,
          VpceMetricsAutoConfiguration.class))
      .withPropertyValues(Props.staticBinding());

  @Test
  void theHealthIndicatorIsThereByDefault() {
    runner.run(ctx -> assertThat(ctx).hasSingleBean(VpceHealthIndicator.class).hasBean("vpceHealthIndicator"));
  }

  @Test
  void theHealthIndicatorBacksOffWhenTurnedOff() {
    runner.withPropertyValues("management.health.vpce.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(VpceHealthIndicator.class));
  }

  @Test
  void theHealthIndicatorBacksOffWithoutSpringBootHealth() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(VpceHealthIndicator.class)
            .hasSingleBean(VpceStatusReader.class));
  }

  @Test
  void anApplicationsOwnHealthIndicatorNamedVpceWins() {
    runner.withBean("vpceHealthIndicator", org.springframework.boot.health.contributor.HealthIndicator.class,
            () -> () -> org.springframework.boot.health.contributor.Health.up().build())
        .run(ctx -> assertThat(ctx).doesNotHaveBean(VpceHealthIndicator.class).hasBean("vpceHealthIndicator"));
  }

  @Test
  void theEndpointIsThereOnlyWhenExposed() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(VpceEndpoint.class));
    runner.withPropertyValues("management.endpoints.web.exposure.include=vpce")
        .run(ctx -> assertThat(ctx).hasSingleBean(VpceEndpoint.class));
  }

  @Test
  void theEndpointBacksOffWithoutTheActuator() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=vpce")
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(VpceEndpoint.class));
  }

  @Test
  void anApplicationsOwnStatusReaderIsTheOneHealthUses() {
    try (dev.vpce.PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      VpceStatusReader mine = new VpceStatusReader(own);
      runner.withBean(VpceStatusReader.class, () -> mine).run(ctx -> {
        assertThat(ctx).hasSingleBean(VpceStatusReader.class);
        assertThat(ctx.getBean(VpceStatusReader.class)).isSameAs(mine);
      });
    }
  }

  @Test
  void metersAreBoundToBootsRegistry() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            VpceAutoConfiguration.class, VpceMetricsAutoConfiguration.class))
        .withPropertyValues(Props.staticBinding())
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(PrivateLinkMetrics.class);
          MeterRegistry registry = ctx.getBean(MeterRegistry.class);
          assertThat(registry.find("vpce.breakers").gauges()).hasSize(3);
          assertThat(registry.find("vpce.routes").tag("binding", Props.HOST).functionCounters()).hasSize(3);
          assertThat(registry.find("vpce.refresh.failures").functionCounter()).isNotNull();
        });
  }

  @Test
  void noMetersWhenVpceIsDisabledEvenBesideTheApplicationsOwnPrivateLink() {
    try (dev.vpce.PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceMetricsAutoConfiguration.class))
          .withPropertyValues("vpce.enabled=false").withBean(SimpleMeterRegistry.class)
          .withBean(dev.vpce.PrivateLink.class, () -> own, bd -> bd.setDestroyMethodName(""))
          .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PrivateLinkMetrics.class));
    }
  }

  @Test
  void noMetersWithoutARegistry() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(PrivateLinkMetrics.class));
  }

  @Test
  void noMetersWithoutMicrometer() {
    runner.withBean(SimpleMeterRegistry.class).withClassLoader(new FilteredClassLoader("io.micrometer.core"))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PrivateLinkMetrics.class));
  }

  @Test
  void anApplicationsOwnMetricsBeanWins() {
    try (dev.vpce.PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      PrivateLinkMetrics mine = new PrivateLinkMetrics(own);
      runner.withBean(SimpleMeterRegistry.class).withBean(PrivateLinkMetrics.class, () -> mine)
          .run(ctx -> assertThat(ctx.getBean(PrivateLinkMetrics.class)).isSameAs(mine));
    }
  }
}
