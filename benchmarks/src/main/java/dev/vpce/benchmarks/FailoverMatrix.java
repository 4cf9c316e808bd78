package dev.vpce.benchmarks;

import dev.vpce.BreakerState;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import dev.vpce.testkit.ZoneFront;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 12, section 1: failover against today's practice. Three zones of the kit on loopback, an HTTPS service
 * and a PostgreSQL behind two endpoints, the client in {@value #LOCAL}, and in the same run, each on its own
 * thread with steady traffic (one new connection per request, a pause of {@code pace} between requests):
 *
 * <ul>
 *   <li>HTTP (HttpClient 5 classic): vpce ({@link PrivateLinkHttpClient5}); (a) the regional name with the JVM
 *       resolver's behaviour; (b) the local zonal name hard-coded, no fallback (the Terraform recipe: the logical
 *       name a CNAME to one zonal name);</li>
 *   <li>JDBC (pgJDBC): vpce (its socket factory); (a) the regional name; (b) the local zonal name; (c) pgJDBC's
 *       multi-host URL with the local and zone b's zonal names.</li>
 * </ul>
 *
 * <p>Every name of the status quo clients is resolved through the kit's DNS server
 * ({@link dev.vpce.statusquo.StatusQuoResolver}, shared with the demo), so DNS faults reach them as they reach
 * vpce. Each scenario ({@link MatrixScenario}) gets a fresh
 * {@link PrivateLink} and fresh clients and runs healthy, fault, recovered. Connect timeout 2 s everywhere
 * (vpce's default; pgJDBC {@code connectTimeout=2}). JDBC runs without TLS on every client alike (the zonal
 * names are not in the test certificate); HTTP verifies TLS on the logical hostname for every client.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vpce.benchmarks.FailoverMatrix [key=value ...]</pre>
 *
 * <p>See {@link MatrixOptions#USAGE} for the phase lengths; {@link ArmStats} defines each figure.
 */
public final class FailoverMatrix {
  static final String HTTP_HOST = "orders.internal.example.com";
  static final String DB_HOST = "ledger-db.internal.example.com";
  static final String ORDERS = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  static final String LEDGER = "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210";
  static final String LOCAL = "us-east-1a";
  static final String OTHER = "us-east-1b";
  /** vpce's defaults, set explicitly so the fail-back target's open time is computed from the same values. */
  static final Duration OPEN_WAIT = Duration.ofSeconds(5);
  static final Duration MAX_OPEN_WAIT = Duration.ofMinutes(1);
  static final List<String> HTTP_CLIENTS = List.of("vpce HTTP", "(a) regional HTTP", "(b) zonal HTTP");
  static final List<String> JDBC_CLIENTS = List.of("vpce JDBC", "(a) regional JDBC", "(b) zonal JDBC",
      "(c) pgJDBC multi-host");
  private static final int WARM_UP = 5;

  /** Everything one run measured. */
  record Result(MatrixOptions options, List<ArmStats> stats) {}

  private FailoverMatrix() {}

  public static void main(String[] args) throws Exception {
    // pgJDBC looks the URL's host up in the JVM before the socket factory sees it: resolve through a hosts file
    // naming only localhost, so no lookup leaves the machine and the socket gets the name unresolved.
    if (System.getProperty("jdk.net.hosts.file") == null) {
      Path hosts = Files.createTempFile("vpce-matrix-hosts", "");
      hosts.toFile().deleteOnExit();
      Files.writeString(hosts, "127.0.0.1 localhost\n");
      System.setProperty("jdk.net.hosts.file", hosts.toString());
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    MatrixOptions options;
    try {
      options = MatrixOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("FailoverMatrix: " + e.getMessage());
      System.exit(2);
      return;
    }
    Result result = run(options, System.out);
    MatrixReport.print(result, System.out);
    System.exit(0);
  }

  /** Runs every scenario of {@code options}; {@code out} gets one progress line per scenario. */
  static Result run(MatrixOptions o, PrintStream out) throws Exception {
    List<ArmStats> stats = new ArrayList<>();
    try (TlsServer tls = TlsServer.start(HTTP_HOST); EmbeddedPostgres pg = o.jdbc() ? startPostgres() : null) {
      LocalPrivateLink.Builder kb = LocalPrivateLink.builder().dnsTtl(o.dnsTtl()).instanceZone(LOCAL)
          .endpoint(ORDERS, e -> e.target(tls.address()));
      if (pg != null) {
        kb.endpoint(LEDGER, e -> e.target(new InetSocketAddress(InetAddress.getLoopbackAddress(), pg.getPort())));
      }
      try (LocalPrivateLink kit = kb.build()) {
        for (MatrixScenario scenario : o.scenarios()) {
          long t = System.nanoTime();
          List<ArmStats> mine = scenario(kit, tls, scenario, o);
          stats.addAll(mine);
          out.printf(Locale.ROOT, "%s: %.0f s; failed requests %s%n", scenario.label(), (System.nanoTime() - t) / 1e9,
              mine.stream().map(s -> s.client() + " " + (s.faultFailed() + s.afterFailed())).toList());
        }
      }
    }
    return new Result(o, List.copyOf(stats));
  }

  static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200").start();
  }

  /** A breaker transition ({@code to} set) or a counted failed connect ({@code cause} set) vpce reported. */
  private record Event(long at, InetSocketAddress target, BreakerState to, String cause) {}

  private static List<ArmStats> scenario(LocalPrivateLink kit, TlsServer tls, MatrixScenario scenario,
      MatrixOptions o) throws Exception {
    kit.reset();
    Map<InetAddress, String> zoneOf = new HashMap<>();
    for (EmulatedEndpoint e : kit.endpoints()) {
      for (ZoneFront f : e.fronts()) {
        zoneOf.put(f.ip(), f.zone().name());
      }
    }
    List<Event> events = new CopyOnWriteArrayList<>();
    long[] origin = {System.nanoTime()};
    PrivateLink.Builder pl = LocalPrivateLinks.builder(kit)
        .bind(HTTP_HOST, ORDERS)
        .refreshInterval(o.refresh())
        .breakerOpenWait(OPEN_WAIT)
        .breakerMaxOpenWait(MAX_OPEN_WAIT)
        .listener(new PrivateLinkListener() {
          @Override
          public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {
            events.add(new Event(System.nanoTime() - origin[0], target, to, null));
          }

          @Override
          public void connectFailed(InetSocketAddress target, IOException cause, boolean counted) {
            if (counted) {
              events.add(new Event(System.nanoTime() - origin[0], target, null, String.valueOf(cause)));
            }
          }
        });
    if (o.jdbc()) {
      pl.bind(DB_HOST, LEDGER);
    }
    List<AutoCloseable> closers = new ArrayList<>();
    try (PrivateLink privateLink = pl.build()) {
      privateLink.route(HTTP_HOST); // start-up (placement, discovery, DNS) before traffic
      Map<String, MatrixClients.Arm> arms = MatrixClients.arms(kit, tls, privateLink, o, closers);
      for (int i = 0; i < WARM_UP; i++) {
        for (MatrixClients.Arm a : arms.values()) {
          try {
            a.probe().call();
          } catch (Exception ignored) {
            // healthy world; a failure here shows again, counted, in the healthy phase
          }
        }
      }
      Map<String, List<MatrixSample>> samples = new LinkedHashMap<>();
      arms.keySet().forEach(k -> samples.put(k, new CopyOnWriteArrayList<>()));
      AtomicInteger phase = new AtomicInteger(); // the client threads read it: shared, so atomic
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      origin[0] = System.nanoTime();
      events.clear();
      for (MatrixClients.Arm arm : arms.values()) {
        Thread t = new Thread(() -> loop(arm, samples.get(arm.name()), origin[0], phase, running, o.pace()),
            "matrix-" + arm.name().replaceAll("\\W+", "-"));
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      sleepUntil(origin[0], o.healthy());
      // a request that starts while the fault is being applied (zone by zone, endpoint by endpoint) or healed is
      // the fault's: the healthy and recovered phases hold only requests that started in a healthy world
      long faultStart = System.nanoTime() - origin[0];
      phase.set(1);
      scenario.apply(kit, LOCAL, true);
      sleepUntil(origin[0], o.healthy().plus(scenario.faultLength(o)));
      long waitedUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (o.minFaultRequests() > 0 && System.nanoTime() < waitedUntil && samples.values().stream()
          .anyMatch(l -> l.stream().filter(m -> m.phase() == 1).count() < o.minFaultRequests())) {
        Thread.sleep(20);
      }
      scenario.apply(kit, LOCAL, false);
      long healAt = System.nanoTime() - origin[0];
      phase.set(2);
      sleepUntil(origin[0], Duration.ofNanos(healAt).plus(o.recovery()));
      running.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
      List<ArmStats> stats = new ArrayList<>();
      for (MatrixClients.Arm arm : arms.values()) {
        ArmStats.Breaker breaker = arm.vpce()
            ? breaker(events, kit.endpoint(arm.service()), faultStart, healAt)
            : ArmStats.Breaker.NONE;
        List<MatrixSample> mine = arm.vpce()
            ? paid(samples.get(arm.name()), events, kit.endpoint(arm.service()).port())
            : samples.get(arm.name());
        stats.add(ArmStats.of(scenario, arm.name(), arm.vpce(), mine, faultStart, healAt, zoneOf, LOCAL, breaker,
            o.pace()));
      }
      return stats;
    } finally {
      for (AutoCloseable c : closers) {
        c.close();
      }
      scenario.apply(kit, LOCAL, false);
    }
  }

  /**
   * The samples with the failed connects vpce counted for this endpoint while each ran: one vpce client per
   * endpoint makes one request at a time, so the time window attributes each failure to its request.
   */
  private static List<MatrixSample> paid(List<MatrixSample> samples, List<Event> events, int port) {
    List<MatrixSample> out = new ArrayList<>();
    for (MatrixSample s : samples) {
      int n = 0;
      for (Event e : events) {
        if (e.cause() != null && e.target().getPort() == port && e.at() >= s.start() && e.at() <= s.end()) {
          n++;
        }
      }
      out.add(new MatrixSample(s.phase(), s.start(), s.end(), s.served(), s.error(), n));
    }
    return out;
  }

  /** The local zone's breaker: when it first opened in the fault phase, and its open time in force at the heal. */
  private static ArmStats.Breaker breaker(List<Event> events, EmulatedEndpoint endpoint, long faultStart,
      long healAt) {
    InetSocketAddress local = endpoint.zone(LOCAL).address();
    long firstOpen = -1;
    int opens = 0;
    int healthyFailed = 0;
    String healthyCause = null;
    BreakerState state = BreakerState.CLOSED;
    for (Event e : events) {
      if (e.cause() != null) {
        if (e.at() < faultStart && e.target().getPort() == endpoint.port()) {
          healthyFailed++;
          healthyCause = healthyCause == null ? e.target() + ": " + e.cause() : healthyCause;
        }
        continue;
      }
      if (!e.target().equals(local) || e.at() > healAt) {
        continue;
      }
      if (e.to() == BreakerState.OPEN) {
        opens++;
        if (firstOpen < 0 && e.at() >= faultStart) {
          firstOpen = e.at();
        }
      } else if (e.to() == BreakerState.CLOSED) {
        opens = 0;
      }
      state = e.to();
    }
    Duration wait = null;
    if (state != BreakerState.CLOSED) {
      // a trial running at the heal (HALF_OPEN) against the still-faulty zone reopens with the next wait
      int n = state == BreakerState.HALF_OPEN ? opens + 1 : opens;
      long millis = OPEN_WAIT.toMillis() * (1L << Math.min(20, Math.max(0, n - 1)));
      wait = Duration.ofMillis(Math.min(millis, MAX_OPEN_WAIT.toMillis()));
    }
    return new ArmStats.Breaker(firstOpen, wait, healthyFailed, healthyCause);
  }

  private static void loop(MatrixClients.Arm arm, List<MatrixSample> samples, long origin, AtomicInteger phase,
      AtomicBoolean running, Duration pace) {
    while (running.get()) {
      int p = phase.get();
      long t0 = System.nanoTime();
      InetAddress served = null;
      String error = null;
      try {
        served = arm.probe().call();
      } catch (Exception e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      long t1 = System.nanoTime();
      if (p == 0 && phase.get() > 0) {
        p = 1; // still running when the fault began: the fault's, so the healthy baseline stays clean
      }
      samples.add(new MatrixSample(p, t0 - origin, t1 - origin, served, error, 0));
      try {
        Thread.sleep(pace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void sleepUntil(long origin, Duration sinceOrigin) throws InterruptedException {
    long end = origin + sinceOrigin.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }
}
