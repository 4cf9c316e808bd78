package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.jdbc.PostgresSocketFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which HikariCP pools the starter routes, what it puts into them, and when it backs off. Nothing connects. */
class VpceDataSourceTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
      .withPropertyValues(Props.staticBinding());

  static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource(); // unstarted until the first getConnection
    pool.setJdbcUrl(url);
    pool.setPoolName("ledger");
    return pool;
  }

  @Test
  void aPoolWhoseUrlHostIsBoundGetsTheDriversSocketFactoryAndAFailbackWithItsUrlUnchanged() {
    String url = "jdbc:postgresql://" + Props.HOST + ":5432/ledger?sslmode=verify-full";
    runner.withBean("dataSource", HikariDataSource.class, () -> pool(url)).run(ctx -> {
      HikariDataSource pool = ctx.getBean(HikariDataSource.class);
      assertThat(pool.getJdbcUrl()).isEqualTo(url);
      assertThat(pool.getDataSourceProperties().getProperty("socketFactory"))
          .isEqualTo(PostgresSocketFactory.class.getName());
      assertThat(ctx.getBean(VpceHikariPostProcessor.class).failback(pool)).isNotNull();
    });
  }

  @Test
  void mysqlAndMariaDbUrlsGetTheirOwnFactoriesAndAUserInTheAuthorityIsNotTheHost() {
    runner.withBean("mysql", HikariDataSource.class, () -> pool("jdbc:mysql://app:secret@" + Props.HOST + "/ledger"))
        .withBean("mariadb", HikariDataSource.class, () -> pool("jdbc:mariadb://" + Props.HOST.toUpperCase() + ":3306"))
        .run(ctx -> {
          assertThat(((HikariDataSource) ctx.getBean("mysql")).getDataSourceProperties().getProperty("socketFactory"))
              .isEqualTo("dev.vpce.jdbc.MySqlSocketFactory");
          assertThat(((HikariDataSource) ctx.getBean("mariadb")).getDataSourceProperties().getProperty("socketFactory"))
              .isEqualTo("dev.vpce.jdbc.MariaDbSocketFactory");
        });
  }

  @Test
  void aJdbcVpceUrlGetsNoSocketFactoryButAFailbackThroughTheRegistry() {
    runner.withBean("dataSource", HikariDataSource.class,
        () -> pool("jdbc:vpce:postgresql://" + Props.HOST + "/ledger")).run(ctx -> {
          HikariDataSource pool = ctx.getBean(HikariDataSource.class);
          assertThat(pool.getDataSourceProperties()).doesNotContainKey("socketFactory");
          assertThat(ctx.getBean(VpceHikariPostProcessor.class).failback(pool)).isNotNull();
        });
  }

  @Test
  void poolsOfUnboundHostsSeveralHostsOrOtherDriversAreLeftAlone() {
    runner.withBean("other", HikariDataSource.class, () -> pool("jdbc:postgresql://db.example.com/ledger"))
        .withBean("multi", HikariDataSource.class,
            () -> pool("jdbc:postgresql://" + Props.HOST + ",db.example.com/ledger"))
        .withBean("h2", HikariDataSource.class, () -> pool("jdbc:h2:mem:ledger"))
        .run(ctx -> {
          VpceHikariPostProcessor processor = ctx.getBean(VpceHikariPostProcessor.class);
          for (String name : new String[] {"other", "multi", "h2"}) {
            HikariDataSource pool = (HikariDataSource) ctx.getBean(name);
            assertThat(pool.getDataSourceProperties()).as(name).isEmpty();
            assertThat(processor.failback(pool)).as(name).isNull();
          }
        });
  }

  @Test
  void aSocketFactoryTheApplicationSetIsKept() {
    runner.withBean("dataSource", HikariDataSource.class, () -> {
      HikariDataSource pool = pool("jdbc:postgresql://" + Props.HOST + "/ledger");
      pool.addDataSourceProperty("socketFactory", "com.example.OwnFactory");
      return pool;
    }).run(ctx -> {
      HikariDataSource pool = ctx.getBean(HikariDataSource.class);
      assertThat(pool.getDataSourceProperties().getProperty("socketFactory")).isEqualTo("com.example.OwnFactory");
      assertThat(ctx.getBean(VpceHikariPostProcessor.class).failback(pool)).isNull();
    });
  }

  @Test
  void theFailbackClosesBeforeThePoolAndThePrivateLinkWithTheContext() {
    AtomicReference<Thread> failbackThread = new AtomicReference<>();
    runner.withBean("dataSource", HikariDataSource.class, () -> pool("jdbc:postgresql://" + Props.HOST + "/ledger"))
        .run(ctx -> {
          assertThat(ctx.getBean(VpceHikariPostProcessor.class).failback(ctx.getBean(HikariDataSource.class)))
              .isNotNull();
          failbackThread.set(Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("vpce-jdbc-failback-" + Props.HOST)).findFirst().orElseThrow());
        });
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> !failbackThread.get().isAlive());
  }

  @Test
  void withoutHikariThereIsNoPostProcessor() {
    runner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PrivateLink.class)
            .doesNotHaveBean(VpceHikariPostProcessor.class));
  }

  @Test
  void withoutAPrivateLinkThereIsNoPostProcessor() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class, VpceIntegrationAutoConfiguration.class))
        .withBean("dataSource", HikariDataSource.class, () -> pool("jdbc:postgresql://" + Props.HOST + "/ledger"))
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().doesNotHaveBean(VpceHikariPostProcessor.class);
          assertThat(ctx.getBean(HikariDataSource.class).getDataSourceProperties()).isEmpty();
        });
  }

  @Test
  void anApplicationsOwnPrivateLinkRoutesItsPools() {
    PrivateLink own = Props.ownPrivateLink("own-db.example.com");
    runner.withBean(PrivateLink.class, () -> own)
        .withBean("dataSource", HikariDataSource.class, () -> pool("jdbc:postgresql://own-db.example.com/ledger"))
        .run(ctx -> assertThat(ctx.getBean(HikariDataSource.class).getDataSourceProperties()
            .getProperty("socketFactory")).isEqualTo(PostgresSocketFactory.class.getName()));
  }
}
