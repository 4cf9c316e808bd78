package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import java.util.List;

class VpceHttpClientsTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class,
          HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class))
      .withPropertyValues(Props.staticBinding());

  @Test
  void everyClientOnTheClasspathGetsItsCustomizer() {
    runner.run(ctx -> assertThat(ctx).hasSingleBean(VpceHttpComponentsCustomizer.class)
        .hasSingleBean(VpceJdkClientCustomizer.class)
        .hasSingleBean(VpceReactorNettyCustomizer.class));
  }

  @Test
  void withHttpClient5BootBuildsItAndNoProxyIsStarted() {
    runner.run(ctx -> {
      assertThat(ctx.getBean(ClientHttpRequestFactoryBuilder.class))
          .isInstanceOf(HttpComponentsClientHttpRequestFactoryBuilder.class);
      assertThat(ctx.getBean(VpceJdkClientCustomizer.class).isStarted()).isFalse();
    });
  }

  @Test
  void withoutHttpClient5ButWithReactorNettyRestClientsUseReactorNettyWithTheResolver() {
    runner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5")).run(ctx -> {
      assertThat(ctx).doesNotHaveBean(VpceHttpComponentsCustomizer.class);
      assertThat(ctx.getBean(ClientHttpRequestFactoryBuilder.class))
          .isInstanceOf(org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder.class);
      assertThat(ctx).hasSingleBean(VpceReactorNettyCustomizer.class);
      assertThat(ctx.getBean(VpceJdkClientCustomizer.class).isStarted()).isFalse();
    });
  }

  @Test
  void withoutHttpClient5AndReactorNettyTheJdkClientGoesThroughTheProxy() {
    runner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5", "reactor.netty")).run(ctx -> {
      assertThat(ctx).doesNotHaveBean(VpceHttpComponentsCustomizer.class);
      assertThat(ctx.getBean(ClientHttpRequestFactoryBuilder.class))
          .isInstanceOf(JdkClientHttpRequestFactoryBuilder.class);
      assertThat(ctx.getBean(VpceJdkClientCustomizer.class).isStarted()).as("started when Boot customized the JDK builder")
          .isTrue();
    });
  }

  @Test
  void theProxyStopsWithTheContext() {
    VpceJdkClientCustomizer[] seen = new VpceJdkClientCustomizer[1];
    runner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5", "reactor.netty")).run(ctx -> {
      seen[0] = ctx.getBean(VpceJdkClientCustomizer.class);
      assertThat(seen[0].isStarted()).isTrue();
    });
    assertThat(seen[0].isStarted()).isFalse();
  }

  @Test
  void withoutReactorNettyThereIsNoResolverCustomizer() {
    runner.withClassLoader(new FilteredClassLoader("reactor.netty")).run(ctx -> assertThat(ctx).hasNotFailed()
        .doesNotHaveBean(VpceReactorNettyCustomizer.class).hasSingleBean(VpceHttpComponentsCustomizer.class));
  }

  @Test
  void withoutBootsHttpClientModuleNothingIsCustomized() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withPropertyValues(Props.staticBinding())
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class)
            .doesNotHaveBean(VpceHttpComponentsCustomizer.class).doesNotHaveBean(VpceJdkClientCustomizer.class)
            .doesNotHaveBean(VpceReactorNettyCustomizer.class));
  }

  @Test
  void withoutAPrivateLinkNothingIsCustomized() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(VpceHttpComponentsCustomizer.class)
            .doesNotHaveBean(VpceJdkClientCustomizer.class).doesNotHaveBean(VpceReactorNettyCustomizer.class));
  }

  @Test
  void anApplicationsOwnCustomizersWin() {
    try (PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      runner.withBean("mine", VpceHttpComponentsCustomizer.class, () -> new VpceHttpComponentsCustomizer(own))
        .withBean("mineJdk", VpceJdkClientCustomizer.class, () -> new VpceJdkClientCustomizer(own, null, List.of(443)))
        .withBean("mineReactor", VpceReactorNettyCustomizer.class, () -> new VpceReactorNettyCustomizer(own))
        .run(ctx -> {
          assertThat(ctx.getBeansOfType(VpceHttpComponentsCustomizer.class)).containsOnlyKeys("mine");
          assertThat(ctx.getBeansOfType(VpceJdkClientCustomizer.class)).containsOnlyKeys("mineJdk");
          assertThat(ctx.getBeansOfType(VpceReactorNettyCustomizer.class)).containsOnlyKeys("mineReactor");
        });
    }
  }
}
