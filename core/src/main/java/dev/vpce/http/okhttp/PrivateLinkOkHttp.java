package dev.vpce.http.okhttp;

import dev.vpce.PrivateLink;
import dev.vpce.internal.Checks;
import dev.vpce.internal.DeadlineSocket;
import dev.vpce.internal.RouteAttempts;
import dev.vpce.internal.SocketConnects;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * OkHttp 5 ({@code com.squareup.okhttp3:okhttp-jvm}) wiring: a {@link Dns} that gives bound hosts their
 * vpce route, an {@link EventListener} that reports every connect attempt (TCP and TLS) per socket address,
 * and a {@link SocketFactory} that gives every address but the route's last vpce's adaptive connect
 * deadline.
 *
 * <pre>{@code
 * OkHttpClient http = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink).build();
 * }</pre>
 *
 * <p>{@link #configure} turns OkHttp's fast fallback off: with it on, OkHttp races the next address after
 * 250 ms and cancels the slower attempt, so a blackholed zone would never time out, never open its breaker,
 * and cost 250 ms on every new connection. A race loser, when fast fallback is on anyway, is reported by
 * OkHttp as {@code Socket closed} and does not count against the address.
 *
 * <p>{@code configure} keeps what the builder already has and applies defaults only where nothing was set:
 * a 2 s connect timeout when the builder still has OkHttp's default (10 s), and a pool that keeps idle
 * connections 60 s (under the endpoint's 350 s idle timeout) when no pool was set. An event listener
 * already set still hears every event. A socket factory already set is kept, and then the adaptive
 * deadline is not applied (vpce cannot shorten a connect on another factory's sockets).
 */
public final class PrivateLinkOkHttp {
  /** OkHttp's own default connect timeout, which {@link #configure} replaces with {@link #CONNECT_TIMEOUT}. */
  static final int OKHTTP_DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private PrivateLinkOkHttp() {}

  /**
   * Bound hosts resolve to their route, best first; the rest to {@link Dns#SYSTEM}.
   *
   * @param privateLink the instance whose routes bound hosts get
   * @return a {@code Dns} for {@code OkHttpClient.Builder.dns(..)}
   */
  public static Dns dns(PrivateLink privateLink) {
    Checks.notNull("privateLink", privateLink);
    return host -> {
      if (!privateLink.isBound(host)) {
        RouteAttempts.started(0);
        return Dns.SYSTEM.lookup(host);
      }
      List<InetAddress> route = privateLink.resolve(host);
      RouteAttempts.started(route.size());
      return route;
    };
  }

  /**
   * Sockets whose connect uses vpce's adaptive deadline for every address but the route's last. It relies
   * on OkHttp connecting on the thread that resolved, as it does with fast fallback off; otherwise every
   * connect keeps the client's own timeout.
   *
   * @param privateLink the instance whose connect deadlines the sockets follow
   * @return a factory for {@code OkHttpClient.Builder.socketFactory(..)}
   */
  public static SocketFactory socketFactory(PrivateLink privateLink) {
    return new DeadlineSockets(Checks.notNull("privateLink", privateLink));
  }

  /**
   * Reports connect outcomes, then hands every event to the application's own listener.
   *
   * @param privateLink the instance that hears each outcome
   * @param own the application's own listener factory, or null
   * @return a factory for {@code OkHttpClient.Builder.eventListenerFactory(..)}
   */
  public static EventListener.Factory eventListenerFactory(PrivateLink privateLink, EventListener.Factory own) {
    Checks.notNull("privateLink", privateLink);
    if (own == null) {
      return call -> new Reporter(privateLink);
    }
    return call -> new Reporter(privateLink).plus(own.create(call));
  }

  /**
   * Sets the DNS, the outcome listener (keeping any listener already set), the deadline socket factory
   * (unless one is set) and fast fallback off; sets the connect timeout and pool only where the builder has
   * none of its own (see the class notes). Builds nothing.
   *
   * @param builder the application's builder, changed in place
   * @param privateLink the instance whose routes the client follows
   * @return the same builder, for chaining
   */
  public static OkHttpClient.Builder configure(OkHttpClient.Builder builder, PrivateLink privateLink) {
    Checks.notNull("builder", builder);
    EventListener.Factory existing = builder.getEventListenerFactory$okhttp();
    builder
        .dns(dns(privateLink))
        .eventListenerFactory(eventListenerFactory(privateLink, existing))
        .fastFallback(false);
    if (builder.getSocketFactory$okhttp() == SocketFactory.getDefault()) {
      builder.socketFactory(socketFactory(privateLink));
    }
    if (builder.getConnectTimeout$okhttp() == OKHTTP_DEFAULT_CONNECT_TIMEOUT_MILLIS) {
      builder.connectTimeout(CONNECT_TIMEOUT);
    }
    if (builder.getConnectionPool$okhttp() == null) {
      builder.connectionPool(new ConnectionPool(5, 60, TimeUnit.SECONDS));
    }
    return builder;
  }

  private static final class DeadlineSockets extends SocketFactory {
    private final PrivateLink privateLink;

    DeadlineSockets(PrivateLink privateLink) {
      this.privateLink = privateLink;
    }

    @Override
    public Socket createSocket() {
      return new DeadlineSocket(privateLink, false, false); // the listener reports, with the call's context
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return SocketConnects.connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return SocketConnects.connect(createSocket(), localHost, localPort, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return SocketConnects.connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return SocketConnects.connect(createSocket(), localAddress, localPort, new InetSocketAddress(address, port));
    }
  }

  /** One per call: remembers when the current connect started and when its TCP part ended. */
  private static final class Reporter extends EventListener {
    private final PrivateLink privateLink;
    private long connectStart; // guarded by this
    private long tcpNanos = -1; // guarded by this

    Reporter(PrivateLink privateLink) {
      this.privateLink = privateLink;
    }

    @Override
    public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connectStart = System.nanoTime();
      tcpNanos = -1;
    }

    @Override
    public synchronized void secureConnectStart(Call call) {
      tcpNanos = System.nanoTime() - connectStart;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
      if (address.getAddress() != null) {
        long tcp;
        synchronized (this) {
          tcp = tcpNanos >= 0 ? tcpNanos : System.nanoTime() - connectStart;
        }
        privateLink.connectSucceeded(address, Duration.ofNanos(tcp));
      }
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol,
        IOException failure) {
      if (address.getAddress() != null && !(call.isCanceled() && failure instanceof SocketException)) {
        privateLink.connectFailed(address, failure);
      }
    }
  }
}
