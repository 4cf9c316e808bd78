package dev.vpce.benchmarks;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.Account;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.Zone;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 12, section 2: a fleet of {@code PrivateLink} instances in one JVM against one EC2 emulator that
 * enforces EC2's per-account token bucket for non-mutating actions (100, refilled 20 per second), on simulated
 * time.
 *
 * <p>What is real: every instance is a {@code PrivateLink} with vpce's default discovery (its own AWS SDK
 * {@code Ec2Client}, one attempt per call), a discovered binding of one of the emulator's services, its own
 * placement (spread over three zones) and the same account's static credentials, so the whole fleet shares
 * one bucket; every {@code DescribeVpcEndpoints} is an HTTP request over loopback to the emulator, which
 * answers HTTP 503 {@code RequestLimitExceeded} when the account's bucket is empty. What is simulated: time
 * (one {@link VirtualTimeExecutor} runs every instance's background work in time order and moves the clock the
 * instances and the bucket read), and DNS (answered from memory with the emulator's records and a 60 s TTL,
 * so that millions of refreshes cost no UDP; DNS is not what this harness measures).
 *
 * <p>Phases: a common start (every instance built in the same simulated instant, as a deployment of the whole
 * fleet), a steady span, then an EC2 outage (the emulator answers every call HTTP 500 {@code InternalError},
 * as the regional API does when it is down) while a sample of instances resolves every simulated second and
 * every instance once a simulated minute, then a recovery span.
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vpce.benchmarks.FleetHarness [key=value ...]</pre>
 * (see {@link #main}).
 */
public final class FleetHarness {
  static final String ACTION = "DescribeVpcEndpoints";
  static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
  static final Duration DNS_TTL = Duration.ofSeconds(60);
  /** The start-up phase, excluded from the "after start-up" figures (the deployment itself). */
  static final Duration START_UP = Duration.ofMinutes(10);

  private FleetHarness() {}

  /**
   * What to run.
   *
   * @param instances how many {@code PrivateLink}s
   * @param steady    simulated time from the common start to the outage
   * @param outage    how long EC2 answers errors
   * @param recovery  simulated time after the outage
   * @param sample    how many instances resolve every simulated second during the outage
   * @param services  how many endpoint services the emulator knows (instance i binds service i mod services)
   * @param threads   whether to count the threads of instances with their own threads (the default) too
   * @param refresh   the instances' {@code refreshInterval}
   */
  public record Config(int instances, Duration steady, Duration outage, Duration recovery, int sample, int services,
      boolean threads, Duration refresh) {}

  /** Calls per second and per minute over a window of simulated time. */
  public record Window(String name, long seconds, long calls, long throttled, double meanPerSecond,
      int peakPerSecond, double meanPerMinute, int peakPerMinute) {
    double peakToMeanPerSecond() {
      return meanPerSecond == 0 ? 0 : peakPerSecond / meanPerSecond;
    }

    double peakToMeanPerMinute() {
      return meanPerMinute == 0 ? 0 : peakPerMinute / meanPerMinute;
    }

    double throttledShare() {
      return calls == 0 ? 0 : throttled / (double) calls;
    }
  }

  /** Everything the run measured. */
  public record Report(Config config, List<Window> windows, Map<String, Integer> callsByAction,
      Map<String, Integer> throttledByAction, long describeCalls, long describeThrottled,
      Duration everyInstanceRoutedAfter, int instancesWithoutRoute, int withoutRouteAtOutage, long outageResolutions,
      long outageFailures, long outageRouteChanges, int instancesRefreshedAfterOutage, Duration allBackAfter,
      long dnsLookups, long tasksRun, double heapBytesPerInstance, Map<String, Integer> sharedThreadsByName,
      double defaultThreadsPerInstance, Map<String, Integer> defaultThreadsByName, Duration realTime) {
    Window window(String name) {
      return windows.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }
  }

  /**
   * Two runs, one after the other: the fleet at scale ({@code instances}, default 10,000) for {@code steady}
   * (default 30 min) and the outage, then a smaller fleet ({@code dayInstances}, default 300) for a whole
   * simulated day ({@code day}) and the outage. Arguments are {@code key=value}: instances, steady, dayInstances,
   * day, outage, recovery, sample, refresh (the instances' refreshInterval; durations in ISO-8601, e.g. PT30M).
   */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.log.dev.vpce") == null) {
      // thousands of instances each log their start-up and throttling; the report below says what happened
      System.setProperty("org.slf4j.simpleLogger.log.dev.vpce", "error");
    }
    Map<String, String> a = new HashMap<>(Map.of("instances", "10000", "steady", "PT30M", "dayInstances", "300",
        "day", "PT24H", "outage", "PT10M", "recovery", "PT45M", "sample", "1000", "refresh", "PT5M"));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0 || !a.containsKey(arg.substring(0, eq))) {
        throw new IllegalArgumentException("arguments are key=value with keys " + a.keySet() + ", but was '" + arg
            + "'");
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Duration outage = Duration.parse(a.get("outage"));
    Duration recovery = Duration.parse(a.get("recovery"));
    int sample = Integer.parseInt(a.get("sample"));
    Duration refresh = Duration.parse(a.get("refresh"));
    System.out.printf("machine: %d cores, %s, Java %s; load average at start %.2f%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    int instances = Integer.parseInt(a.get("instances"));
    if (instances > 0) {
      print(run(new Config(instances, Duration.parse(a.get("steady")), outage, recovery, sample, 10, true, refresh),
          System.err), System.out);
    }
    int dayInstances = Integer.parseInt(a.get("dayInstances"));
    if (dayInstances > 0) {
      System.out.println();
      print(run(new Config(dayInstances, Duration.parse(a.get("day")), outage, recovery, Math.min(sample,
          dayInstances), 10, false, refresh), System.err), System.out);
    }
  }

  /** Runs the fleet; progress goes to {@code progress}. */
  public static Report run(Config c, PrintStream progress) throws Exception {
    long realStart = System.nanoTime();
    VirtualTimeExecutor executor = new VirtualTimeExecutor(START);
    LocalPrivateLink.Builder world = LocalPrivateLink.builder();
    for (int k = 0; k < c.services(); k++) {
      world.endpoint(serviceName(k));
    }
    try (LocalPrivateLink kit = world.build()) {
      Account account = kit.callerAccount();
      StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
      MemoryDns dns = new MemoryDns(kit);
      List<Zone> zones = kit.zones();
      kit.ec2().tokenBucket(executor.clock());

      long heapBefore = usedHeapAfterGc();
      Set<Long> threadsBefore = threadIds();
      Instant[] routedAt = new Instant[c.instances()];
      List<PrivateLink> fleet = new ArrayList<>(c.instances());
      List<String> hosts = new ArrayList<>(c.instances());
      for (int i = 0; i < c.instances(); i++) {
        int index = i;
        String host = "svc" + (i % c.services()) + ".internal.example.com";
        fleet.add(PrivateLink.builder()
            .bind(host, serviceName(i % c.services()))
            .placement(Placement.ofZoneName(zones.get(i % zones.size()).name()))
            .region(kit.region())
            .ec2Endpoint(kit.ec2().endpoint())
            .ec2Credentials(credentials)
            .nameResolver(dns)
            .refreshInterval(c.refresh())
            .clock(executor.clock())
            .scheduledExecutor(executor)
            .listener(new PrivateLinkListener() {
              @Override
              public void endpointDiscovered(String h, Endpoint endpoint) {
                routedAt[index] = executor.now();
              }
            })
            .build());
        hosts.add(host);
      }
      progress.printf("fleet: %d instances built in %d ms (real time)%n", c.instances(),
          (System.nanoTime() - realStart) / 1_000_000);

      Instant outageStart = START.plus(c.steady());
      Instant outageEnd = outageStart.plus(c.outage());
      Instant end = outageEnd.plus(c.recovery());
      Instant costAt = START.plus(START_UP.compareTo(c.steady()) < 0 ? START_UP : c.steady());
      double heapPerInstance = Double.NaN;
      Map<String, Integer> sharedThreads = Map.of();
      for (Instant t = START; t.isBefore(outageStart); ) {
        Instant next = min(t.plus(Duration.ofMinutes(1)), outageStart);
        executor.runUntil(next);
        if (!next.isBefore(costAt) && Double.isNaN(heapPerInstance)) {
          heapPerInstance = (usedHeapAfterGc() - heapBefore) / (double) c.instances();
          sharedThreads = threadsByName(threadsBefore);
        }
        if (Duration.between(START, next).toMinutes() % (c.steady().toHours() > 2 ? 60 : 10) == 0) {
          progress.printf("fleet: simulated %s, %d tasks run, %d s real time%n", Duration.between(START, next),
              executor.tasksRun(), (System.nanoTime() - realStart) / 1_000_000_000);
        }
        t = next;
      }
      Instant lastRouted = START;
      int withoutRoute = 0;
      for (Instant at : routedAt) {
        if (at == null) {
          withoutRoute++;
        } else if (at.isAfter(lastRouted)) {
          lastRouted = at;
        }
      }

      // the outage: EC2 answers every call 500 InternalError; every instance must keep its last good route
      // an instance still starting (no route yet) is left out: its first resolve would wait for start-up
      List<List<InetAddress>> lastGood = new ArrayList<>(c.instances());
      int withoutRouteAtOutage = 0;
      for (int i = 0; i < c.instances(); i++) {
        boolean routed = fleet.get(i).status().bindings().get(0).route() != null;
        lastGood.add(routed ? routeOrNull(fleet.get(i), hosts.get(i)) : null);
        withoutRouteAtOutage += routed ? 0 : 1;
      }
      kit.ec2().fault(Ec2Fault.INTERNAL_ERROR);
      long resolutions = 0;
      long failures = 0;
      long changes = 0;
      int sample = Math.min(c.sample(), c.instances());
      for (Instant t = outageStart; t.isBefore(outageEnd); t = t.plusSeconds(1)) {
        executor.runUntil(t);
        boolean everyone = Duration.between(outageStart, t).toSeconds() % 60 == 0;
        for (int i = 0; i < (everyone ? c.instances() : sample); i++) {
          if (lastGood.get(i) == null) {
            continue;
          }
          resolutions++;
          List<InetAddress> now = routeOrNull(fleet.get(i), hosts.get(i));
          if (now == null) {
            failures++;
          } else if (!now.equals(lastGood.get(i))) {
            changes++;
          }
        }
      }
      executor.runUntil(outageEnd);
      kit.ec2().clearFault();
      progress.printf("fleet: outage over, %d resolutions, %d failed, %d other routes%n", resolutions, failures,
          changes);
      boolean[] back = new boolean[c.instances()];
      int refreshed = 0;
      Duration allBack = null;
      for (Instant t = outageEnd; t.isBefore(end); ) {
        Instant next = min(t.plus(Duration.ofMinutes(1)), end);
        executor.runUntil(next);
        if (allBack == null) {
          for (int i = 0; i < c.instances(); i++) {
            if (!back[i]) {
              Instant good = fleet.get(i).status().bindings().get(0).lastGoodDiscovery();
              if (good != null && !good.isBefore(outageEnd)) {
                back[i] = true;
                refreshed++;
              }
            }
          }
          if (refreshed == c.instances()) {
            allBack = Duration.between(outageEnd, next);
          }
        }
        t = next;
      }
      for (int i = 0; i < c.instances(); i++) {
        if (lastGood.get(i) == null) {
          continue;
        }
        List<InetAddress> now = routeOrNull(fleet.get(i), hosts.get(i));
        if (now == null) {
          failures++;
        } else if (!now.equals(lastGood.get(i))) {
          changes++;
        }
      }

      for (PrivateLink pl : fleet) {
        pl.close();
      }
      if (executor.pending() != 0) {
        throw new IllegalStateException("closed instances left " + executor.pending() + " tasks on the executor");
      }

      SortedMap<Instant, Integer> perSecond = kit.ec2().callsPerSecond(ACTION);
      SortedMap<Instant, Integer> throttledPerSecond = kit.ec2().throttledPerSecond(ACTION);
      List<Window> windows = new ArrayList<>();
      windows.add(window("first minute after the common start", perSecond, throttledPerSecond, START,
          START.plus(Duration.ofMinutes(1))));
      windows.add(window("start-up (first 10 min)", perSecond, throttledPerSecond, START, START.plus(START_UP)));
      if (c.steady().compareTo(START_UP) > 0) {
        windows.add(window("after start-up, to the outage", perSecond, throttledPerSecond, START.plus(START_UP),
            outageStart));
      }
      windows.add(window("whole span before the outage", perSecond, throttledPerSecond, START, outageStart));
      windows.add(window("outage", perSecond, throttledPerSecond, outageStart, outageEnd));
      windows.add(window("first 10 min after the outage", perSecond, throttledPerSecond, outageEnd,
          min(end, outageEnd.plus(Duration.ofMinutes(10)))));
      windows.add(window("recovery (all of it)", perSecond, throttledPerSecond, outageEnd, end));

      Map<String, Integer> byAction = new TreeMap<>();
      Map<String, Integer> throttledByAction = new TreeMap<>();
      for (String a : List.of(ACTION, "DescribeAvailabilityZones", "DescribeSubnets", "DescribeNetworkInterfaces")) {
        if (kit.ec2().calls(a) > 0) {
          byAction.put(a, kit.ec2().calls(a));
          throttledByAction.put(a, kit.ec2().throttledCalls(a));
        }
      }

      double defaultThreads = Double.NaN;
      Map<String, Integer> defaultThreadsByName = Map.of();
      if (c.threads()) {
        kit.ec2().noTokenBucket();
        int n = 20;
        Set<Long> before = threadIds();
        List<PrivateLink> own = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          PrivateLink pl = PrivateLink.builder().bind(hosts.get(i), serviceName(i % c.services()))
              .placement(Placement.ofZoneName(zones.get(i % zones.size()).name())).region(kit.region())
              .ec2Endpoint(kit.ec2().endpoint()).ec2Credentials(credentials).nameResolver(dns).build();
          pl.resolve(hosts.get(i));
          own.add(pl);
        }
        defaultThreadsByName = threadsByName(before);
        defaultThreads = defaultThreadsByName.values().stream().mapToInt(Integer::intValue).sum() / (double) n;
        own.forEach(PrivateLink::close);
      }

      return new Report(c, windows, byAction, throttledByAction, kit.ec2().calls(ACTION),
          kit.ec2().throttledCalls(ACTION), withoutRoute == 0 ? Duration.between(START, lastRouted) : null,
          withoutRoute, withoutRouteAtOutage, resolutions, failures, changes, refreshed, allBack, dns.lookups.sum(), executor.tasksRun(),
          heapPerInstance, sharedThreads, defaultThreads, defaultThreadsByName,
          Duration.ofNanos(System.nanoTime() - realStart));
    }
  }

  static String serviceName(int k) {
    return String.format(Locale.ROOT, "com.amazonaws.vpce.us-east-1.vpce-svc-%017x", 0xf1ee7000L + k);
  }

  private static List<InetAddress> routeOrNull(PrivateLink pl, String host) {
    try {
      return pl.resolve(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static Window window(String name, SortedMap<Instant, Integer> perSecond, SortedMap<Instant, Integer> throttled,
      Instant from, Instant to) {
    long seconds = Math.max(1, Duration.between(from, to).toSeconds());
    long calls = 0;
    long throttledCalls = 0;
    int peak = 0;
    Map<Long, Integer> perMinute = new HashMap<>();
    for (Map.Entry<Instant, Integer> e : perSecond.subMap(from, to).entrySet()) {
      calls += e.getValue();
      peak = Math.max(peak, e.getValue());
      perMinute.merge(Duration.between(from, e.getKey()).toMinutes(), e.getValue(), Integer::sum);
    }
    for (int n : throttled.subMap(from, to).values()) {
      throttledCalls += n;
    }
    long minutes = Math.max(1, seconds / 60);
    int peakMinute = perMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Window(name, seconds, calls, throttledCalls, calls / (double) seconds, peak,
        calls / (double) minutes, peakMinute);
  }

  /** The highest per-second count a Poisson process with this mean reaches about once in {@code seconds}. */
  static int poissonPeak(double mean, long seconds) {
    if (mean <= 0) {
      return 0;
    }
    double logP = -mean; // in logs, so that large means do not underflow
    double cdf = Math.exp(logP);
    int k = 0;
    int limit = (int) (mean + 50 * Math.sqrt(mean) + 100);
    while ((1 - cdf) * seconds >= 0.5 && k < limit) {
      k++;
      logP += Math.log(mean) - Math.log(k);
      cdf += Math.exp(logP);
    }
    return k;
  }

  static void print(Report r, PrintStream out) {
    Config c = r.config();
    out.printf("Fleet harness: %d instances, %d services, one account (one token bucket: 100, +20/s), refresh %s, simulated %s"
        + " + %s EC2 outage (HTTP 500 InternalError) + %s recovery; real time %d s%n", c.instances(), c.services(),
        c.refresh(), c.steady(), c.outage(), c.recovery(), r.realTime().toSeconds());
    out.printf("%n| window (simulated) | %s calls | throttled | mean/s | peak/s | peak/mean (s) | Poisson peak/s | "
        + "mean/min | peak/min | peak/mean (min) |%n|---|---|---|---|---|---|---|---|---|---|%n", ACTION);
    for (Window w : r.windows()) {
      out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %.2f | %d | %.2f | %d | %.1f | %d | %.2f |%n", w.name(), w.calls(),
          100 * w.throttledShare(), w.meanPerSecond(), w.peakPerSecond(), w.peakToMeanPerSecond(),
          poissonPeak(w.meanPerSecond(), w.seconds()), w.meanPerMinute(), w.peakPerMinute(), w.peakToMeanPerMinute());
    }
    out.printf(Locale.ROOT, "%nEC2 calls by action (throttled): %s (%s)%n", r.callsByAction(), r.throttledByAction());
    out.printf(Locale.ROOT, "%s: %d calls, %d throttled (%.1f %%)%n", ACTION, r.describeCalls(),
        r.describeThrottled(), 100.0 * r.describeThrottled() / Math.max(1, r.describeCalls()));
    out.printf("every instance had its route %s after the common start (%d without)%n",
        r.everyInstanceRoutedAfter() == null ? "NOT" : r.everyInstanceRoutedAfter(), r.instancesWithoutRoute());
    out.printf("instances without a route when the outage began (still starting, left out below): %d%n",
        r.withoutRouteAtOutage());
    out.printf("outage: %d resolutions (sample of %d every simulated second, all once a minute), %d failed, %d served "
        + "another route than the last good one%n", r.outageResolutions(), Math.min(c.sample(), c.instances()),
        r.outageFailures(), r.outageRouteChanges());
    out.printf("after the outage: %d of %d instances had a good discovery again by the end of the recovery span; "
        + "all of them within %s (simulated, to the minute)%n", r.instancesRefreshedAfterOutage(), c.instances(),
        r.allBackAfter() == null ? "NOT" : r.allBackAfter());
    out.printf(Locale.ROOT, "cost per instance at %d instances: %.0f bytes retained heap (%.1f MB projected for 10,000); "
        + "threads with the shared executor: %s%n", c.instances(), r.heapBytesPerInstance(),
        r.heapBytesPerInstance() * 10_000 / 1e6, r.sharedThreadsByName());
    if (!Double.isNaN(r.defaultThreadsPerInstance())) {
      out.printf(Locale.ROOT, "threads per instance with its own threads (default, 20 instances): %.2f %s%n",
          r.defaultThreadsPerInstance(), r.defaultThreadsByName());
    }
    out.printf("DNS lookups (in memory): %d; tasks run on the virtual-time executor: %d%n", r.dnsLookups(),
        r.tasksRun());
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static Set<Long> threadIds() {
    Set<Long> ids = new HashSet<>();
    for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
      ids.add(id);
    }
    return ids;
  }

  /** Live threads started since {@code before}, counted by name with the trailing numbers taken off. */
  private static Map<String, Integer> threadsByName(Set<Long> before) {
    Map<String, Integer> out = new TreeMap<>();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().getThreadInfo(
        ManagementFactory.getThreadMXBean().getAllThreadIds())) {
      if (t != null && !before.contains(t.getThreadId())) {
        out.merge(t.getThreadName().replaceAll("[-_]?\\d+", "-N"), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The emulator's DNS records, answered from memory with a 60 s TTL. */
  static final class MemoryDns implements NameResolver {
    final LongAdder lookups = new LongAdder();
    private final Map<String, List<InetAddress>> records = new HashMap<>();

    MemoryDns(LocalPrivateLink kit) {
      for (EmulatedEndpoint e : kit.endpoints()) {
        records.put(e.regionalDnsName(), e.addresses());
        for (Zone z : e.zones()) {
          records.put(e.zonalDnsName(z.name()), List.of(e.address(z.name())));
        }
      }
    }

    @Override
    public DnsAnswer resolve(String name) throws UnknownHostException {
      lookups.increment();
      List<InetAddress> a = records.get(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
      if (a == null) {
        throw new UnknownHostException(name + ": NXDOMAIN");
      }
      return new DnsAnswer(a, DNS_TTL);
    }
  }
}
