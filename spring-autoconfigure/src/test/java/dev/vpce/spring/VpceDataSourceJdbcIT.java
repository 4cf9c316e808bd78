package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.jdbc.PoolFailback;
import dev.vpce.jdbc.PostgresSocketFactory;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Boot application whose {@code DataSource} is Boot's own HikariCP pool on an unchanged pgJDBC URL
 * with the bound logical hostname {@code ledger-db.corp.example.com}: the starter puts vpce's socket factory
 * into the pool and ties a fail-back to it. An embedded PostgreSQL sits behind the kit's zone fronts. The
 * pool fills in the local zone, rides out the zone refusing with no failed query, and is back in the local
 * zone after it heals (the zone fronts' connection counts tell), while the health details follow. This JVM
 * resolves names through {@code src/test/resources/jdbc-hosts} only (the logical hostname is not in it).
 */
@SpringBootTest(classes = VpceDataSourceJdbcIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class VpceDataSourceJdbcIT {
  static final String DB_HOST = "ledger-db.corp.example.com";
  static final int POOL = 4;
  static LocalPrivateLink kit;
  static EmbeddedPostgres pg;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @DynamicPropertySource
  static void vpce(DynamicPropertyRegistry registry) throws Exception {
    pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    kit = LocalPrivateLink.defaults().build();
    kit.endpoint().target(new InetSocketAddress(InetAddress.getLoopbackAddress(), pg.getPort()));
    registry.add("vpce.bindings.ledger-db.host", () -> DB_HOST);
    registry.add("vpce.bindings.ledger-db.regional-dns-name", () -> kit.endpoint().regionalDnsName());
    registry.add("vpce.placement.zone-name", () -> "us-east-1a");
    registry.add("vpce.dns.servers", () -> "127.0.0.1:" + kit.dns().address().getPort());
    registry.add("vpce.dns.timeout", () -> "500ms");
    registry.add("vpce.breaker.open-wait", () -> "300ms");
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + DB_HOST + ":" + kit.endpoint().port()
        + "/postgres?connectTimeout=4&ApplicationName=vpce-boot");
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.hikari.pool-name", () -> "ledger");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> String.valueOf(POOL));
    registry.add("spring.datasource.hikari.minimum-idle", () -> String.valueOf(POOL));
    registry.add("spring.datasource.hikari.connection-timeout", () -> "10000");
  }

  @AfterAll
  static void stop() throws Exception {
    kit.close();
    pg.close();
  }

  @Autowired
  DataSource dataSource;
  @Autowired
  VpceHealthIndicator health;
  @Autowired
  PrivateLink privateLink;
  @Autowired
  VpceHikariPostProcessor postProcessor;

  EmulatedEndpoint endpoint() {
    return kit.endpoint();
  }

  int local() {
    return endpoint().zone("us-east-1a").connections();
  }

  int elsewhere() {
    return endpoint().zone("us-east-1b").connections() + endpoint().zone("us-east-1c").connections();
  }

  VpceStatus.BindingStatus detail() {
    return (VpceStatus.BindingStatus) health.health(true).getDetails().get(DB_HOST);
  }

  /** Runs queries; returns how many failed. */
  int query(int times) {
    int failed = 0;
    for (int i = 0; i < times; i++) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT 1")) {
        r.next();
      } catch (SQLException e) {
        failed++;
      }
    }
    return failed;
  }

  @Test
  void bootsPoolRoutesZonalFirstFallsBackWithoutAFailedQueryAndReturnsToTheZone() {
    HikariDataSource pool = (HikariDataSource) dataSource;
    assertThat(pool.getJdbcUrl()).as("the URL is unchanged").startsWith("jdbc:postgresql://" + DB_HOST + ":");
    assertThat(pool.getDataSourceProperties().getProperty("socketFactory"))
        .isEqualTo(PostgresSocketFactory.class.getName());
    PoolFailback failback = postProcessor.failback(pool);
    assertThat(failback).isNotNull();

    // zonal: the pool fills in the local zone
    assertThat(query(20)).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> pool.getHikariPoolMXBean().getTotalConnections() == POOL);
    assertThat(local()).as("the pool filled in the local zone").isEqualTo(POOL);
    assertThat(elsewhere()).isZero();
    assertThat(health.health(true).getStatus().getCode()).isEqualTo("UP");
    assertThat(detail().tier()).isEqualTo("LOCAL_ZONE");
    String zoneA = endpoint().zone("us-east-1a").ip().getHostAddress() + ":" + endpoint().port();

    // the local zone refuses; the pool's connections reach their end (soft eviction, as maxLifetime would)
    endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    pool.getHikariPoolMXBean().softEvictConnections();
    int failed = query(50);
    await().atMost(Duration.ofSeconds(20)).until(() -> elsewhere() >= POOL
        && pool.getHikariPoolMXBean().getTotalConnections() == POOL);
    failed += query(50);
    assertThat(failed).as("queries that failed while the local zone refused").isZero();
    assertThat(detail().tier()).isNotEqualTo("LOCAL_ZONE");
    assertThat(detail().breakers()).containsEntry(zoneA, "OPEN");
    assertThat(health.health(true).getStatus().getCode()).as("the binding still has a route").isEqualTo("UP");
    int localWhileDown = local();

    // the zone heals: the fail-back's probe closes the breaker, the pool is evicted and refills there
    endpoint().zone("us-east-1a").mode(BackendMode.HEALTHY);
    await().atMost(Duration.ofSeconds(30)).until(() -> failback.evictions() >= 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      query(1); // returns in-use connections, which soft eviction then closes
      return local() >= localWhileDown + POOL && pool.getHikariPoolMXBean().getTotalConnections() == POOL;
    });
    int elsewhereAfter = elsewhere();
    assertThat(query(50)).isZero();
    assertThat(elsewhere()).as("no new connection left the local zone after recovery").isEqualTo(elsewhereAfter);
    assertThat(detail().tier()).isEqualTo("LOCAL_ZONE");
    assertThat(detail().breakers()).containsEntry(zoneA, "CLOSED");
    assertThat(privateLink.isBound(DB_HOST)).isTrue();
  }
}
