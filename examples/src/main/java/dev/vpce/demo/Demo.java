package dev.vpce.demo;

import dev.vpce.BreakerState;
import dev.vpce.Endpoint;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.jdbc.VpceJdbc;
import dev.vpce.statusquo.JdbcProbe;
import dev.vpce.statusquo.StatusQuoHttpClient;
import dev.vpce.statusquo.StatusQuoResolver;
import dev.vpce.statusquo.StatusQuoSocketFactory;
import dev.vpce.statusquo.TracingPostgresSocketFactory;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import dev.vpce.testkit.ZoneFront;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The project's main job on one machine: a {@link LocalPrivateLink} with three zones, an HTTPS service and a
 * PostgreSQL behind it, a client in zone a, and steady traffic through HttpClient 5 and JDBC twice side by
 * side, through vpce and the way it is done today (the hostname resolved by DNS, no vpce), through six
 * phases of faults. Prints a live progress line, a table per phase and a summary, and writes an HTML report.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests && java -jar examples/target/vpce-demo.jar
 * </pre>
 */
public final class Demo {
  static final String HTTP_HOST = "orders.internal.example.com";
  static final String DB_HOST = "ledger-db.internal.example.com";
  static final String ORDERS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  static final String LEDGER_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210";
  static final String LOCAL_ZONE = "us-east-1a";
  /** The status quo JDBC client's {@code socketFactoryArg}. */
  private static final String STATUS_QUO = "demo";
  static final List<String> CLIENTS = List.of("vpce http", "status quo http", "vpce jdbc", "status quo jdbc");
  /** Between two requests of one client. */
  private static final long PACE_MS = 40;
  private static final int WARM_UP_REQUESTS = 5;

  private final DemoOptions options;
  private final PrintStream out;
  private final Style style;
  /** A live progress line: only on a console. */
  private final boolean live;
  private volatile boolean running;
  private volatile int currentPhase;

  private Demo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.live = System.console() != null;
    this.style = new Style(options.colour() && live);
  }

  public static void main(String[] args) throws Exception {
    // pgJDBC looks the database's logical hostname up in the JVM before vpce's socket sees it: resolve through
    // a hosts file only, so no lookup leaves the machine. Set before the first lookup of this JVM.
    if (System.getProperty("jdk.net.hosts.file") == null) {
      Path hosts = Files.createTempFile("vpce-demo-hosts", "");
      hosts.toFile().deleteOnExit();
      Files.writeString(hosts, "127.0.0.1 localhost\n");
      System.setProperty("jdk.net.hosts.file", hosts.toString());
    }
    // the demo prints what vpce does itself; the libraries' own logs only for errors unless asked for
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.println(DemoOptions.USAGE);
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("vpce demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoResult result = run(options, System.out);
    boolean vpceClean = result.clients().stream().filter(ClientSummary::vpce).allMatch(c -> c.failed() == 0);
    System.exit(vpceClean ? 0 : 1);
  }

  /** Runs the whole demo and returns what it measured; {@code out} gets the progress and the tables. */
  public static DemoResult run(DemoOptions options, PrintStream out) throws Exception {
    return new Demo(options, out).run();
  }

  private DemoResult run() throws Exception {
    long begun = System.nanoTime();
    Duration phase = options.phase();
    List<String> clients = options.httpOnly() ? CLIENTS.subList(0, 2) : CLIENTS;
    out.println(style.bold("vpce demo") + ": three zones on loopback, the client in " + LOCAL_ZONE + ", "
        + Phase.values().length + " phases of " + human(phase.toMillis()) + ", clients: " + String.join(", ", clients));
    out.println("starting the kit, the HTTPS service" + (options.httpOnly() ? "" : " and PostgreSQL") + " ...");
    long ttlSeconds = Math.max(1, phase.toSeconds() / 4);
    try (TlsServer server = TlsServer.start(HTTP_HOST);
        DemoDatabase db = options.httpOnly() ? null : DemoDatabase.start(DB_HOST)) {
      LocalPrivateLink.Builder kb = LocalPrivateLink.builder()
          .dnsTtl(Duration.ofSeconds(ttlSeconds))
          .instanceZone(LOCAL_ZONE)
          .endpoint(ORDERS_SERVICE, e -> e.target(server.address()));
      if (db != null) {
        kb.endpoint(LEDGER_SERVICE, e -> e.target(db.address()));
      }
      try (LocalPrivateLink kit = kb.build()) {
        return run(kit, server, db, clients, ttlSeconds, begun);
      }
    }
  }

  private DemoResult run(LocalPrivateLink kit, TlsServer server, DemoDatabase db, List<String> clients,
      long ttlSeconds, long begun) throws Exception {
    Duration phase = options.phase();
    EmulatedEndpoint orders = kit.endpoint(ORDERS_SERVICE);
    EmulatedEndpoint ledger = db == null ? null : kit.endpoint(LEDGER_SERVICE);
    // the private hosted zone applications use today: the logical names are CNAMEs to the regional names
    kit.dns().cname(HTTP_HOST, orders.regionalDnsName(), Duration.ofSeconds(ttlSeconds));
    if (ledger != null) {
      kit.dns().cname(DB_HOST, ledger.regionalDnsName(), Duration.ofSeconds(ttlSeconds));
    }
    Map<InetAddress, String> zoneOf = new HashMap<>();
    Map<InetSocketAddress, String> frontName = new HashMap<>();
    for (EmulatedEndpoint e : kit.endpoints()) {
      String host = e == orders ? HTTP_HOST : DB_HOST;
      for (ZoneFront f : e.fronts()) {
        zoneOf.put(f.ip(), f.zone().name());
        frontName.put(new InetSocketAddress(f.ip(), e.port()), host + " zone " + zoneLetter(f.zone().name()));
      }
    }
    List<String> events = new CopyOnWriteArrayList<>();
    long[] trafficStart = {System.nanoTime()};
    PrivateLinkListener listener = new PrivateLinkListener() {
      @Override
      public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {
        events.add(at(trafficStart[0]) + " breaker " + frontName.getOrDefault(
            new InetSocketAddress(target.getAddress(), target.getPort()), String.valueOf(target)) + ": " + from
            + " -> " + to);
      }

      @Override
      public void endpointChanged(String host, Endpoint previous, Endpoint current) {
        if (!previous.state().equals(current.state())) {
          events.add(at(trafficStart[0]) + " " + host + ": endpoint " + previous.state() + " -> "
              + current.state() + " (route kept)");
        }
      }

      @Override
      public void refreshFailed(String host, String what, Throwable cause) {
        events.add(at(trafficStart[0]) + " " + host + ": " + what.replaceAll("\\.vpce-svc-.*", "…")
            + " failed, last answer kept");
      }
    };
    Duration breakerWait = Duration.ofMillis(Math.max(200, phase.toMillis() / 10));
    PrivateLink.Builder plb = LocalPrivateLinks.builder(kit)
        .bind(HTTP_HOST, ORDERS_SERVICE)
        .refreshInterval(Duration.ofMillis(Math.max(250, phase.toMillis() / 4)))
        .breakerOpenWait(breakerWait)
        .breakerMaxOpenWait(breakerWait.multipliedBy(4))
        .listener(listener);
    if (ledger != null) {
      plb.bind(DB_HOST, LEDGER_SERVICE);
    }
    StatusQuoResolver statusQuo = new StatusQuoResolver(kit.dns().address(), Duration.ofSeconds(1), Map.of());
    try (PrivateLink privateLink = plb.build();
        CloseableHttpClient vpceHttp = PrivateLinkHttpClient5.builder(privateLink)
            .connectTimeout(Duration.ofSeconds(1)).sslContext(server.clientContext()).build();
        CloseableHttpClient plainHttp = StatusQuoHttpClient.build(statusQuo, server.clientContext(),
            Duration.ofSeconds(1))) {
      VpceJdbc.register(privateLink);
      StatusQuoSocketFactory.register(STATUS_QUO, statusQuo);
      try {
        privateLink.route(HTTP_HOST); // start-up: placement, discovery and DNS, before the clock runs
        if (ledger != null) {
          privateLink.route(DB_HOST);
        }
        URI url = URI.create("https://" + HTTP_HOST + ":" + orders.port() + "/orders/1");
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        probes.put("vpce http", () -> http(vpceHttp, url, zoneOf));
        probes.put("status quo http", () -> http(plainHttp, url, zoneOf));
        if (ledger != null) {
          String base = "jdbc:postgresql://" + DB_HOST + ":" + ledger.port() + "/postgres?user=postgres"
              + "&sslmode=verify-full&sslrootcert=" + db.rootCert() + "&connectTimeout=2&socketTimeout=5";
          String vpceUrl = base + "&socketFactory=" + TracingPostgresSocketFactory.class.getName();
          String statusQuoUrl = base + "&socketFactory=" + StatusQuoSocketFactory.class.getName()
              + "&socketFactoryArg=" + STATUS_QUO;
          probes.put("vpce jdbc", () -> JdbcProbe.selectOne(vpceUrl));
          probes.put("status quo jdbc", () -> JdbcProbe.selectOne(statusQuoUrl));
        }
        warmUp(probes);
        out.println("ready after " + human(elapsedMs(begun)) + "; " + explain(ttlSeconds));
        return drive(kit, privateLink, probes, events, trafficStart, zoneOf, begun);
      } finally {
        VpceJdbc.unregister(privateLink);
        StatusQuoSocketFactory.unregister(STATUS_QUO);
      }
    }
  }

  private String explain(long ttlSeconds) {
    return "status quo: the logical name resolved by DNS (TTL " + ttlSeconds + " s, answers in random order), "
        + "HttpClient tries each address, pgJDBC the first; one connection per request, so each shows its zone";
  }

  @FunctionalInterface
  interface Probe {
    /** One request; returns the address that served it. */
    InetAddress call() throws Exception;
  }

  /** A few uncounted requests per client, so the first phase measures the clients, not the JVM warming up. */
  private static void warmUp(Map<String, Probe> probes) {
    for (int i = 0; i < WARM_UP_REQUESTS; i++) {
      for (Probe p : probes.values()) {
        try {
          p.call();
        } catch (Exception ignored) {
          // the world is healthy; a failure here shows up again, counted, in the first phase
        }
      }
    }
  }

  private DemoResult drive(LocalPrivateLink kit, PrivateLink privateLink, Map<String, Probe> probes,
      List<String> events, long[] trafficStart, Map<InetAddress, String> zoneOf, long begun) throws Exception {
    Phase[] phases = Phase.values();
    long phaseMs = options.phase().toMillis();
    List<Sample> samples = new CopyOnWriteArrayList<>();
    long[] phaseStarts = new long[phases.length];
    running = true;
    trafficStart[0] = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (Map.Entry<String, Probe> p : probes.entrySet()) {
      Thread t = new Thread(() -> loop(p.getKey(), p.getValue(), trafficStart[0], samples, zoneOf),
          "vpce-demo-" + p.getKey().replace(' ', '-'));
      t.setDaemon(true);
      threads.add(t);
    }
    List<PhaseStats> stats = new ArrayList<>();
    List<List<String>> phaseEvents = new ArrayList<>();
    int eventsSeen = 0;
    for (int i = 0; i < phases.length; i++) {
      phaseStarts[i] = elapsedMs(trafficStart[0]);
      apply(kit, phases[i], true); // first the fault, then the label: a request of this phase meets its fault
      currentPhase = i;
      if (i == 0) {
        threads.forEach(Thread::start);
      }
      long end = trafficStart[0] + TimeUnit.MILLISECONDS.toNanos(phaseStarts[i] + phaseMs);
      boolean restoredMidway = false;
      while (System.nanoTime() < end) {
        if (!restoredMidway && phases[i] == Phase.PENDING
            && System.nanoTime() > end - TimeUnit.MILLISECONDS.toNanos(phaseMs / 2)) {
          apply(kit, phases[i], false); // "briefly": available again half-way
          restoredMidway = true;
        }
        progress(phases, i, phaseStarts[i], trafficStart[0], samples, probes.keySet());
        Thread.sleep(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
      }
      List<String> mine = new ArrayList<>(events.subList(eventsSeen, events.size()));
      eventsSeen = events.size();
      phaseEvents.add(mine);
      Map<String, String> breakers = breakers(kit, privateLink);
      for (String client : probes.keySet()) {
        int index = i;
        double slowMs = stats.stream().filter(p -> p.client().equals(client) && p.phase() == Phase.HEALTHY)
            .mapToDouble(p -> Math.max(PhaseStats.MIN_SLOW_MS, 2 * p.p99Ms())).findFirst().orElse(PhaseStats.MIN_SLOW_MS);
        List<Sample> inPhase = samples.stream().filter(s -> s.client().equals(client) && s.phase() == index).toList();
        String b = client.startsWith("vpce") ? breakers.get(client.endsWith("http") ? ORDERS_SERVICE : LEDGER_SERVICE)
            : "none";
        stats.add(PhaseStats.of(client, phases[i], phaseStarts[i], inPhase, LOCAL_ZONE, b, slowMs));
      }
      if (live) {
        out.print("\r\033[2K");
      }
      out.println(DemoReport.phaseTable(i, phases.length, stats.subList(stats.size() - probes.size(), stats.size()),
          mine, style));
    }
    running = false;
    for (Thread t : threads) {
      t.join(10_000);
    }
    apply(kit, Phase.DNS_DOWN, false);
    List<ClientSummary> summaries = new ArrayList<>();
    for (String client : probes.keySet()) {
      List<Sample> mine = samples.stream().filter(s -> s.client().equals(client)).toList();
      summaries.add(ClientSummary.of(client, mine, stats.stream().filter(p -> p.client().equals(client)).toList(),
          LOCAL_ZONE));
    }
    String summary = DemoReport.summaryTable(summaries);
    out.println(style.bold("Summary") + " (" + human(phaseMs) + " phases, client in " + LOCAL_ZONE + ")");
    out.println(summary);
    Path html = options.html().toAbsolutePath();
    if (html.getParent() != null) {
      Files.createDirectories(html.getParent());
    }
    Files.writeString(html, DemoReport.html(options, summaries, stats, phaseEvents, samples, phaseStarts,
        elapsedMs(trafficStart[0])));
    out.println("HTML report: " + html);
    out.println("done in " + human(elapsedMs(begun)));
    return new DemoResult(summaries, stats, List.copyOf(samples), summary, html);
  }

  private void loop(String client, Probe probe, long start, List<Sample> samples, Map<InetAddress, String> zoneOf) {
    while (running) {
      int phase = currentPhase;
      long t0 = System.nanoTime();
      String zone = null;
      String error = null;
      try {
        InetAddress served = probe.call();
        zone = zoneOf.getOrDefault(served, String.valueOf(served));
      } catch (Exception e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      long t1 = System.nanoTime();
      samples.add(new Sample(client, phase, TimeUnit.NANOSECONDS.toMillis(t0 - start), (t1 - t0) / 1e6, zone, error));
      try {
        Thread.sleep(PACE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void apply(LocalPrivateLink kit, Phase phase, boolean start) {
    switch (phase) {
      case HEALTHY -> { }
      case REFUSING -> kit.endpoints().forEach(e -> e.zone(LOCAL_ZONE).mode(BackendMode.REFUSE));
      case BLACKHOLED -> kit.endpoints().forEach(e -> e.zone(LOCAL_ZONE).mode(BackendMode.BLACKHOLE));
      case HEALED -> kit.endpoints().forEach(e -> e.zone(LOCAL_ZONE).mode(BackendMode.HEALTHY));
      case PENDING -> kit.endpoints().forEach(e -> e.state(start ? "pending" : "available"));
      case DNS_DOWN -> {
        for (EmulatedEndpoint e : kit.endpoints()) {
          Set<String> names = new LinkedHashSet<>();
          names.add(e.regionalDnsName());
          e.zones().forEach(z -> names.add(e.zonalDnsName(z.name())));
          if (e.privateDnsName() != null) {
            names.add(e.privateDnsName());
          }
          for (String n : names) {
            if (start) {
              kit.dns().fault(n, DnsFault.TIMEOUT);
            } else {
              kit.dns().clear(n);
            }
          }
        }
        for (String logical : List.of(HTTP_HOST, DB_HOST)) {
          if (start) {
            kit.dns().fault(logical, DnsFault.TIMEOUT);
          }
        }
      }
    }
  }

  /** Per endpoint (service name): "a CLOSED  b CLOSED  c CLOSED", the worst state of each zone's addresses. */
  private static Map<String, String> breakers(LocalPrivateLink kit, PrivateLink privateLink) {
    Map<InetSocketAddress, BreakerState> states = privateLink.breakerStates();
    Map<String, String> byService = new HashMap<>();
    for (EmulatedEndpoint e : kit.endpoints()) {
      StringBuilder sb = new StringBuilder();
      for (ZoneFront f : e.fronts()) {
        BreakerState s = states.getOrDefault(f.address(), BreakerState.CLOSED);
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(zoneLetter(f.zone().name())).append(':').append(s);
      }
      byService.put(e.serviceName(), sb.toString());
    }
    return byService;
  }

  static String zoneLetter(String zone) {
    return zone == null || zone.isEmpty() ? "?" : zone.substring(zone.length() - 1);
  }

  private void progress(Phase[] phases, int i, long phaseStart, long trafficStart, List<Sample> samples,
      Set<String> clients) {
    if (!live) {
      return;
    }
    StringBuilder sb = new StringBuilder("\r\033[2K");
    sb.append(style.bold("[" + (i + 1) + "/" + phases.length + " " + phases[i].label() + " "
        + human(elapsedMs(trafficStart) - phaseStart) + "]"));
    for (String c : clients) {
      long n = 0;
      long failed = 0;
      String lastZone = "-";
      for (Sample s : samples) {
        if (s.client().equals(c) && s.phase() == i) {
          n++;
          if (!s.ok()) {
            failed++;
          } else {
            lastZone = zoneLetter(s.zone());
          }
        }
      }
      sb.append("  ").append(c).append(' ').append(n).append(" req ")
          .append(failed == 0 ? style.green("0 failed") : style.red(failed + " failed"))
          .append(" zone ").append(lastZone);
    }
    out.print(sb);
    out.flush();
  }

  private static InetAddress http(CloseableHttpClient client, URI url, Map<InetAddress, String> zoneOf)
      throws IOException {
    HttpGet get = new HttpGet(url);
    get.setHeader("Connection", "close"); // one connection per request: each request shows its route
    HttpClientContext context = HttpClientContext.create();
    client.execute(get, context, response -> {
      if (response.getCode() != 200) {
        throw new IOException("HTTP " + response.getCode());
      }
      EntityUtils.consume(response.getEntity());
      return null;
    });
    return ((InetSocketAddress) context.getEndpointDetails().getRemoteAddress()).getAddress();
  }

  private static String at(long start) {
    return "+" + human(elapsedMs(start));
  }

  static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static String human(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** ANSI styling, or none. */
  record Style(boolean colour) {
    String bold(String s) {
      return colour ? "\033[1m" + s + "\033[0m" : s;
    }

    String green(String s) {
      return colour ? "\033[32m" + s + "\033[0m" : s;
    }

    String red(String s) {
      return colour ? "\033[31m" + s + "\033[0m" : s;
    }
  }
}
