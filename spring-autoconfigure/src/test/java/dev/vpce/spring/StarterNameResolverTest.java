package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.dns.NameResolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StarterNameResolverTest {
  @Test
  void theStartersResolverIsLazyAndABadServerStillStopsStartUp() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class));
    runner.withPropertyValues(Props.staticBinding())
        // NameResolver.lazy's class (the PrivateLink's own thread may have made the real one by now)
        .run(ctx -> assertThat(ctx.getBean(NameResolver.class).getClass().getName())
            .isEqualTo("dev.vpce.dns.LazyNameResolver"));
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.dns.servers=ns1.example.com")
        .run(ctx -> assertThat(ctx).hasFailed());
  }
}
