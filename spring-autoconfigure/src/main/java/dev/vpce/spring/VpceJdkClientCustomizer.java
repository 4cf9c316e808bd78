package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Routes the JDK {@code HttpClient} that Boot builds when Apache HttpClient 5 is absent: bound hosts go through
 * vpce's loopback CONNECT proxy ({@link PrivateLinkConnectProxy}), which tries the route's addresses in order and
 * reports each TCP outcome; TLS stays end to end on the hostname. {@code https} only: the JDK client does not
 * tunnel plain {@code http} through a proxy. The proxy starts the first time Boot builds a JDK client, and stops
 * with the context.
 */
public class VpceJdkClientCustomizer
    implements ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder>, DisposableBean {
  private final PrivateLink privateLink;
  private final Duration connectTimeout;
  private final List<Integer> allowedPorts;
  private PrivateLinkConnectProxy proxy;

  /**
   * Starts nothing: the proxy starts when Boot first builds a JDK client.
   *
   * @param privateLink    the {@code PrivateLink} whose routes the proxy follows
   * @param connectTimeout the connect timeout for each address the proxy tries ({@code vpce.http.connect-timeout},
   *                       2 s by default)
   * @param allowedPorts   the ports of bound hosts the proxy tunnels to ({@code vpce.http.proxy-ports}, 443 by
   *                       default); other ports get 403
   */
  public VpceJdkClientCustomizer(PrivateLink privateLink, Duration connectTimeout, List<Integer> allowedPorts) {
    this.privateLink = privateLink;
    this.connectTimeout = connectTimeout;
    this.allowedPorts = List.copyOf(allowedPorts);
  }

  @Override
  public JdkClientHttpRequestFactoryBuilder customize(JdkClientHttpRequestFactoryBuilder builder) {
    PrivateLinkConnectProxy p = proxy();
    return builder.withHttpClientCustomizer(b -> b.proxy(p.proxySelector()));
  }

  /**
   * Whether the proxy is running.
   *
   * @return true once Boot has built a JDK client through this customizer, until the context closes
   */
  public synchronized boolean isStarted() {
    return proxy != null;
  }

  /** The proxy, started on first use. */
  synchronized PrivateLinkConnectProxy proxy() {
    if (proxy == null) {
      try {
        proxy = PrivateLinkConnectProxy.builder(privateLink).connectTimeout(connectTimeout)
            .allowedPorts(allowedPorts.stream().mapToInt(Integer::intValue).toArray()).start();
      } catch (IOException e) {
        throw new UncheckedIOException("vpce could not start its loopback CONNECT proxy for the JDK HttpClient", e);
      }
    }
    return proxy;
  }

  @Override
  public synchronized void destroy() {
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }
}
