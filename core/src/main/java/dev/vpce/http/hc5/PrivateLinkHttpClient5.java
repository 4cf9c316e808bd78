package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import dev.vpce.internal.Checks;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.nio.AsyncClientConnectionOperator;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 clients and connection managers whose new connections to bound hosts follow the vpce
 * route, with every connect and TLS outcome (classic client) reported per address.
 *
 * <pre>{@code
 * CloseableHttpClient http = PrivateLinkHttpClient5.builder(privateLink).build();
 * }</pre>
 *
 * <p>Defaults suit PrivateLink: a 2 s connect timeout per address (HttpClient's own is 3 minutes, per
 * address), shortened by vpce's adaptive connect deadline for every address but the route's last (classic
 * client; see {@link PrivateLink#connectTimeout}), idle connections evicted after 60 s and a connection
 * time-to-live of 60 s, both well under the
 * endpoint's fixed 350 s idle timeout, so that traffic returns to the local zone after it recovers.
 * Certificate and hostname verification are HttpClient's own and always on; no setting here weakens them.
 *
 * <p>The <b>async</b> client's connection operator is wrapped (through the builder's
 * {@code createConnectionOperator}): for a bound host it connects to one address of the route at a time,
 * pinned in the {@code HttpHost} so that HttpClient resolves nothing, reports each TCP connect and TLS
 * handshake per socket address, uses the adaptive connect deadline for all but the last address (the TLS
 * handshake keeps the full connect timeout), and moves on after a TCP or a TLS failure. A
 * {@link PrivateLinkDnsResolver} used alone reports nothing, so it resolves through
 * {@link PrivateLink#route}, which never hands out a breaker's trial.
 *
 * <p>Works with httpclient5 5.5.x (the version Spring Boot 4 manages) and 5.6.x. The per-address outcome
 * hook uses HttpClient's {@code DetachedSocketFactory} and {@code createConnectionOperator}, public but
 * marked internal by HttpClient in both lines.
 */
public final class PrivateLinkHttpClient5 {
  /** How often the async client's I/O reactor checks timeouts: the resolution of its connect deadlines. */
  static final TimeValue ASYNC_SELECT_INTERVAL = TimeValue.ofMilliseconds(20);

  private final PrivateLink privateLink;
  private Duration connectTimeout = Duration.ofSeconds(2);
  private Duration idleEviction = Duration.ofSeconds(60);
  private Duration timeToLive = Duration.ofSeconds(60);
  private SSLContext sslContext;
  private int maxConnections = 50;

  private PrivateLinkHttpClient5(PrivateLink privateLink) {
    this.privateLink = Checks.notNull("privateLink", privateLink);
  }

  /**
   * A builder of clients and connection managers whose connects follow {@code privateLink}'s routes.
   *
   * @param privateLink the instance whose routes connects follow, not null; the caller keeps closing it
   * @return a builder with the defaults described on each of its methods
   */
  public static PrivateLinkHttpClient5 builder(PrivateLink privateLink) {
    return new PrivateLinkHttpClient5(privateLink);
  }

  /**
   * The connect timeout for each address of a route; 2 s by default.
   *
   * @param timeout the caller's connect timeout, the ceiling of each address's adaptive deadline; must be
   *     positive
   * @return this builder
   */
  public PrivateLinkHttpClient5 connectTimeout(Duration timeout) {
    this.connectTimeout = Checks.positive("connectTimeout", timeout);
    return this;
  }

  /**
   * Idle pooled connections are closed after this; 60 s by default (the endpoint drops them at 350 s).
   *
   * @param idle how long a pooled connection may stay idle; must be positive
   * @return this builder
   */
  public PrivateLinkHttpClient5 idleEviction(Duration idle) {
    this.idleEviction = Checks.positive("idleEviction", idle);
    return this;
  }

  /**
   * A connection is not reused after this age, so traffic returns to a recovered zone; 60 s by default.
   *
   * @param ttl the longest life of a connection; must be positive
   * @return this builder
   */
  public PrivateLinkHttpClient5 timeToLive(Duration ttl) {
    this.timeToLive = Checks.positive("timeToLive", ttl);
    return this;
  }

  /**
   * The TLS context (trust and key material); the JVM default by default. Verification stays on.
   *
   * @param context the context to take trust and key material from, not null
   * @return this builder
   */
  public PrivateLinkHttpClient5 sslContext(SSLContext context) {
    this.sslContext = Checks.notNull("sslContext", context);
    return this;
  }

  /**
   * The pool's size, in total and per route; 50 by default.
   *
   * @param max the largest number of pooled connections, in total and per route; at least 1
   * @return this builder
   */
  public PrivateLinkHttpClient5 maxConnections(int max) {
    this.maxConnections = Checks.atLeast("maxConnections", max, 1);
    return this;
  }

  /**
   * The resolver alone, for a connection manager built elsewhere: no outcome reporting then, so it never
   * hands out a breaker's trial.
   *
   * @return a resolver that hands out {@link PrivateLink#route(String)} for bound hosts and the system's answer for
   *     others
   */
  public PrivateLinkDnsResolver dnsResolver() {
    return new PrivateLinkDnsResolver(privateLink);
  }

  private ConnectionConfig connectionConfig() {
    return ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setTimeToLive(TimeValue.of(timeToLive))
        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
        .build();
  }

  private TlsSocketStrategy tls() {
    return sslContext == null ? DefaultClientTlsStrategy.createSystemDefault() : new DefaultClientTlsStrategy(sslContext);
  }

  /**
   * A classic connection manager that routes and reports every connect and TLS outcome.
   *
   * @return a new connection manager; the caller closes it (a client built on it closes it too)
   */
  public PoolingHttpClientConnectionManager connectionManager() {
    PrivateLinkDnsResolver dns = PrivateLinkDnsResolver.reporting(privateLink);
    TlsSocketStrategy tls = new ReportingSockets.ReportingTlsStrategy(tls(), privateLink);
    ReportingSockets sockets = new ReportingSockets(privateLink);
    return new ReportingManagerBuilder(sockets)
        .setDnsResolver(dns)
        .setTlsSocketStrategy(tls)
        .setDefaultConnectionConfig(connectionConfig())
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .build();
  }

  /**
   * A classic client on {@link #connectionManager()}, evicting idle connections in the background.
   *
   * @return a new client; the caller closes it
   */
  public CloseableHttpClient build() {
    return HttpClients.custom()
        .setConnectionManager(connectionManager())
        .evictIdleConnections(TimeValue.of(idleEviction))
        .evictExpiredConnections()
        .build();
  }

  /**
   * An async connection manager that follows the route one address at a time, reports every TCP connect and
   * TLS handshake per socket address, and moves on after either fails.
   *
   * @return a new async connection manager; the caller closes it
   */
  public PoolingAsyncClientConnectionManager asyncConnectionManager() {
    // both JSSE's endpoint identification and HttpClient's verifier: on httpclient5 5.5.2 the async
    // strategy's default let a certificate for another name through (HttpAdapterContract pins it)
    ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create()
        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier());
    if (sslContext != null) {
      tls.setSslContext(sslContext);
    } else {
      tls.useSystemProperties();
    }
    return new ReportingAsyncManagerBuilder(privateLink)
        // the handshake keeps the caller's timeout when the adaptive deadline shortens a connect
        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(connectTimeout)).build())
        .setDnsResolver(dnsResolver())
        .setTlsStrategy(tls.buildAsync())
        .setDefaultConnectionConfig(connectionConfig())
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .build();
  }

  /**
   * An async client on {@link #asyncConnectionManager()}, whose I/O reactor checks timeouts every 20 ms
   * (HttpClient's 1 s would round every adaptive connect deadline up to a second; set the same
   * {@code IOReactorConfig.selectInterval} when you build your own client on the connection manager). The
   * caller starts and closes it.
   *
   * @return a new client, not yet started
   */
  public CloseableHttpAsyncClient buildAsync() {
    return HttpAsyncClients.custom()
        .setConnectionManager(asyncConnectionManager())
        // the I/O reactor checks connect timeouts once per select interval (1 s by default), which would
        // round every adaptive connect deadline up to a second
        .setIOReactorConfig(IOReactorConfig.custom().setSelectInterval(ASYNC_SELECT_INTERVAL).build())
        .evictIdleConnections(TimeValue.of(idleEviction))
        .evictExpiredConnections()
        .build();
  }

  /** HttpClient's async builder with our operator around its own, which sees each address's outcome. */
  private static final class ReportingAsyncManagerBuilder extends PoolingAsyncClientConnectionManagerBuilder {
    private final PrivateLink privateLink;

    ReportingAsyncManagerBuilder(PrivateLink privateLink) {
      this.privateLink = privateLink;
    }

    @Override
    protected AsyncClientConnectionOperator createConnectionOperator(TlsStrategy tlsStrategy,
        SchemePortResolver schemePortResolver, org.apache.hc.client5.http.DnsResolver dnsResolver) {
      ReportingAsyncOperator.TimingTls timing = tlsStrategy == null ? null
          : new ReportingAsyncOperator.TimingTls(tlsStrategy);
      return new ReportingAsyncOperator(super.createConnectionOperator(timing, schemePortResolver, dnsResolver),
          privateLink, schemePortResolver != null ? schemePortResolver : DefaultSchemePortResolver.INSTANCE,
          timing);
    }
  }

  /** HttpClient's builder with our socket factory in the operator: the only place a connect can be seen. */
  private static final class ReportingManagerBuilder extends PoolingHttpClientConnectionManagerBuilder {
    private final ReportingSockets sockets;

    ReportingManagerBuilder(ReportingSockets sockets) {
      this.sockets = sockets;
    }

    @Override
    protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
        org.apache.hc.client5.http.DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
      return new DefaultHttpClientConnectionOperator(sockets,
          schemePortResolver != null ? schemePortResolver : DefaultSchemePortResolver.INSTANCE, dnsResolver,
          RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tlsSocketStrategy).build());
    }
  }
}
