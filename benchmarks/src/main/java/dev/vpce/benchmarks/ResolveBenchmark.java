package dev.vpce.benchmarks;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.LocalPrivateLink;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Security;
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
 * {@code PrivateLink.resolve} on a warm binding against the JDK's {@code InetAddress.getAllByName} on a warm
 * JVM cache entry, measured in the same run. DNS comes from the test kit's server on loopback.
 * {@code vpceResolveFallback} resolves a binding whose local zone has an open breaker (not yet due for its
 * trial), so each call spreads over the other zones' addresses.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ResolveBenchmark -prof gc -t 1   (and -t 2)</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Daws.disableEc2Metadata=true"})
public class ResolveBenchmark {
  static final String HOST = "orders.internal.example.com";

  LocalPrivateLink kit;
  PrivateLink privateLink;
  PrivateLink fallback;

  @Setup
  public void start() throws UnknownHostException {
    Security.setProperty("networkaddress.cache.ttl", "-1"); // the baseline is a pure JVM cache hit
    InetAddress.getAllByName("localhost");
    kit = LocalPrivateLink.defaults().build();
    privateLink = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1)))
        .build();
    privateLink.resolve(HOST);
    fallback = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1)))
        .breakerOpenWait(Duration.ofHours(1))
        .breakerMaxOpenWait(Duration.ofHours(1))
        .build();
    InetSocketAddress local = new InetSocketAddress(fallback.resolve(HOST).get(0), kit.endpoint().port());
    for (int i = 0; i < 3; i++) {
      fallback.connectFailed(local, new ConnectException("Connection refused"));
    }
    if (fallback.route(HOST).addresses().get(0).equals(local.getAddress())) {
      throw new IllegalStateException("the local zone's breaker did not open");
    }
  }

  @TearDown
  public void stop() {
    privateLink.close();
    fallback.close();
    kit.close();
  }

  @Benchmark
  public InetAddress[] jdkGetAllByName() throws UnknownHostException {
    return InetAddress.getAllByName("localhost");
  }

  @Benchmark
  public List<InetAddress> vpceResolve() throws UnknownHostException {
    return privateLink.resolve(HOST);
  }

  @Benchmark
  public List<InetAddress> vpceResolveFallback() throws UnknownHostException {
    return fallback.resolve(HOST);
  }
}
