package dev.vpce.benchmarks;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.LocalPrivateLink;
import java.net.InetAddress;
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

  @Setup
  public void start() throws UnknownHostException {
    Security.setProperty("networkaddress.cache.ttl", "-1"); // the baseline is a pure JVM cache hit
    InetAddress.getAllByName("localhost");
    kit = LocalPrivateLink.defaults().build();
    privateLink = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.dnsjava(List.of(kit.dns().address()), Duration.ofSeconds(1)))
        .build();
    privateLink.resolve(HOST);
  }

  @TearDown
  public void stop() {
    privateLink.close();
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
}
