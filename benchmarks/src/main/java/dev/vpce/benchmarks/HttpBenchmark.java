package dev.vpce.benchmarks;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request cost of each HTTP client with vpce against the same client without it, in the same run,
 * against the same loopback TLS server behind the same zone front. The baselines resolve the hostname
 * through the JVM (the hosts file {@code benchmarks/bench.hosts} maps it to that front), so both sides
 * take the same path. {@code path=/} reuses a kept-alive connection; {@code path=/close} makes the server
 * close it, so every request opens a new TLS connection.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HttpBenchmark   (from the repository root)</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.net.hosts.file=benchmarks/bench.hosts", "-Daws.disableEc2Metadata=true"})
public class HttpBenchmark {
  static final String HOST = "orders.internal.example.com";

  @Param({"/", "/close"})
  public String path;

  LocalPrivateLink kit;
  TlsServer tls;
  PrivateLink privateLink;
  PrivateLinkConnectProxy proxy;
  String url;
  CloseableHttpClient hc5Plain;
  CloseableHttpClient hc5Vpce;
  OkHttpClient okPlain;
  OkHttpClient okVpce;
  HttpClient jdkPlain;
  HttpClient jdkVpce;

  @Setup
  public void start() throws Exception {
    tls = new TlsServer(HOST);
    kit = LocalPrivateLink.defaults().build();
    kit.endpoint().target(tls.address());
    privateLink = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1)))
        .build();
    privateLink.resolve(HOST);
    url = "https://" + HOST + ":" + kit.endpoint().port() + path;

    hc5Vpce = PrivateLinkHttpClient5.builder(privateLink).sslContext(tls.clientContext()).build();
    hc5Plain = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls.clientContext()))
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build())
        .build()).build();

    okPlain = new OkHttpClient.Builder().sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager())
        .build();
    okVpce = PrivateLinkOkHttp.configure(okPlain.newBuilder(), privateLink).build();

    // the kit's fronts listen on an ephemeral port, not 443: allow it
    proxy = PrivateLinkConnectProxy.builder(privateLink).allowedPorts(kit.endpoint().port()).start();
    jdkPlain = HttpClient.newBuilder().sslContext(tls.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
    jdkVpce = HttpClient.newBuilder().sslContext(tls.clientContext()).version(HttpClient.Version.HTTP_1_1)
        .proxy(proxy.proxySelector()).build();
  }

  @TearDown
  public void stop() throws IOException {
    hc5Plain.close();
    hc5Vpce.close();
    okPlain.connectionPool().evictAll();
    okVpce.connectionPool().evictAll();
    proxy.close();
    privateLink.close();
    kit.close();
    tls.close();
  }

  private int hc5(CloseableHttpClient http) throws IOException {
    return http.execute(new HttpGet(url), r -> {
      EntityUtils.consume(r.getEntity());
      return r.getCode();
    });
  }

  private int ok(OkHttpClient http) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
      r.body().bytes();
      return r.code();
    }
  }

  private int jdk(HttpClient http) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
        .statusCode();
  }

  @Benchmark
  public int hc5Baseline() throws IOException {
    return hc5(hc5Plain);
  }

  @Benchmark
  public int hc5WithVpce() throws IOException {
    return hc5(hc5Vpce);
  }

  @Benchmark
  public int okHttpBaseline() throws IOException {
    return ok(okPlain);
  }

  @Benchmark
  public int okHttpWithVpce() throws IOException {
    return ok(okVpce);
  }

  @Benchmark
  public int jdkBaseline() throws Exception {
    return jdk(jdkPlain);
  }

  @Benchmark
  public int jdkWithVpceProxy() throws Exception {
    return jdk(jdkVpce);
  }
}
