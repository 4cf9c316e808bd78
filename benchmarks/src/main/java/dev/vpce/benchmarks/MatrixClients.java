package dev.vpce.benchmarks;

import static dev.vpce.benchmarks.FailoverMatrix.DB_HOST;
import static dev.vpce.benchmarks.FailoverMatrix.HTTP_CLIENTS;
import static dev.vpce.benchmarks.FailoverMatrix.HTTP_HOST;
import static dev.vpce.benchmarks.FailoverMatrix.JDBC_CLIENTS;
import static dev.vpce.benchmarks.FailoverMatrix.LEDGER;
import static dev.vpce.benchmarks.FailoverMatrix.LOCAL;
import static dev.vpce.benchmarks.FailoverMatrix.ORDERS;
import static dev.vpce.benchmarks.FailoverMatrix.OTHER;

import dev.vpce.PrivateLink;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.jdbc.VpceJdbc;
import dev.vpce.statusquo.JdbcProbe;
import dev.vpce.statusquo.StatusQuoHttpClient;
import dev.vpce.statusquo.StatusQuoResolver;
import dev.vpce.statusquo.StatusQuoSocketFactory;
import dev.vpce.statusquo.TracingPostgresSocketFactory;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The seven clients of {@link FailoverMatrix}, each a request on a new connection that returns the address that
 * served it: HttpClient 5 classic through vpce, on the regional name and on the local zonal name; pgJDBC through
 * vpce's socket factory, on the regional name, on the local zonal name and with a multi-host URL of two zonal
 * names. The status quo clients resolve through {@link StatusQuoResolver}.
 */
final class MatrixClients {
  @FunctionalInterface
  interface Probe {
    /** One request on a new connection; returns the address that served it. */
    InetAddress call() throws Exception;
  }

  /** A client of one scenario: its name, whether it is vpce's, the endpoint it reaches, and its request. */
  record Arm(String name, boolean vpce, String service, Probe probe) {}

  private MatrixClients() {}

  static Map<String, Arm> arms(LocalPrivateLink kit, TlsServer tls, PrivateLink privateLink, MatrixOptions o,
      List<AutoCloseable> closers) throws Exception {
    Map<String, Arm> arms = new LinkedHashMap<>();
    EmulatedEndpoint orders = kit.endpoint(ORDERS);
    String url = "https://" + HTTP_HOST + ":" + orders.port() + "/close";
    CloseableHttpClient vpceHttp = PrivateLinkHttpClient5.builder(privateLink).sslContext(tls.clientContext()).build();
    CloseableHttpClient regionalHttp = statusQuoHttp(new StatusQuoResolver(kit.dns().address(), o.lookupTimeout(),
        Map.of(HTTP_HOST, orders.regionalDnsName())), tls);
    CloseableHttpClient zonalHttp = statusQuoHttp(new StatusQuoResolver(kit.dns().address(), o.lookupTimeout(),
        Map.of(HTTP_HOST, orders.zonalDnsName(LOCAL))), tls);
    closers.add(vpceHttp);
    closers.add(regionalHttp);
    closers.add(zonalHttp);
    arms.put(HTTP_CLIENTS.get(0), new Arm(HTTP_CLIENTS.get(0), true, ORDERS, () -> http(vpceHttp, url)));
    arms.put(HTTP_CLIENTS.get(1), new Arm(HTTP_CLIENTS.get(1), false, ORDERS, () -> http(regionalHttp, url)));
    arms.put(HTTP_CLIENTS.get(2), new Arm(HTTP_CLIENTS.get(2), false, ORDERS, () -> http(zonalHttp, url)));
    if (o.jdbc()) {
      EmulatedEndpoint ledger = kit.endpoint(LEDGER);
      int port = ledger.port();
      String params = "/postgres?user=postgres&sslmode=disable&connectTimeout=2&socketTimeout=5";
      VpceJdbc.register(privateLink);
      closers.add(() -> VpceJdbc.unregister(privateLink));
      privateLink.route(DB_HOST);
      String vpceUrl = "jdbc:postgresql://" + DB_HOST + ":" + port + params + "&socketFactory="
          + TracingPostgresSocketFactory.class.getName();
      arms.put(JDBC_CLIENTS.get(0), new Arm(JDBC_CLIENTS.get(0), true, LEDGER, () -> JdbcProbe.selectOne(vpceUrl)));
      String[] hosts = {
          ledger.regionalDnsName() + ":" + port,
          ledger.zonalDnsName(LOCAL) + ":" + port,
          ledger.zonalDnsName(LOCAL) + ":" + port + "," + ledger.zonalDnsName(OTHER) + ":" + port};
      for (int i = 0; i < hosts.length; i++) {
        String name = JDBC_CLIENTS.get(i + 1);
        String key = "arm" + i;
        StatusQuoSocketFactory.register(key, new StatusQuoResolver(kit.dns().address(), o.lookupTimeout(),
            Map.of()));
        closers.add(() -> StatusQuoSocketFactory.unregister(key));
        String u = "jdbc:postgresql://" + hosts[i] + params + "&socketFactory="
            + StatusQuoSocketFactory.class.getName() + "&socketFactoryArg=" + key;
        arms.put(name, new Arm(name, false, LEDGER, () -> JdbcProbe.selectOne(u)));
      }
    }
    return arms;
  }

  private static InetAddress http(CloseableHttpClient client, String url) throws IOException {
    HttpClientContext context = HttpClientContext.create();
    client.execute(new HttpGet(url), context, response -> {
      if (response.getCode() != 200) {
        throw new IOException("HTTP " + response.getCode());
      }
      EntityUtils.consume(response.getEntity());
      return null;
    });
    return ((InetSocketAddress) context.getEndpointDetails().getRemoteAddress()).getAddress();
  }

  /** HttpClient 5 classic as used today: its own connection manager with a resolver, 2 s connect timeout. */
  private static CloseableHttpClient statusQuoHttp(StatusQuoResolver resolver, TlsServer tls) {
    return StatusQuoHttpClient.build(resolver, tls.clientContext(), Duration.ofSeconds(2));
  }
}
