package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.BindingState;
import dev.vpce.Endpoint;
import dev.vpce.EndpointUnavailableException;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkClosedException;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One binding's lifecycle: a state machine that every input goes through, the same at start-up and on
 * refresh.
 *
 * <pre>
 *   STARTING --route--> ROUTED <--route-- FAILED
 *      |                  |                 ^
 *      |                  +--ending state, or missing from 2 answers in a row
 *      +--error: stays STARTING (waiters released at once if the cause lasts)
 * </pre>
 *
 * <p>Inputs: {@link #endpointFound} (a discovery answer, or a static binding's endpoint for the current
 * placement; also how a new placement is applied), {@link #endpointMissing}, {@link #discoveryFailed}
 * and {@link #routeInputsChanged} (a DNS answer or a breaker changed). The rules:
 * <ul>
 *   <li>Once ROUTED, no control-plane failure removes the route: errors, transitional states
 *       ({@code pending}, …) and an endpoint missing from one answer keep it. Only an ending state
 *       ({@link EndpointStates#ENDING}) or an endpoint missing from two answers in a row end it (FAILED).</li>
 *   <li>Any good answer routes again, from STARTING or FAILED.</li>
 *   <li>Only the first {@link #current()} waits for start-up, up to {@code startupTimeout}; a lasting cause
 *       releases it at once. Until a route exists, later calls fail at once with the last error.</li>
 * </ul>
 * Inputs that do DNS lookups do them before taking the lock; the request path takes no lock.
 */
final class BindingLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final int MISSING_ANSWERS_THAT_END_A_ROUTE = 2;

  final String host;
  final Binding binding;
  final BindingHistory history;
  private final Duration startupTimeout;
  private final Duration refreshInterval;
  private final LocalZoneFinder zones;
  private final RouteComputer routes;
  private final Events events;
  private final Consumer<String> bindPrivateName;
  private final CountDownLatch startup = new CountDownLatch(1); // opened by start-up's outcome or by close()
  private final LongAdder[] tierCounts = {new LongAdder(), new LongAdder(), new LongAdder()};
  /** Serialises endpoint inputs (discovery, placement), which do DNS lookups; the state lock is separate. */
  private final Object applying = new Object();

  private BindingState state = BindingState.STARTING; // guarded by this
  private BoundEndpoint bound; // guarded by this; what the route is computed from
  private int missingAnswers; // guarded by this
  private int failedAttempts; // guarded by this
  private volatile RouteTable table; // null while starting with nothing to tell callers yet
  private volatile Endpoint endpoint; // the last endpoint seen, in any state
  private volatile Exception lastError;
  private volatile boolean startupWaitOver;

  BindingLifecycle(Binding binding, BindingHistory history, Duration startupTimeout, Duration refreshInterval,
      LocalZoneFinder zones, RouteComputer routes, Events events, Consumer<String> bindPrivateName) {
    this.host = binding.host();
    this.binding = binding;
    this.history = history;
    this.startupTimeout = startupTimeout;
    this.refreshInterval = refreshInterval;
    this.zones = zones;
    this.routes = routes;
    this.events = events;
    this.bindPrivateName = bindPrivateName;
  }

  // ---------------------------------------------------------------- inputs

  /** An answer named this binding's endpoint (or a static binding's endpoint for the current placement). */
  void endpointFound(Endpoint ep, Placement p) {
    synchronized (applying) {
      apply(ep, p);
    }
  }

  private void apply(Endpoint ep, Placement p) {
    Endpoint previous = endpoint;
    endpoint = ep;
    if (ep.id() != null && previous == null) {
      events.emit(l -> l.endpointDiscovered(host, ep));
    } else if (previous != null && !previous.equals(ep)) {
      LOG.info("vpce [{}] endpoint {} changed: state {} -> {}", host, ep.id(), previous.state(), ep.state());
      events.emit(l -> l.endpointChanged(host, previous, ep));
    }
    if (!ep.isAvailable()) {
      notAvailable(ep, p);
      return;
    }
    if (ep.regionalDnsName() == null) {
      discoveryFailed(new EndpointUnavailableException(host, ep.serviceName(), "vpce [" + host + "] endpoint "
          + ep.id() + " lists no regional DNS name", null));
      return;
    }
    BoundEndpoint b = zones.bind(host, ep, p, this::closed); // DNS lookups: outside the lock
    if (ep.privateDnsName() != null && binding.bindPrivateDnsName()) {
      bindPrivateName.accept(ep.privateDnsName()); // before callers are released, so they see it bound
    }
    boolean routedNow;
    BindingState before;
    synchronized (this) {
      if (state == BindingState.CLOSED) {
        return;
      }
      before = state;
      bound = b;
      missingAnswers = 0;
      failedAttempts = 0;
      routedNow = recompute();
    }
    if (routedNow && before != BindingState.ROUTED) {
      LOG.info("vpce [{}] {} {}{}, local zone {}", host,
          before == BindingState.STARTING ? "bound to" : "routing again to",
          ep.id() != null ? ep.id() : ep.regionalDnsName(), ep.serviceName() != null ? " (" + ep.serviceName() + ")"
              : "", b.localZone() == null ? "none: routing regional" : b.localZone() + " via " + (b.localName() != null
                  ? b.localName() : "the regional name (its interfaces there)"));
    }
  }

  private void notAvailable(Endpoint ep, Placement p) {
    EndpointUnavailableException e = EndpointStates.exception(host, ep, p, refreshInterval);
    boolean ends = EndpointStates.endsRoute(ep.state());
    synchronized (this) {
      if (state == BindingState.ROUTED && !ends) {
        LOG.info("vpce [{}] endpoint {} is {} (a change in progress; its interfaces keep serving): keeping the "
            + "route", host, ep.id(), ep.state());
        return;
      }
      fail(e, ends ? "endpoint " + ep.state() : null);
    }
  }

  /** An answer did not list this binding's endpoint at all. */
  void endpointMissing(EndpointUnavailableException why) {
    synchronized (this) {
      missingAnswers++;
      if (state == BindingState.ROUTED && missingAnswers < MISSING_ANSWERS_THAT_END_A_ROUTE) {
        LOG.warn("vpce [{}] the endpoint was missing from one discovery answer; keeping the route until an answer "
            + "confirms it", host);
        return;
      }
      fail(why, state == BindingState.ROUTED ? "endpoint missing from " + missingAnswers + " answers in a row" : null);
    }
  }

  /** Discovery (or the binding's own data) failed; {@code why} is what callers are told until a route exists. */
  void discoveryFailed(Exception why) {
    synchronized (this) {
      lastError = history.error(why);
      failedAttempts++;
      if (state == BindingState.ROUTED || state == BindingState.CLOSED) {
        return; // the data plane decides: the last good route stays
      }
      if (state == BindingState.STARTING && (Failures.isLasting(why) || table != null)) {
        table = RouteTable.failed(Failures.unavailable(host, binding.serviceName(), why));
        startup.countDown();
      }
    }
  }

  /** A DNS answer of one of this binding's names, or a breaker of one of its addresses, changed. */
  void routeInputsChanged() {
    boolean routedNow;
    BindingState before;
    synchronized (this) {
      if (bound == null || state == BindingState.FAILED || state == BindingState.CLOSED) {
        return;
      }
      before = state;
      routedNow = recompute();
    }
    if (routedNow && before == BindingState.STARTING) {
      LOG.info("vpce [{}] the endpoint's names answer now; routing", host);
    }
  }

  private boolean closed() {
    return state() == BindingState.CLOSED;
  }

  /** Releases callers waiting for start-up; later calls are told the instance is closed. */
  synchronized void close() {
    state = BindingState.CLOSED;
    startup.countDown();
  }

  /** Recomputes the route from {@link #bound}; caller holds the lock. Whether a route now exists. */
  private boolean recompute() {
    RouteTable t = routes.compute(host, bound, table != null && table.route != null ? table : null);
    table = t;
    if (t.route != null) {
      state = BindingState.ROUTED;
      lastError = null;
      startup.countDown();
      return true;
    }
    lastError = history.error(t.failure);
    if (state != BindingState.ROUTED) {
      startup.countDown();
    }
    return false;
  }

  /** Ends the route (or gives starting callers a definitive answer). Caller holds the lock. */
  private void fail(EndpointUnavailableException e, String endedBecause) {
    if (endedBecause != null) {
      LOG.warn("vpce [{}] route ended ({}): {}", host, endedBecause, e.getMessage());
    } else if (table == null || table.failure == null || !e.getMessage().equals(table.failure.getMessage())) {
      LOG.warn("{}", e.getMessage());
    }
    lastError = history.error(e);
    state = BindingState.FAILED;
    table = RouteTable.failed(e);
    routes.ended(host);
    startup.countDown();
  }

  // ---------------------------------------------------------------- outputs

  /** The table to answer from: waits for start-up only on the first call, and only while it may still succeed. */
  RouteTable current() throws UnknownHostException {
    RouteTable t = table;
    if (t != null) {
      return t;
    }
    if (state() == BindingState.CLOSED) {
      throw new PrivateLinkClosedException(host);
    }
    if (startupWaitOver) {
      throw noRouteYet(" (failing fast: only the first call waits for start-up)");
    }
    try {
      if (!startup.await(startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        startupWaitOver = true;
        throw noRouteYet(" after waiting " + startupTimeout.toMillis() + " ms for start-up");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EndpointUnavailableException(host, binding.serviceName(), "vpce [" + host
          + "] interrupted while waiting for start-up", e);
    }
    startupWaitOver = true;
    if (state() == BindingState.CLOSED) {
      throw new PrivateLinkClosedException(host);
    }
    t = table;
    if (t == null) {
      throw noRouteYet("");
    }
    return t;
  }

  private EndpointUnavailableException noRouteYet(String how) {
    Exception last = lastError;
    int attempts;
    synchronized (this) {
      attempts = failedAttempts;
    }
    return new EndpointUnavailableException(host, binding.serviceName(), "vpce [" + host + "] has no route yet"
        + how + "; " + (last == null ? "placement and discovery are still running"
            : "start-up failed " + attempts + " time(s), last: " + Failures.oneLine(last)), last);
  }

  synchronized BindingState state() {
    return state;
  }

  /** The route callers are given now (its first rotation), or null while there is none. */
  Route route() {
    RouteTable t = table;
    return t == null ? null : t.route;
  }

  /** Whether this binding's route holds the address. */
  boolean routes(java.net.InetAddress address) {
    RouteTable t = table;
    return t != null && t.contains(address);
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** What the route is computed from (a placement change re-applies its endpoint), or null before that. */
  synchronized BoundEndpoint bound() {
    return bound;
  }

  LongAdder tierCount(RouteTier tier) {
    return tierCounts[tier.ordinal()];
  }
}
