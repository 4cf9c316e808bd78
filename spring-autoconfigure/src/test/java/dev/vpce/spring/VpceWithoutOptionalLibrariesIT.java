package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * The starter in an application without HikariCP, Apache HttpClient 5, Reactor Netty, spring-boot-health and the
 * Actuator: the failsafe execution {@code without-optional-libraries} leaves them off this JVM's classpath. The
 * guards on {@code @Bean} methods hold only if Spring can read the configuration classes, and load the types their
 * methods name, without those libraries; a {@code FilteredClassLoader} cannot show that.
 */
class VpceWithoutOptionalLibrariesIT {
  @Test
  void theStarterWiresWhatIsThereAndNothingElse() {
    for (String absent : new String[] {"com.zaxxer.hikari.HikariDataSource", "org.apache.hc.client5.http.DnsResolver",
        "reactor.netty.http.client.HttpClient",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"}) {
      assertThat(ClassUtils.isPresent(absent, null)).as("%s is left off this execution's classpath", absent).isFalse();
    }
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withPropertyValues(Props.staticBinding())
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class)
            .hasSingleBean(VpceJdbcRegistration.class).hasSingleBean(VpceStatusReader.class)
            .hasSingleBean(VpceJdkClientCustomizer.class)
            .doesNotHaveBean(VpceHttpComponentsCustomizer.class).doesNotHaveBean(VpceReactorNettyCustomizer.class)
            .doesNotHaveBean(VpceHikariPostProcessor.class).doesNotHaveBean("vpceHealthIndicator")
            .doesNotHaveBean("vpceEndpoint"));
  }
}
