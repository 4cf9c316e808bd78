package dev.vpce.jdbc;

import static dev.vpce.jdbc.Databases.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.jdbc.Databases.Postgres;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A HikariCP pool under steady queries while the local zone refuses, then blackholes, then heals: no query
 * fails for lack of a connection, new connections go regional while the zone is down, and after recovery
 * the pool is back in the local zone long before maxLifetime.
 */
class HikariFailbackIT {
  static final int POOL = 4;
  static Postgres pg;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final JdbcSupport.Outcomes outcomes = new JdbcSupport.Outcomes();

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = Databases.postgres();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(pg.address());
    privateLink = JdbcSupport.boundTo(kit, HOST).breakerOpenWait(Duration.ofMillis(500)).listener(outcomes).build();
    VpceJdbc.register(privateLink);
  }

  @AfterEach
  void stop() {
    VpceJdbc.unregister(privateLink);
    privateLink.close();
  }

  int local() {
    return endpoint.zone("us-east-1a").connections();
  }

  int elsewhere() {
    return endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections();
  }

  /** Ends every session of the pool's user, as a zone dying under open connections would. */
  static void killSessions() throws SQLException {
    try (Connection admin = pg.server().getPostgresDatabase().getConnection();
        Statement s = admin.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
          + "AND backend_type = 'client backend' AND application_name = 'vpce-pool'");
    }
  }

  static void stop(AtomicBoolean running, List<Thread> workers) throws InterruptedException {
    running.set(false);
    for (Thread t : workers) {
      t.join(10_000);
    }
  }

  @Test
  void thePoolRidesOutALocalZoneOutageAndReturnsToTheZoneAfterItHeals() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:vpce:postgresql://" + HOST + ":" + endpoint.port() + "/postgres?user=postgres"
        + "&sslmode=verify-full&sslrootcert=" + pg.rootCert() + "&connectTimeout=2&ApplicationName=vpce-pool");
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(POOL);
    config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    config.setPoolName("ledger");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger poolTimeouts = new AtomicInteger();
    Set<String> driverFailures = ConcurrentHashMap.newKeySet();
    List<Thread> workers = new ArrayList<>();
    try (HikariDataSource pool = new HikariDataSource(config);
        PoolFailback failback = PoolFailback.forHikari(pool, Duration.ofMillis(200))) {
      for (int i = 0; i < POOL; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT 1")) {
              r.next();
              ok.incrementAndGet();
            } catch (SQLTransientConnectionException noConnection) {
              poolTimeouts.incrementAndGet();
            } catch (SQLException e) {
              driverFailures.add(e.getSQLState() + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "query-" + i);
        t.start();
        workers.add(t);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> pool.getHikariPoolMXBean().getTotalConnections() == POOL
          && ok.get() > 100);
      assertThat(local()).as("the pool filled in the local zone").isEqualTo(POOL);
      assertThat(elsewhere()).isZero();

      // the local zone refuses new connections, and the sessions on it die
      endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
      killSessions();
      await().atMost(Duration.ofSeconds(20)).until(() -> elsewhere() >= POOL
          && pool.getHikariPoolMXBean().getTotalConnections() == POOL);
      int localWhileDown = local();

      // then it blackholes
      endpoint.zone("us-east-1a").mode(BackendMode.BLACKHOLE);
      killSessions();
      await().atMost(Duration.ofSeconds(30)).until(() -> elsewhere() >= 2 * POOL
          && pool.getHikariPoolMXBean().getTotalConnections() == POOL);
      assertThat(local()).as("no new connection reached the local zone while it was down").isEqualTo(localWhileDown);
      int okWhileDown = ok.get();

      // it heals: the probe's trial closes the breaker, the route returns, the pool is soft-evicted and refills
      endpoint.zone("us-east-1a").mode(BackendMode.HEALTHY);
      await().atMost(Duration.ofSeconds(20)).until(() -> failback.evictions() >= 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> local() >= localWhileDown + POOL
          && pool.getHikariPoolMXBean().getTotalConnections() == POOL);
      int elsewhereAfter = elsewhere();
      int okAfter = ok.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() > okAfter + 200);
      assertThat(elsewhere()).as("no new connection left the local zone after recovery").isEqualTo(elsewhereAfter);
      assertThat(okWhileDown).isGreaterThan(0);
      stop(running, workers); // before the pool closes
    } finally {
      stop(running, workers);
    }
    assertThat(poolTimeouts.get()).as("queries that failed for lack of a connection").isZero();
    assertThat(driverFailures).as("queries on sessions that died fail as pgJDBC reports it")
        .isNotEmpty()
        .allMatch(f -> f.startsWith("57P01") || f.startsWith("08006") || f.startsWith("08003"), "admin shutdown or I/O");
    assertThat(outcomes.counted.get()).as("failed connects to the dead zone stay few").isLessThanOrEqualTo(10);
  }
}
