package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkClosedException;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import dev.vpce.jdbc.VpceJdbc;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

class VpceAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class));

  @Test
  void bindingsInPropertiesGiveAPrivateLinkThatClosesWithTheContext() {
    PrivateLink[] seen = new PrivateLink[1];
    runner.withPropertyValues(Props.staticBinding()).run(ctx -> {
      assertThat(ctx).hasSingleBean(PrivateLink.class).hasSingleBean(NameResolver.class)
          .hasSingleBean(VpceStatusReader.class);
      seen[0] = ctx.getBean(PrivateLink.class);
      assertThat(seen[0].isBound(Props.HOST)).isTrue();
    });
    assertThatThrownBy(() -> seen[0].resolve(Props.HOST)).isInstanceOf(PrivateLinkClosedException.class);
  }

  @Test
  void theCredentialsBeanIsLookedUpOnlyWhenABindingIsDiscovered() {
    AtomicInteger made = new AtomicInteger();
    ApplicationContextRunner withLazyCredentials = runner.withBean(
        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider.class, () -> {
          made.incrementAndGet();
          return software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create();
        }, bd -> bd.setLazyInit(true));
    withLazyCredentials.withPropertyValues(Props.staticBinding()).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class);
      assertThat(made).as("static bindings make no AWS call").hasValue(0);
    });
    withLazyCredentials.withPropertyValues("vpce.bindings.orders.host=" + Props.HOST,
            "vpce.bindings.orders.service-name=com.amazonaws.vpce.eu-west-3.vpce-svc-0123456789abcdef0",
            "vpce.placement.zone-name=eu-west-3a", "vpce.vpc-id=vpc-0fedcba9876543210", "vpce.ec2.region=eu-west-3",
            "vpce.ec2.endpoint=http://127.0.0.1:9")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class);
          assertThat(made).as("a discovered binding uses the application's credentials").hasValue(1);
        });
  }

  @Test
  void thePrivateLinkIsRegisteredForJdbcWhileTheContextRunsAndUnregisteredBeforeItCloses() {
    PrivateLink[] seen = new PrivateLink[1];
    runner.withPropertyValues(Props.staticBinding()).run(ctx -> {
      assertThat(ctx).hasSingleBean(VpceJdbcRegistration.class);
      seen[0] = ctx.getBean(PrivateLink.class);
      assertThat(VpceJdbc.registered()).contains(seen[0]);
    });
    assertThat(VpceJdbc.registered()).doesNotContain(seen[0]);
  }

  @Test
  void anApplicationsOwnPrivateLinkIsRegisteredForJdbcButNotClosedByTheStarter() throws Exception {
    try (PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      runner.withBean(PrivateLink.class, () -> own, bd -> bd.setDestroyMethodName(""))
          .run(ctx -> assertThat(VpceJdbc.registered()).contains(own));
      assertThat(VpceJdbc.registered()).doesNotContain(own);
      assertThat(own.isBound("own.example.com")).isTrue();
    }
  }

  @Test
  void theEc2PropertiesAndACredentialsBeanReachTheDefaultDiscovery() throws Exception {
    // a loopback HTTP server stands in for EC2 and records how vpce's own EC2 client signed its call
    java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer ec2 = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ec2.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    ec2.start();
    try {
      runner.withPropertyValues("vpce.bindings.orders.host=" + Props.HOST,
              "vpce.bindings.orders.service-name=com.amazonaws.vpce.eu-west-3.vpce-svc-0123456789abcdef0",
              "vpce.placement.zone-name=eu-west-3a", "vpce.vpc-id=vpc-0fedcba9876543210", "vpce.startup.timeout=2s",
              "vpce.ec2.region=eu-west-3", "vpce.ec2.endpoint=http://127.0.0.1:" + ec2.getAddress().getPort())
          .withBean(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider.class,
              () -> software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                  software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAEXAMPLEEXAMPLE12", "secret")))
          .run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThatThrownBy(() -> ctx.getBean(PrivateLink.class).resolve(Props.HOST))
                .isInstanceOf(java.net.UnknownHostException.class);
            // a cold JVM builds its first SDK client slowly; discovery keeps going in the background
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !authorizations.isEmpty());
            assertThat(authorizations).allSatisfy(a ->
                assertThat(a).contains("Credential=AKIAEXAMPLEEXAMPLE12/").contains("/eu-west-3/ec2/aws4_request"));
          });
    } finally {
      ec2.stop(0);
    }
  }

  @Test
  void aRegionThatIsNotARegionStopsStartUp() {
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.ec2.region=US East").run(ctx -> {
      FailureAnalysis a = analyze(ctx.getStartupFailure());
      assertThat(a.getDescription()).contains("vpce.ec2.region").contains("'US East'").contains("is malformed");
      assertThat(a.getAction()).contains("vpce.ec2.region").contains("us-east-1");
    });
  }

  @Test
  void anEc2EndpointThatIsNotAnHttpUrlStopsStartUp() {
    for (String bad : new String[] {"ec2.us-east-1.amazonaws.com", "ftp://ec2.example.com", "https://u:p@ec2.example.com"}) {
      runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.ec2.endpoint=" + bad).run(ctx -> {
        FailureAnalysis a = analyze(ctx.getStartupFailure());
        assertThat(a.getDescription()).contains("vpce.ec2.endpoint").contains("'" + bad + "'")
            .contains("is not an http(s) URL of a host");
        assertThat(a.getAction()).contains("vpce.ec2.endpoint").contains("https://ec2.us-east-1.amazonaws.com");
      });
    }
  }

  @Test
  void withoutBindingsThereIsNoPrivateLink() {
    runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PrivateLink.class)
        .doesNotHaveBean(VpceStatusReader.class));
  }

  @Test
  void vpceEnabledFalseTurnsEverythingOff() {
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PrivateLink.class)
            .doesNotHaveBean(NameResolver.class));
  }

  @Test
  void vpceEnabledFalseTurnsEverythingOffEvenBesideTheApplicationsOwnPrivateLink() {
    try (PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      // the runner's classpath has Boot's HTTP client module, HikariCP, health and the actuator
      runner.withPropertyValues("vpce.enabled=false")
          .withBean(PrivateLink.class, () -> own, bd -> bd.setDestroyMethodName("")).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class).doesNotHaveBean(VpceProperties.class)
                .doesNotHaveBean(VpceJdbcRegistration.class).doesNotHaveBean(VpceStatusReader.class)
                .doesNotHaveBean(VpceHikariPostProcessor.class).doesNotHaveBean(VpceJdkClientCustomizer.class)
                .doesNotHaveBean(VpceHttpComponentsCustomizer.class).doesNotHaveBean(VpceReactorNettyCustomizer.class)
                .doesNotHaveBean(VpceHealthIndicator.class);
            assertThat(VpceJdbc.registered()).doesNotContain(own);
          });
    }
  }

  @Test
  void anApplicationsOwnPrivateLinkWins() {
    try (PrivateLink own = Props.ownPrivateLink("own.example.com")) {
      runner.withPropertyValues(Props.staticBinding()).withBean(PrivateLink.class, () -> own).run(ctx -> {
        assertThat(ctx).hasSingleBean(PrivateLink.class);
        assertThat(ctx.getBean(PrivateLink.class)).isSameAs(own);
        assertThat(ctx).hasSingleBean(VpceStatusReader.class);
      });
    }
  }

  @Test
  void anApplicationsNameResolverIsTheOneVpceUses() {
    AtomicInteger lookups = new AtomicInteger();
    NameResolver own = name -> {
      lookups.incrementAndGet();
      return new DnsAnswer(List.of(InetAddress.getByName("127.0.9.9")), Duration.ofSeconds(60));
    };
    runner.withPropertyValues(Props.staticBinding()).withBean(NameResolver.class, () -> own).run(ctx -> {
      assertThat(ctx.getBean(NameResolver.class)).isSameAs(own);
      assertThat(ctx.getBean(PrivateLink.class).route(Props.HOST).addresses())
          .contains(InetAddress.getByName("127.0.9.9"));
      assertThat(lookups).hasPositiveValue();
    });
  }

  @Test
  void builderCustomizersRunAfterTheProperties() {
    runner.withPropertyValues(Props.staticBinding())
        .withBean(VpceBuilderCustomizer.class, () -> b -> b.bind("extra.example.com",
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"))
        .withBean(dev.vpce.discovery.EndpointDiscovery.class, () -> (service, vpc) -> List.of())
        .run(ctx -> assertThat(ctx.getBean(PrivateLink.class).isBound("extra.example.com")).isTrue());
  }

  @Test
  void aMalformedServiceNameStopsStartUpNamingTheKeyTheValueAndTheFix() {
    runner.withPropertyValues("vpce.bindings.orders.host=" + Props.HOST,
        "vpce.bindings.orders.service-name=com.amazonaws.vpce.us-east-1.vpce-svc-XYZ").run(ctx -> {
          assertThat(ctx).hasFailed();
          FailureAnalysis a = analyze(ctx.getStartupFailure());
          assertThat(a.getDescription()).contains("vpce.bindings.orders.service-name")
              .contains("com.amazonaws.vpce.us-east-1.vpce-svc-XYZ");
          assertThat(a.getAction()).contains("vpce.bindings.orders.service-name")
              .contains("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
        });
  }

  @Test
  void anUnknownZoneKeyStopsStartUp() {
    runner.withPropertyValues(Props.staticBinding())
        .withPropertyValues("vpce.bindings.orders.zonal-dns-names.moon-1a=vpce-0a1b2c3d4e5f67890-k3m9x2qa-moon-1a.example.com")
        .run(ctx -> {
          FailureAnalysis a = analyze(ctx.getStartupFailure());
          assertThat(a.getDescription()).contains("vpce.bindings.orders.zonal-dns-names.moon-1a")
              .contains("'moon-1a', which is neither an AZ name nor an AZ ID");
          assertThat(a.getAction()).contains("us-east-1a").contains("use1-az6");
        });
  }

  @Test
  void aNegativeDurationStopsStartUp() {
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.breaker.open-wait=-5s").run(ctx -> {
      FailureAnalysis a = analyze(ctx.getStartupFailure());
      assertThat(a.getDescription()).contains("vpce.breaker.open-wait").contains("'PT-5S'").contains("is negative");
      assertThat(a.getAction()).contains("positive duration");
    });
  }

  @Test
  void aDnsServerThatIsNotAnIpAddressStopsStartUp() {
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.dns.servers=ns1.example.com").run(ctx -> {
      FailureAnalysis a = analyze(ctx.getStartupFailure());
      assertThat(a.getDescription()).contains("vpce.dns.servers[0]").contains("ns1.example.com");
      assertThat(a.getAction()).contains("IP literal");
    });
  }

  @Test
  void aBindingWithBothServiceNameAndStaticNamesStopsStartUp() {
    runner.withPropertyValues(Props.staticBinding())
        .withPropertyValues("vpce.bindings.orders.service-name=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")
        .run(ctx -> assertThat(analyze(ctx.getStartupFailure()).getDescription())
            .contains("vpce.bindings.orders.regional-dns-name").contains("is set together with service-name"));
  }

  @Test
  void theFailureAnalyzersAreRegisteredForBoot() {
    // loaded the way Boot's FailureAnalyzers loads them, with a bean factory and an environment to inject
    SpringFactoriesLoader.ArgumentResolver args = SpringFactoriesLoader.ArgumentResolver
        .of(org.springframework.beans.factory.BeanFactory.class,
            new org.springframework.beans.factory.support.DefaultListableBeanFactory())
        .and(org.springframework.core.env.Environment.class, new org.springframework.core.env.StandardEnvironment());
    List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
        .load(FailureAnalyzer.class, args, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> {}));
    assertThat(analyzers).hasAtLeastOneElementOfType(VpceConfigurationFailureAnalyzer.class)
        .hasAtLeastOneElementOfType(VpceStartupFailureAnalyzer.class);
  }

  private static FailureAnalysis analyze(Throwable failure) {
    assertThat(failure).isNotNull();
    FailureAnalysis a = new VpceConfigurationFailureAnalyzer().analyze(failure);
    assertThat(a).as("the analyzer recognises " + failure).isNotNull();
    return a;
  }
}
