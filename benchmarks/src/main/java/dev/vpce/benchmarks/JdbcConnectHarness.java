package dev.vpce.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.jdbc.PoolFailback;
import dev.vpce.jdbc.PostgresSocketFactory;
import dev.vpce.jdbc.VpceJdbc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code DriverManager.getConnection} (then {@code close}) through plain pgJDBC, {@code jdbc:vpce:} and
 * {@code PostgresSocketFactory}, interleaved in one JVM against one embedded PostgreSQL: each round opens one
 * connection per path, in an order that rotates every round. {@link JdbcBenchmark} runs each path in its own
 * JMH fork, and so against its own JVM and its own PostgreSQL, one after the other; the ratios of a few
 * percent that issue 9 sets need the paths compared against the same server at the same moments, which this
 * does. It prints per path the median and the 10 % trimmed mean of the wall-clock time per connection, and the
 * median CPU time of the connecting thread (vpce's own work, which the server's share does not blur and the load
 * blurs less). Then the same for a pooled {@code SELECT 1} (HikariCP, as in {@link JdbcBenchmark}), in batches
 * of 100 queries alternating between the pools ({@code rounds / 10} batches). Run it from the repository
 * root (the hostname resolves through {@code benchmarks/jdbc.hosts}):
 *
 * <pre>java -Djdk.net.hosts.file=benchmarks/jdbc.hosts -Daws.disableEc2Metadata=true \
 *     -cp benchmarks/target/benchmarks.jar dev.vpce.benchmarks.JdbcConnectHarness [rounds] [warm-up rounds]</pre>
 */
public final class JdbcConnectHarness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private JdbcConnectHarness() {}

  /** One way of opening a connection, and what each connection cost. */
  record Path(String name, String url, List<Long> wallNanos, List<Long> cpuNanos) {
    Path(String name, String url) {
      this(name, url, new ArrayList<>(), new ArrayList<>());
    }

    void connect(boolean record) throws SQLException {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url)) {
        if (c.isClosed()) {
          throw new IllegalStateException(name + ": a new connection says it is closed");
        }
      }
      long wall = System.nanoTime() - start;
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      if (record) {
        wallNanos.add(wall);
        cpuNanos.add(cpu);
      }
    }
  }

  /**
   * Runs the comparison.
   *
   * @param args rounds measured (default 3000) and warm-up rounds (default 1500)
   * @throws Exception when the database or a connection fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
    if (System.getProperty("jdk.net.hosts.file") == null) {
      throw new IllegalStateException("run JdbcConnectHarness from the repository root with "
          + "-Djdk.net.hosts.file=benchmarks/jdbc.hosts, so that no lookup leaves the machine");
    }
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM does not measure thread CPU time");
    }
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        PrivateLink privateLink = PrivateLink.builder()
            .bind(Binding.builder(JdbcBenchmark.HOST).regionalDnsName(JdbcBenchmark.REGIONAL).build())
            .placement(Placement.ofZoneName("us-east-1a"))
            .nameResolver(name -> new DnsAnswer(List.of(loopback), Duration.ofMinutes(10)))
            .build()) {
      privateLink.resolve(JdbcBenchmark.HOST); // start-up done before the first connection
      VpceJdbc.register(privateLink);
      try {
        String where = JdbcBenchmark.HOST + ":" + pg.getPort() + "/postgres?user=postgres";
        List<Path> paths = List.of(
            new Path("plain pgJDBC", "jdbc:postgresql://" + where),
            new Path("jdbc:vpce:", "jdbc:vpce:postgresql://" + where),
            new Path("socket factory", "jdbc:postgresql://" + where + "&socketFactory="
                + PostgresSocketFactory.class.getName()));
        for (int r = 0; r < warm + rounds; r++) {
          for (int i = 0; i < paths.size(); i++) {
            paths.get((r + i) % paths.size()).connect(r >= warm);
          }
        }
        print(paths, rounds, warm);
        pooled(JdbcBenchmark.pool(paths.get(0).url(), "plain"), JdbcBenchmark.pool(paths.get(1).url(), "vpce"),
            rounds / 10);
      } finally {
        VpceJdbc.unregister(privateLink);
      }
    }
  }

  /**
   * A pooled {@code SELECT 1} without and with vpce (a {@code jdbc:vpce:} URL and a {@link PoolFailback}),
   * interleaved: batches of 100 queries, alternating pools; per path the median over batches of the mean
   * wall-clock and CPU time per query.
   */
  private static void pooled(HikariDataSource plain, HikariDataSource vpce, int batches) throws SQLException {
    try (plain; vpce) {
      PoolFailback failback = PoolFailback.forHikari(vpce);
      try {
        List<Path> paths = List.of(new Path("pooled plain", null), new Path("pooled vpce", null));
        List<HikariDataSource> pools = List.of(plain, vpce);
        for (int b = 0; b < 200 + batches; b++) { // 200 batches of warm-up
          for (int i = 0; i < pools.size(); i++) {
            int k = (b + i) % pools.size();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int q = 0; q < 100; q++) {
              JdbcBenchmark.select1(pools.get(k));
            }
            long wall = System.nanoTime() - start;
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            if (b >= 200) {
              paths.get(k).wallNanos().add(wall / 100);
              paths.get(k).cpuNanos().add(cpu / 100);
            }
          }
        }
        System.out.printf(Locale.ROOT, "%n%d batches of 100 pooled SELECT 1 per pool after 200 warm-up batches%n",
            batches);
        table(paths);
      } finally {
        failback.close(); // before its pool
      }
    }
  }

  private static void print(List<Path> paths, int rounds, int warm) {
    System.out.printf(Locale.ROOT, "%d rounds measured after %d warm-up rounds; one connection per path per round%n",
        rounds, warm);
    table(paths);
  }

  private static void table(List<Path> paths) {
    System.out.printf(Locale.ROOT, "%-15s %12s %8s %16s %8s %15s %11s%n", "path", "median µs", "ratio",
        "10%-trimmed µs", "ratio", "client CPU µs", "CPU added");
    Path base = paths.get(0);
    double baseMedian = median(base.wallNanos());
    double baseTrimmed = trimmedMean(base.wallNanos());
    double baseCpu = median(base.cpuNanos());
    for (Path p : paths) {
      double m = median(p.wallNanos());
      double t = trimmedMean(p.wallNanos());
      double cpu = median(p.cpuNanos());
      System.out.printf(Locale.ROOT, "%-15s %12.1f %8.3f %16.1f %8.3f %15.1f %+11.1f%n", p.name(), m / 1e3,
          m / baseMedian, t / 1e3, t / baseTrimmed, cpu / 1e3, (cpu - baseCpu) / 1e3);
    }
  }

  static double median(List<Long> values) {
    long[] v = sorted(values);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
  }

  static double trimmedMean(List<Long> values) {
    long[] v = sorted(values);
    int cut = v.length / 10;
    double sum = 0;
    for (int i = cut; i < v.length - cut; i++) {
      sum += v[i];
    }
    return sum / (v.length - 2 * cut);
  }

  private static long[] sorted(List<Long> values) {
    long[] v = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(v);
    return v;
  }
}
