package dev.vpce.http.okhttp;

import dev.vpce.PrivateLink;
import dev.vpce.internal.Checks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * OkHttp 5 ({@code com.squareup.okhttp3:okhttp-jvm}) wiring: a {@link Dns} that gives bound hosts their
 * vpce route, and an {@link EventListener} that reports every connect attempt (TCP and TLS) per address.
 *
 * <pre>{@code
 * OkHttpClient http = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink).build();
 * }</pre>
 *
 * <p>{@link #configure} turns OkHttp's fast fallback off: with it on, OkHttp races the next address after
 * 250 ms and cancels the slower attempt, so a blackholed zone would never time out, never open its breaker,
 * and cost 250 ms on every new connection. A race loser, when fast fallback is on anyway, is reported by
 * OkHttp as {@code Socket closed} and does not count against the address. {@code configure} also sets a
 * 2 s connect timeout and a pool that keeps idle connections 60 s (under the endpoint's 350 s idle timeout).
 */
public final class PrivateLinkOkHttp {
  private PrivateLinkOkHttp() {}

  /** Bound hosts resolve to their route; the rest to {@link Dns#SYSTEM}. */
  public static Dns dns(PrivateLink privateLink) {
    Checks.notNull("privateLink", privateLink);
    return host -> privateLink.isBound(host) ? privateLink.resolve(host) : Dns.SYSTEM.lookup(host);
  }

  /** Reports connect outcomes, then hands every event to the application's own listener. */
  public static EventListener.Factory eventListenerFactory(PrivateLink privateLink, EventListener.Factory own) {
    Checks.notNull("privateLink", privateLink);
    Reporter reporter = new Reporter(privateLink);
    if (own == null) {
      return call -> reporter;
    }
    return call -> reporter.plus(own.create(call));
  }

  /** Sets the DNS, the outcome listener (keeping any listener already set), timeouts, pool and fast fallback. */
  public static OkHttpClient.Builder configure(OkHttpClient.Builder builder, PrivateLink privateLink) {
    EventListener.Factory existing = builder.build().eventListenerFactory();
    return builder
        .dns(dns(privateLink))
        .eventListenerFactory(eventListenerFactory(privateLink, existing))
        .fastFallback(false)
        .connectTimeout(Duration.ofSeconds(2))
        .connectionPool(new ConnectionPool(5, 60, TimeUnit.SECONDS));
  }

  private static final class Reporter extends EventListener {
    private final PrivateLink privateLink;

    Reporter(PrivateLink privateLink) {
      this.privateLink = privateLink;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
      if (address.getAddress() != null) {
        privateLink.connectSucceeded(address.getAddress());
      }
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol,
        IOException failure) {
      if (address.getAddress() != null && !(call.isCanceled() && failure instanceof SocketException)) {
        privateLink.connectFailed(address.getAddress(), failure);
      }
    }
  }
}
