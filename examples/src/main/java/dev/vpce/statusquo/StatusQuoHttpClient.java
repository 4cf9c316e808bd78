package dev.vpce.statusquo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient 5 classic as used today, without vpce: its own connection manager resolving through a
 * {@link StatusQuoResolver} and trying each address of the answer in turn, a 5 s response timeout.
 */
public final class StatusQuoHttpClient {
  private StatusQuoHttpClient() {}

  /**
   * A new client; the caller closes it.
   *
   * @param resolver resolves every hostname the client connects to
   * @param tls the TLS context (certificate and hostname verification stay on)
   * @param connectTimeout how long one connect attempt may take
   * @return the client
   */
  public static CloseableHttpClient build(StatusQuoResolver resolver, SSLContext tls, Duration connectTimeout) {
    DnsResolver dns = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolver.resolve(host).toArray(new InetAddress[0]);
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(dns)
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build())
        .build();
  }
}
