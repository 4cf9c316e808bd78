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
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Spring Boot context start-up time of one application with and without the vpce starter, in one run: each
 * sample is a fresh JVM (a cold start, as a user's application has), alternating with and without, so both
 * see the same machine load. The application has RestClient, WebClient (Reactor Netty), HttpClient 5 and the
 * Actuator's health on its classpath; "with" adds the starter's jar and one static binding whose DNS is the
 * kit's server on loopback; "without" is the same classpath minus the starter. Reports the median and the
 * minimum of each, the difference of the medians, and the same for the process's CPU time (a steadier figure
 * on a busy machine).
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp "$(cat benchmarks/target/spring-startup.classpath):benchmarks/target/classes" \
 *     dev.vpce.benchmarks.SpringStartup [samples per side, default 10]
 * </pre>
 */
public final class SpringStartup {
  private SpringStartup() {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String classpath = System.getProperty("java.class.path");
    String withoutStarter = Arrays.stream(classpath.split(File.pathSeparator))
        .filter(e -> !e.contains("vpce-spring-boot-starter") && !e.contains("spring-autoconfigure" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
    if (withoutStarter.equals(classpath)) {
      throw new IllegalStateException("the starter is not on this classpath: " + classpath);
    }
    try (LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      List<String> props = List.of(
          "--vpce.bindings.orders.host=orders.internal.example.com",
          "--vpce.bindings.orders.regional-dns-name=" + kit.endpoint().regionalDnsName(),
          "--vpce.placement.zone-name=us-east-1a",
          "--vpce.dns.servers=" + kit.dns().address().getAddress().getHostAddress() + ":" + kit.dns().address().getPort());
      List<Long> with = new ArrayList<>();
      List<Long> without = new ArrayList<>();
      List<Long> withCpu = new ArrayList<>();
      List<Long> vpceBeans = new ArrayList<>();
      List<Long> withoutCpu = new ArrayList<>();
      for (int i = 0; i <= samples; i++) { // pair 0 warms the page cache and is not counted
        boolean withFirst = i % 2 == 0;
        for (boolean starter : new boolean[] {withFirst, !withFirst}) {
          long[] ms = child(starter ? classpath : withoutStarter, starter, props);
          if (i > 0) {
            (starter ? with : without).add(ms[0]);
            (starter ? withCpu : withoutCpu).add(ms[1]);
            if (starter) {
              vpceBeans.add(ms[2]);
            }
          }
        }
      }
      long mw = median(with);
      long mo = median(without);
      System.out.printf("context start-up, %d cold JVMs each: without the starter median %d ms (min %d), "
              + "with the starter median %d ms (min %d): %+d ms%n", samples, mo, min(without), mw, min(with), mw - mo);
      System.out.printf("process CPU time until the context is up (all threads, JIT included): without median %d ms, "
          + "with median %d ms: %+d ms%n", median(withoutCpu), median(withCpu), median(withCpu) - median(withoutCpu));
      System.out.printf("main-thread time creating the starter's beans (Spring start-up steps): median %d ms%n",
          median(vpceBeans));
      System.out.println("without (ms): " + without);
      System.out.println("with (ms):    " + with);
    }
  }

  private static long[] child(String classpath, boolean starter, List<String> props) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Daws.disableEc2Metadata=true", App.class.getName(), Boolean.toString(starter)));
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
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }

  private static long median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
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
      boolean starter = Boolean.parseBoolean(args[0]);
      String[] props = Arrays.copyOfRange(args, 1, args.length);
      BufferingApplicationStartup steps = new BufferingApplicationStartup(20_000);
      long t0 = System.nanoTime();
      ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
          .applicationStartup(steps)
          .web(WebApplicationType.NONE)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .run(starter ? props : new String[0]);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
      boolean hasVpce = ctx.containsBean("privateLink");
      ctx.close();
      if (hasVpce != starter) {
        throw new IllegalStateException("expected the starter " + (starter ? "on" : "off") + ", but privateLink bean "
            + (hasVpce ? "exists" : "is missing"));
      }
      System.out.println("startup-ms=" + ms + " " + cpuMs + " " + vpceBeansMs(steps));
      System.exit(0);
    }
  }
}
