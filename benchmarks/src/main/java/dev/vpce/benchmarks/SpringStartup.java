package dev.vpce.benchmarks;

import dev.vpce.testkit.LocalPrivateLink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Spring Boot context start-up time of one application with and without the vpce starter, in one run: each
 * round starts fresh JVMs (a cold start, as a user's application has), one with the starter, one without and one
 * with a stand-in (below), in an order that rotates ({@link #order}), so all sides see the same machine load. The
 * application has RestClient, WebClient (Reactor Netty), HttpClient 5 and the Actuator's health on its classpath,
 * and the same configuration on every side: one static binding whose DNS is the kit's server on loopback.
 * "without" is the same classpath minus the starter, so nothing reads the {@code vpce.*} keys there.
 *
 * <p>A third side calibrates the figure: the application with vpce's starter jar but its auto-configurations
 * excluded ({@code spring.autoconfigure.exclude}), and a stand-in auto-configuration ({@link StandInStarter}, from
 * {@code target/stand-in}) that binds the same {@code VpceProperties} under the same condition and makes one bean
 * from them, nothing else: what Boot charges a starter for being one, before it does any work. (Boot's exclusion
 * check loads, without initialising, the excluded classes: a few classes that vpce's side does not pay that way.)
 * Its cost and the starter's cost against it are printed, paired by round, as well.
 *
 * <p>Single start-ups on a small shared machine vary by a few hundred ms, more than the starter costs, so the
 * figure is the median of the paired differences with a bootstrap 95% interval; the difference of the medians,
 * the process CPU time, the classes loaded (within a few in every run: a measure of the work that no load
 * changes) and the start-up thread's own CPU time (from JVM start, the same on both sides but for the starter),
 * paired too, are printed beside it. On a machine whose cores the JIT compilers keep busy during start-up, as on a
 * 2-core one, a ms of start-up thread CPU can cost more than a ms of wall time; the two figures side by side show
 * how much.
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp "$(cat benchmarks/target/spring-startup.classpath):benchmarks/target/classes" \
 *     dev.vpce.benchmarks.SpringStartup [rounds, default 20]
 * </pre>
 */
public final class SpringStartup {
  private SpringStartup() {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String classpath = System.getProperty("java.class.path");
    String withoutStarter = Arrays.stream(classpath.split(File.pathSeparator))
        .filter(e -> !e.contains("vpce-spring-boot-starter") && !e.contains("spring-autoconfigure" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
    if (withoutStarter.equals(classpath)) {
      throw new IllegalStateException("the starter is not on this classpath: " + classpath);
    }
    Path standIn = Path.of(SpringStartup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolveSibling("stand-in");
    if (!Files.isDirectory(standIn)) {
      throw new IllegalStateException("the stand-in starter's imports are not at " + standIn + ": run mvn package");
    }
    String withStandIn = classpath + File.pathSeparator + standIn;
    String excludeVpce = "--spring.autoconfigure.exclude=" + String.join(",", vpceAutoConfigurations());
    try (LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      // the same application: every side gets the same configuration; without the starter nothing reads vpce.*
      List<String> props = List.of(
          "--vpce.bindings.orders.host=orders.internal.example.com",
          "--vpce.bindings.orders.regional-dns-name=" + kit.endpoint().regionalDnsName(),
          "--vpce.placement.zone-name=us-east-1a",
          "--vpce.dns.servers=" + kit.dns().address().getAddress().getHostAddress() + ":"
              + kit.dns().address().getPort());
      Arm with = new Arm();
      Arm without = new Arm();
      Arm reference = new Arm();
      List<Long> paired = new ArrayList<>();
      List<Long> pairedMainCpu = new ArrayList<>();
      List<Long> pairedReference = new ArrayList<>();
      List<Long> beyondReference = new ArrayList<>();
      List<Long> vpceBeans = new ArrayList<>();
      for (int i = 0; i <= samples; i++) { // round 0 warms the page cache and is not counted
        long[][] r = new long[Side.values().length][];
        for (Side side : order(i)) {
          r[side.ordinal()] = switch (side) {
            case WITH -> child(classpath, side, props);
            case WITHOUT -> child(withoutStarter, side, props);
            case REFERENCE -> child(withStandIn, side, concat(props, excludeVpce));
          };
        }
        if (i > 0) {
          long[] w = r[Side.WITH.ordinal()];
          long[] o = r[Side.WITHOUT.ordinal()];
          long[] ref = r[Side.REFERENCE.ordinal()];
          with.add(w);
          without.add(o);
          reference.add(ref);
          paired.add(w[0] - o[0]);
          pairedMainCpu.add(w[4] - o[4]);
          pairedReference.add(ref[0] - o[0]);
          beyondReference.add(w[0] - ref[0]);
          vpceBeans.add(w[2]);
        }
      }
      long[] ci = bootstrapMedianCi(paired, 10_000, 0.95);
      System.out.printf("context start-up, %d rounds of three cold JVMs (rotating order): without the starter "
              + "median %d ms (min %d), with the starter median %d ms (min %d)%n", samples, median(without.ms),
          min(without.ms), median(with.ms), min(with.ms));
      System.out.printf("the starter's cost: median of the paired differences %+d ms (95%% bootstrap interval %+d to "
          + "%+d ms); difference of the medians %+d ms%n", median(paired), ci[0], ci[1],
          median(with.ms) - median(without.ms));
      System.out.printf("process CPU time until the context is up (all threads, JIT included): without median %d ms, "
          + "with median %d ms: %+d ms%n", median(without.cpu), median(with.cpu),
          median(with.cpu) - median(without.cpu));
      long[] mainCi = bootstrapMedianCi(pairedMainCpu, 10_000, 0.95);
      System.out.printf("start-up thread CPU time (the thread that runs SpringApplication, from JVM start): without "
              + "median %d ms, with median %d ms; median of the paired differences %+d ms (95%% bootstrap interval "
              + "%+d to %+d ms)%n",
          median(without.mainCpu), median(with.mainCpu), median(pairedMainCpu), mainCi[0], mainCi[1]);
      System.out.printf("classes loaded until the context is up (within a few of each other in every run): "
          + "without %d, with %d: %+d%n",
          median(without.classes), median(with.classes), median(with.classes) - median(without.classes));
      long[] refCi = bootstrapMedianCi(pairedReference, 10_000, 0.95);
      System.out.printf("the stand-in (vpce's starter jar with its auto-configurations excluded, and an "
              + "auto-configuration that binds VpceProperties and makes one bean): median of the paired differences "
              + "%+d ms (95%% bootstrap interval %+d to %+d ms), classes %+d%n", median(pairedReference), refCi[0],
          refCi[1],
          median(reference.classes) - median(without.classes));
      long[] beyondCi = bootstrapMedianCi(beyondReference, 10_000, 0.95);
      System.out.printf("the starter against the stand-in (vpce's own work): median of the paired differences %+d ms "
          + "(95%% bootstrap interval %+d to %+d ms)%n", median(beyondReference), beyondCi[0], beyondCi[1]);
      System.out.printf("main-thread time creating the starter's beans (Spring start-up steps): median %d ms%n",
          median(vpceBeans));
      System.out.println("without (ms): " + without.ms);
      System.out.println("with (ms):    " + with.ms);
      System.out.println("paired (ms):  " + paired);
      System.out.println("stand-in, paired (ms): " + pairedReference);
    }
  }

  /** One side's samples: start-up ms, process CPU ms, classes loaded, start-up thread CPU ms. */
  private static final class Arm {
    final List<Long> ms = new ArrayList<>();
    final List<Long> cpu = new ArrayList<>();
    final List<Long> classes = new ArrayList<>();
    final List<Long> mainCpu = new ArrayList<>();

    void add(long[] r) {
      ms.add(r[0]);
      cpu.add(r[1]);
      classes.add(r[3]);
      mainCpu.add(r[4]);
    }
  }

  /**
   * A percentile bootstrap interval for the median of xs: on this machine single start-ups vary by a few hundred
   * ms, so a figure without its interval says little. Fixed seed: the same samples give the same interval.
   */
  static long[] bootstrapMedianCi(List<Long> xs, int resamples, double level) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    long[] medians = new long[resamples];
    List<Long> resample = new ArrayList<>(xs.size());
    for (int r = 0; r < resamples; r++) {
      resample.clear();
      for (int i = 0; i < xs.size(); i++) {
        resample.add(xs.get(random.nextInt(xs.size())));
      }
      medians[r] = median(resample);
    }
    Arrays.sort(medians);
    int lo = (int) Math.floor((1 - level) / 2 * resamples);
    int hi = (int) Math.ceil((1 + level) / 2 * resamples) - 1;
    return new long[] {medians[lo], medians[Math.min(hi, resamples - 1)]};
  }

  /** The auto-configurations vpce's starter lists in its imports file, as Boot reads them from this classpath. */
  private static List<String> vpceAutoConfigurations() {
    List<String> names = ImportCandidates.load(AutoConfiguration.class, SpringStartup.class.getClassLoader())
        .getCandidates().stream().filter(n -> n.startsWith("dev.vpce.spring.")).toList();
    if (names.isEmpty()) {
      throw new IllegalStateException("no dev.vpce.spring auto-configuration is listed on this classpath");
    }
    return names;
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  /** The sides of a round: the application with the starter, without it, and with the stand-in instead. */
  enum Side { WITH, WITHOUT, REFERENCE }

  /**
   * The order of round {@code round}'s sides: rotated each round and reversed every third, so that over six rounds
   * each side runs first, second and third twice, and after each other side as often as before it.
   */
  static List<Side> order(int round) {
    List<Side> order = new ArrayList<>(List.of(Side.values()));
    java.util.Collections.rotate(order, round % 3);
    if (round / 3 % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    return order;
  }

  private static long[] child(String classpath, Side side, List<String> props) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Daws.disableEc2Metadata=true", App.class.getName(), side.name()));
    cmd.addAll(props);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    Process p = pb.start();
    String result = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        all.append(line).append('\n');
        if (line.startsWith("startup-ms=")) {
          result = line.substring("startup-ms=".length());
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("the child failed:\n" + all);
    }
    String[] parts = result.trim().split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
        Long.parseLong(parts[3]), Long.parseLong(parts[4])};
  }

  /** The median; for an even count the mean of the middle two, rounded down. */
  static long median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : Math.floorDiv(s.get(n / 2 - 1) + s.get(n / 2), 2);
  }

  private static long min(List<Long> xs) {
    return xs.stream().mapToLong(Long::longValue).min().orElseThrow();
  }

  /**
   * Main-thread time spent instantiating the starter's beans, from Spring's own start-up steps. The
   * {@code privateLink} step includes the {@code vpceNameResolver} it depends on, so that one is not added.
   */
  static long vpceBeansMs(BufferingApplicationStartup steps) {
    long nanos = 0;
    for (StartupTimeline.TimelineEvent e : steps.getBufferedTimeline().getEvents()) {
      if (!e.getStartupStep().getName().equals("spring.beans.instantiate")) {
        continue;
      }
      for (StartupStep.Tag tag : e.getStartupStep().getTags()) {
        if (tag.getKey().equals("beanName") && (tag.getValue().equals("privateLink")
            || tag.getValue().startsWith("vpce") && !tag.getValue().equals("vpceNameResolver")
            || tag.getValue().startsWith("dev.vpce.spring"))) {
          nanos += e.getDuration().toNanos();
        }
      }
    }
    return nanos / 1_000_000;
  }

  /** The application: Boot's auto-configuration and nothing of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  public static class App {
    public static void main(String[] args) {
      Side side = Side.valueOf(args[0]);
      boolean starter = side == Side.WITH;
      String[] props = Arrays.copyOfRange(args, 1, args.length); // the same on every side (and an exclusion)
      BufferingApplicationStartup steps = new BufferingApplicationStartup(20_000);
      long t0 = System.nanoTime();
      ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
          .applicationStartup(steps)
          .web(WebApplicationType.NONE)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .run(props);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
      long classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
      long mainCpuMs = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
      boolean hasVpce = ctx.containsBean("privateLink");
      boolean hasStandIn = ctx.containsBean("standInBean");
      ctx.close();
      if (hasVpce != starter || hasStandIn != (side == Side.REFERENCE)) {
        throw new IllegalStateException("expected the side " + side + ", but the privateLink bean "
            + (hasVpce ? "exists" : "is missing") + " and the stand-in's bean "
            + (hasStandIn ? "exists" : "is missing"));
      }
      System.out.println("startup-ms=" + ms + " " + cpuMs + " " + vpceBeansMs(steps) + " " + classes + " "
          + mainCpuMs);
      System.exit(0);
    }
  }
}
