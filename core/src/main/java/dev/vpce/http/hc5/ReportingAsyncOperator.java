package dev.vpce.http.hc5;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.nio.AsyncClientConnectionOperator;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.concurrent.ComplexFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient's async connection operator, one address at a time: for a bound host it takes the route from
 * {@link PrivateLink#resolve}, connects (TCP and, for {@code https}, TLS) to each address in turn through
 * HttpClient's own operator (given the address, so it resolves nothing), reports every outcome per socket
 * address, gives every address but the last the adaptive connect deadline, and moves on after a TCP or a
 * TLS failure that counts against the address (not after a certificate or hostname-verification failure,
 * which every address would repeat). Other hosts go to HttpClient's operator unchanged.
 */
final class ReportingAsyncOperator implements AsyncClientConnectionOperator {
  private final AsyncClientConnectionOperator delegate;
  private final PrivateLink privateLink;
  private final SchemePortResolver ports;
  private final TimingTls timing;

  ReportingAsyncOperator(AsyncClientConnectionOperator delegate, PrivateLink privateLink, SchemePortResolver ports,
      TimingTls timing) {
    this.delegate = delegate;
    this.privateLink = privateLink;
    this.ports = ports;
    this.timing = timing;
  }

  @Override
  public Future<ManagedAsyncClientConnection> connect(ConnectionInitiator initiator, HttpHost host,
      SocketAddress localAddress, Timeout connectTimeout, Object attachment,
      FutureCallback<ManagedAsyncClientConnection> callback) {
    return connect(initiator, host, null, localAddress, connectTimeout, attachment, null, callback);
  }

  @Override
  public Future<ManagedAsyncClientConnection> connect(ConnectionInitiator initiator, HttpHost host, Path unixSocket,
      NamedEndpoint endpointName, SocketAddress localAddress, Timeout connectTimeout, Object attachment,
      HttpContext context, FutureCallback<ManagedAsyncClientConnection> callback) {
    if (unixSocket != null) {
      return delegate.connect(initiator, host, unixSocket, endpointName, localAddress, connectTimeout, attachment,
          context, callback);
    }
    return connect(initiator, host, endpointName, localAddress, connectTimeout, attachment, context, callback);
  }

  @Override
  public Future<ManagedAsyncClientConnection> connect(ConnectionInitiator initiator, HttpHost host,
      NamedEndpoint endpointName, SocketAddress localAddress, Timeout connectTimeout, Object attachment,
      HttpContext context, FutureCallback<ManagedAsyncClientConnection> callback) {
    if (host.getAddress() != null || !privateLink.isBound(host.getHostName())) {
      return delegate.connect(initiator, host, endpointName, localAddress, connectTimeout, attachment, context,
          callback);
    }
    ComplexFuture<ManagedAsyncClientConnection> future = new ComplexFuture<>(callback);
    List<InetAddress> route;
    int port;
    try {
      route = privateLink.resolve(host.getHostName());
      port = ports.resolve(host);
    } catch (UnknownHostException | RuntimeException e) {
      future.failed(e);
      return future;
    }
    new Attempts(initiator, host, endpointName, localAddress, connectTimeout, attachment, context, future, route,
        port).next(0);
    return future;
  }

  @Override
  public void upgrade(ManagedAsyncClientConnection connection, HttpHost host, Object attachment) {
    delegate.upgrade(connection, host, attachment);
  }

  @Override
  public void upgrade(ManagedAsyncClientConnection connection, HttpHost host, NamedEndpoint endpointName,
      Object attachment, HttpContext context, FutureCallback<ManagedAsyncClientConnection> callback) {
    delegate.upgrade(connection, host, endpointName, attachment, context, callback);
  }

  /** The connects of one new connection, one address after another. */
  private final class Attempts {
    final ConnectionInitiator initiator;
    final HttpHost host;
    final NamedEndpoint endpointName;
    final SocketAddress localAddress;
    final Timeout connectTimeout;
    final Object attachment;
    final HttpContext context;
    final ComplexFuture<ManagedAsyncClientConnection> future;
    final List<InetAddress> route;
    final int port;

    Attempts(ConnectionInitiator initiator, HttpHost host, NamedEndpoint endpointName, SocketAddress localAddress,
        Timeout connectTimeout, Object attachment, HttpContext context,
        ComplexFuture<ManagedAsyncClientConnection> future, List<InetAddress> route, int port) {
      this.initiator = initiator;
      this.host = host;
      this.endpointName = endpointName;
      this.localAddress = localAddress;
      this.connectTimeout = connectTimeout;
      this.attachment = attachment;
      this.context = context;
      this.future = future;
      this.route = route;
      this.port = port;
    }

    void next(int i) {
      if (future.isDone()) {
        return;
      }
      InetAddress address = route.get(i);
      InetSocketAddress target = new InetSocketAddress(address, port);
      boolean last = i == route.size() - 1;
      Timeout timeout = connectTimeout;
      if (!last && connectTimeout != null && !connectTimeout.isDisabled()) {
        timeout = Timeout.of(privateLink.connectTimeout(target, connectTimeout.toDuration()));
      }
      HttpHost pinned = new HttpHost(host.getSchemeName(), address, host.getHostName(), port);
      long start = System.nanoTime();
      future.setDependency(delegate.connect(initiator, pinned, endpointName, localAddress, timeout, attachment,
          context, new FutureCallback<>() {
            @Override
            public void completed(ManagedAsyncClientConnection connection) {
              Long tcpEnd = timing.tcpEnd(connection);
              long end = tcpEnd != null ? tcpEnd : System.nanoTime();
              privateLink.connectSucceeded(target, Duration.ofNanos(end - start));
              if (!future.completed(connection)) {
                connection.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE); // cancelled meanwhile
              }
            }

            @Override
            public void failed(Exception failure) {
              // a failure that says nothing about the address (hostname verification) ends the request
              boolean counted = failure instanceof IOException io && privateLink.connectFailed(target, io);
              if (last || !counted || future.isDone()) {
                future.failed(failure);
              } else {
                next(i + 1);
              }
            }

            @Override
            public void cancelled() {
              future.cancel();
            }
          }));
    }
  }

  /**
   * Wraps the TLS strategy to note when the TCP connect of a connection ended (the handshake starts), so
   * that the connect time reported is the TCP connect alone.
   */
  static final class TimingTls implements TlsStrategy {
    private final TlsStrategy delegate;
    private final Map<Object, Long> tcpEnds = new ConcurrentHashMap<>();

    TimingTls(TlsStrategy delegate) {
      this.delegate = delegate;
    }

    Long tcpEnd(Object connection) {
      return tcpEnds.remove(connection);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean upgrade(TransportSecurityLayer sessionLayer, HttpHost host, SocketAddress localAddress,
        SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
      return delegate.upgrade(sessionLayer, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }

    @Override
    public void upgrade(TransportSecurityLayer sessionLayer, NamedEndpoint endpoint, Object attachment,
        Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
      tcpEnds.put(sessionLayer, System.nanoTime());
      delegate.upgrade(sessionLayer, endpoint, attachment, handshakeTimeout, new FutureCallback<>() {
        @Override
        public void completed(TransportSecurityLayer result) {
          if (callback != null) {
            callback.completed(result);
          }
        }

        @Override
        public void failed(Exception ex) {
          tcpEnds.remove(sessionLayer);
          if (callback != null) {
            callback.failed(ex);
          }
        }

        @Override
        public void cancelled() {
          tcpEnds.remove(sessionLayer);
          if (callback != null) {
            callback.cancelled();
          }
        }
      });
    }
  }
}
