package dev.vpce.benchmarks;

import dev.vpce.Binding;
import dev.vpce.BreakerState;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.dns.NameResolver;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import dev.vpce.testkit.ZoneFront;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Failover from a blackholed local zone, per HTTP client, with vpce's adaptive connect deadline off and on
 * in the same run, against the kit's zone fronts on loopback. Each row: a fresh {@link PrivateLink} and
 * client (2 s connect timeout, the adapters' default), {@code warm} requests to the healthy local zone
 * (each opens a new TLS connection), then the local zone blackholed (SYNs dropped) and {@code requests}
 * more. A request is "delayed" when it paid for a failed connect to the blackholed zone (a counted
 * failure during the request); its added delay is its time minus the median of the warm requests. Time
 * to fail over runs from the blackholing to the end of the last delayed request.
 *
 * <p>A second table runs the same clients against a healthy local zone whose front adds latency (each
 * TLS handshake 150 ms slower): with the deadline on, it must keep every connection and open no breaker.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vpce.benchmarks.FailoverHarness [warm] [requests]</pre>
 *
 * <p>A client is one {@link ClientKind} in {@link #CLIENTS}: HttpClient 5 classic and async, OkHttp, and the
 * JDK client through vpce's CONNECT proxy (whose own connect timeout, 2 s by default, is the caller's).
 */
public final class FailoverHarness {
  static final String HOST = "orders.internal.example.com";
  static final String LOCAL = "us-east-1a";

  /** One HTTP client wired to vpce, making a GET that opens a new connection. */
  interface Client extends AutoCloseable {
    int get(String url) throws Exception;
  }

  interface ClientFactory {
    /** A client for this PrivateLink that trusts the TLS server; {@code port} is the endpoint's port. */
    Client create(PrivateLink privateLink, TlsServer tls, int port) throws IOException;
  }

  record ClientKind(String name, ClientFactory factory) {}

  static final List<ClientKind> CLIENTS = List.of(
      new ClientKind("HttpClient 5 classic", (pl, tls, port) -> {
        CloseableHttpClient http = PrivateLinkHttpClient5.builder(pl).sslContext(tls.clientContext()).build();
        return new Client() {
          @Override
          public int get(String url) throws IOException {
            return http.execute(new HttpGet(url), r -> {
              EntityUtils.consume(r.getEntity());
              return r.getCode();
            });
          }

          @Override
          public void close() throws IOException {
            http.close();
          }
        };
      }),
      new ClientKind("HttpClient 5 async", (pl, tls, port) -> {
        CloseableHttpAsyncClient http = PrivateLinkHttpClient5.builder(pl).sslContext(tls.clientContext())
            .buildAsync();
        http.start();
        return new Client() {
          @Override
          public int get(String url) throws Exception {
            return http.execute(SimpleRequestBuilder.get(url).build(), null).get().getCode();
          }

          @Override
          public void close() throws IOException {
            http.close();
          }
        };
      }),
      new ClientKind("OkHttp 5", (pl, tls, port) -> {
        OkHttpClient http = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), pl)
            .sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager()).build();
        return new Client() {
          @Override
          public int get(String url) throws IOException {
            try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
              r.body().bytes();
              return r.code();
            }
          }

          @Override
          public void close() {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
          }
        };
      }),
      new ClientKind("JDK HttpClient (proxy)", (pl, tls, port) -> {
        // the proxy's connectTimeout (2 s by default) is the caller's timeout: it alone connects to the endpoint
        PrivateLinkConnectProxy proxy = PrivateLinkConnectProxy.builder(pl).allowedPorts(port).start();
        HttpClient http = HttpClient.newBuilder().proxy(proxy.proxySelector()).sslContext(tls.clientContext())
            .version(HttpClient.Version.HTTP_1_1).build();
        return new Client() {
          @Override
          public int get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
          }

          @Override
          public void close() {
            proxy.close();
          }
        };
      }));

  /** What one row measured. */
  record Row(String client, boolean adaptive, long baselineMicros, long failoverMillis, int delayed,
      long maxAddedMillis, long meanAddedMillis, long afterMicros, int countedFailures, BreakerState localBreaker,
      int localConnections) {}

  private FailoverHarness() {}

  public static void main(String[] args) throws Exception {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    try (TlsServer tls = new TlsServer(HOST); LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      kit.endpoint().target(tls.address());
      List<Row> rows = new ArrayList<>();
      List<Row> slow = new ArrayList<>();
      for (ClientKind kind : CLIENTS) {
        for (boolean adaptive : new boolean[] {false, true}) {
          rows.add(blackhole(kit, tls, kind, adaptive, warm, requests));
        }
      }
      for (ClientKind kind : CLIENTS) {
        for (boolean adaptive : new boolean[] {false, true}) {
          slow.add(slowZone(kit, tls, kind, adaptive, warm));
        }
      }
      print(warm, requests, rows, slow);
    }
  }

  static PrivateLink privateLink(LocalPrivateLink kit, boolean adaptive, AtomicInteger counted) {
    return PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.ofZoneName(LOCAL))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1)))
        .breakerOpenWait(Duration.ofMinutes(1)) // no trial during a row
        .adaptiveConnectDeadline(adaptive)
        .listener(new PrivateLinkListener() {
          @Override
          public void connectFailed(InetSocketAddress target, IOException cause, boolean wasCounted) {
            if (wasCounted) {
              counted.incrementAndGet();
            }
          }
        })
        .build();
  }

  static Row blackhole(LocalPrivateLink kit, TlsServer tls, ClientKind kind, boolean adaptive, int warm,
      int requests) throws Exception {
    ZoneFront local = kit.endpoint().zone(LOCAL);
    local.mode(BackendMode.HEALTHY);
    String url = "https://" + HOST + ":" + kit.endpoint().port() + "/close";
    AtomicInteger counted = new AtomicInteger();
    try (PrivateLink pl = privateLink(kit, adaptive, counted); Client client = kind.factory()
        .create(pl, tls, kit.endpoint().port())) {
      long[] warmNanos = new long[warm];
      for (int i = 0; i < warm; i++) {
        warmNanos[i] = timed(client, url);
      }
      long baseline = median(warmNanos);
      int localBefore = local.connections();
      local.mode(BackendMode.BLACKHOLE);
      long[] nanos = new long[requests];
      long start = System.nanoTime();
      long failedOverAt = start;
      int delayed = 0;
      long maxAdded = 0;
      long sumAdded = 0;
      int lastDelayed = -1;
      for (int i = 0; i < requests; i++) {
        int failuresBefore = counted.get();
        nanos[i] = timed(client, url);
        if (counted.get() > failuresBefore) {
          long added = Math.max(0, nanos[i] - baseline);
          delayed++;
          lastDelayed = i;
          failedOverAt = System.nanoTime();
          maxAdded = Math.max(maxAdded, added);
          sumAdded += added;
        }
      }
      long after = median(Arrays.copyOfRange(nanos, Math.min(requests - 1, lastDelayed + 1), requests));
      BreakerState breaker = pl.breakerStates().getOrDefault(local.address(), BreakerState.CLOSED);
      int localConnections = local.connections() - localBefore;
      local.mode(BackendMode.HEALTHY);
      return new Row(kind.name(), adaptive, baseline / 1_000, (failedOverAt - start) / 1_000_000, delayed,
          maxAdded / 1_000_000, delayed == 0 ? 0 : sumAdded / delayed / 1_000_000, after / 1_000, counted.get(),
          breaker, localConnections);
    }
  }

  static Row slowZone(LocalPrivateLink kit, TlsServer tls, ClientKind kind, boolean adaptive, int requests)
      throws Exception {
    ZoneFront local = kit.endpoint().zone(LOCAL);
    local.mode(BackendMode.HEALTHY);
    local.latency(Duration.ofMillis(150));
    String url = "https://" + HOST + ":" + kit.endpoint().port() + "/close";
    AtomicInteger counted = new AtomicInteger();
    try (PrivateLink pl = privateLink(kit, adaptive, counted); Client client = kind.factory()
        .create(pl, tls, kit.endpoint().port())) {
      int before = local.connections();
      long[] nanos = new long[requests];
      for (int i = 0; i < requests; i++) {
        nanos[i] = timed(client, url);
      }
      BreakerState breaker = pl.breakerStates().getOrDefault(local.address(), BreakerState.CLOSED);
      return new Row(kind.name(), adaptive, median(nanos) / 1_000, 0, 0, 0, 0, 0, counted.get(), breaker,
          local.connections() - before);
    } finally {
      local.latency(Duration.ZERO);
    }
  }

  static long timed(Client client, String url) throws Exception {
    long t = System.nanoTime();
    int code = client.get(url);
    if (code != 200) {
      throw new IllegalStateException("expected 200 from " + url + ", got " + code);
    }
    return System.nanoTime() - t;
  }

  static long median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  static void print(int warm, int requests, List<Row> rows, List<Row> slow) {
    System.out.printf(Locale.ROOT, "%nBlackholed local zone (%d warm requests, then %d; connect timeout 2 s; "
        + "delayed = paid for a failed connect)%n%n", warm, requests);
    System.out.println("| Client | adaptive deadline | warm median | time to fail over | requests delayed "
        + "| added delay (mean / max) | median after | counted failures | local breaker |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f ms | %d ms | %d | %d / %d ms | %.2f ms | %d | %s |%n",
          r.client(), r.adaptive() ? "on" : "off", r.baselineMicros() / 1000.0, r.failoverMillis(), r.delayed(),
          r.meanAddedMillis(), r.maxAddedMillis(), r.afterMicros() / 1000.0, r.countedFailures(), r.localBreaker());
    }
    System.out.printf(Locale.ROOT, "%nHealthy local zone whose front adds 150 ms to each TLS handshake "
        + "(%d requests)%n%n", warm);
    System.out.println("| Client | adaptive deadline | median | served by the local zone | counted failures "
        + "| local breaker |");
    System.out.println("|---|---|---|---|---|---|");
    for (Row r : slow) {
      System.out.printf(Locale.ROOT, "| %s | %s | %.1f ms | %d of %d | %d | %s |%n", r.client(),
          r.adaptive() ? "on" : "off", r.baselineMicros() / 1000.0, r.localConnections(), warm, r.countedFailures(),
          r.localBreaker());
    }
  }
}
