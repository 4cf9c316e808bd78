package dev.vpce.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.jdbc.PoolFailback;
import dev.vpce.jdbc.PostgresSocketFactory;
import dev.vpce.jdbc.VpceJdbc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What vpce adds to JDBC, against pgJDBC alone on an embedded PostgreSQL on loopback:
 * {@code DriverManager.getConnection} through {@code jdbc:vpce:} and through the socket factory on an
 * unchanged URL, against the plain URL; and a pooled {@code SELECT 1} through HikariCP with and without vpce
 * (the vpce pool as README advises: a {@code jdbc:vpce:} URL and a {@link PoolFailback}). The binding's
 * route is the server's own address (the regional and zonal names resolve to 127.0.0.1), so the difference
 * is vpce's work alone: the URL parsing, the route, the zonal socket and its outcome reports. Run it from
 * the repository root (the JVM resolves the hostname through {@code benchmarks/jdbc.hosts}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar JdbcBenchmark</pre>
 *
 * <p>JMH runs each method in its own fork, so each one has its own JVM and its own PostgreSQL, one after the
 * other: the connect methods differ by what differs between forks as well as by vpce's work, which for a
 * few percent of a connect is more than vpce's share. {@link JdbcConnectHarness} compares the three connect
 * paths interleaved against one server in one JVM; its ratios are the ones to hold against the targets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.net.hosts.file=benchmarks/jdbc.hosts", "-Daws.disableEc2Metadata=true"})
public class JdbcBenchmark {
  static final String HOST = "ledger-db.corp.example.com";
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  EmbeddedPostgres pg;
  PrivateLink privateLink;
  String plainUrl;
  String vpceUrl;
  String factoryUrl;
  HikariDataSource plainPool;
  HikariDataSource vpcePool;
  PoolFailback failback;

  @Setup
  public void start() throws Exception {
    if (System.getProperty("jdk.net.hosts.file") == null) {
      throw new IllegalStateException("run JdbcBenchmark through JMH from the repository root, so that its fork "
          + "resolves through benchmarks/jdbc.hosts and no lookup leaves the machine");
    }
    pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    privateLink = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(REGIONAL).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(name -> new DnsAnswer(List.of(loopback), Duration.ofMinutes(10)))
        .build();
    privateLink.resolve(HOST); // warm: start-up done
    VpceJdbc.register(privateLink);
    String where = HOST + ":" + pg.getPort() + "/postgres?user=postgres";
    plainUrl = "jdbc:postgresql://" + where;
    vpceUrl = "jdbc:vpce:postgresql://" + where;
    factoryUrl = plainUrl + "&socketFactory=" + PostgresSocketFactory.class.getName();
    plainPool = pool(plainUrl, "plain");
    vpcePool = pool(vpceUrl, "vpce");
    failback = PoolFailback.forHikari(vpcePool);
  }

  static HikariDataSource pool(String url, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(4);
    c.setMinimumIdle(4);
    c.setPoolName(name);
    return new HikariDataSource(c);
  }

  @TearDown
  public void stop() throws Exception {
    plainPool.close();
    failback.close();
    vpcePool.close();
    VpceJdbc.unregister(privateLink);
    privateLink.close();
    pg.close();
  }

  @Benchmark
  public boolean connectPlainPgJdbc() throws SQLException {
    try (Connection c = DriverManager.getConnection(plainUrl)) {
      return c.isClosed();
    }
  }

  @Benchmark
  public boolean connectJdbcVpceUrl() throws SQLException {
    try (Connection c = DriverManager.getConnection(vpceUrl)) {
      return c.isClosed();
    }
  }

  @Benchmark
  public boolean connectSocketFactory() throws SQLException {
    try (Connection c = DriverManager.getConnection(factoryUrl)) {
      return c.isClosed();
    }
  }

  @Benchmark
  public int pooledSelect1Plain() throws SQLException {
    return select1(plainPool);
  }

  @Benchmark
  public int pooledSelect1Vpce() throws SQLException {
    return select1(vpcePool);
  }

  static int select1(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return r.getInt(1);
    }
  }
}
