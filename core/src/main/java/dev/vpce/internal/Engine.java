package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.BreakerState;
import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkClosedException;
import dev.vpce.PrivateLinkStatus;
import dev.vpce.RefreshKind;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.UnboundHostException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code PrivateLink}: wires the parts and answers the request path. Each binding's
 * lifecycle is a {@link BindingLifecycle}; discovery runs in shared {@link DiscoveryRounds}; the
 * placement is a {@link PlacementTracker}; routes come from the {@link RouteComputer}.
 *
 * <p>{@link #resolve} only reads a precomputed {@link RouteTable}: one map lookup and one volatile read,
 * plus a breaker check when some address is unhealthy. Only a binding's first call may wait.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  /** How long the breakers of an address outlive the last route that held it. */
  static final Duration BREAKER_PRUNE_AFTER = Duration.ofMinutes(10);

  private final EngineSettings settings;
  private final Scheduler scheduler;
  private final DnsCache dns;
  private final TargetHealth health;
  private final NameTracker names;
  private final PlacementTracker placement;
  private final DiscoveryRounds discovery;
  private final Map<String, BindingLifecycle> byHost = new ConcurrentHashMap<>();
  private final List<BindingLifecycle> lifecycles = new ArrayList<>();
  private final LongAdder refreshFailures = new LongAdder();
  private final Events events;
  private volatile boolean closed;

  public Engine(EngineSettings settings) {
    this.settings = settings;
    this.scheduler = settings.scheduler().get();
    this.events = new Events(settings.listeners());
    Backoff dnsBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), settings.random());
    this.dns = new DnsCache(settings.nameResolver(), settings.clock(), scheduler, settings.staleAnswerLimit(),
        dnsBackoff, this::dnsChanged, this::dnsFailed);
    this.health = new TargetHealth(settings.breakerFailureThreshold(), settings.breakerOpenWait(),
        settings.breakerMaxOpenWait(), settings.breakerTrialTimeout(), BREAKER_PRUNE_AFTER,
        settings.adaptiveConnectDeadline(), settings.clock(), new TargetHealth.Listener() {
          @Override
          public void transitioned(InetSocketAddress target, BreakerState from, BreakerState to) {
            breakerTransitioned(target, from, to);
          }

          @Override
          public void healthChanged(InetAddress address) {
            recomputeRoutesWith(address);
          }
        });
    this.names = new NameTracker(dns);
    LocalZoneFinder zones = new LocalZoneFinder(dns, names);
    RouteComputer routes = new RouteComputer(dns, health, events);
    Duration maxPlacementWait = settings.refreshInterval().compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1) : settings.refreshInterval();
    this.placement = new PlacementTracker(settings.explicitPlacement(), settings.placementChain(), scheduler,
        new Backoff(Duration.ofSeconds(1), maxPlacementWait, settings.random()), events, this::placementKnown);
    List<BindingLifecycle> discovered = new ArrayList<>();
    for (Binding b : settings.bindings()) {
      BindingHistory history = new BindingHistory(settings.clock(), b.isStatic() ? "static binding" : null);
      BindingLifecycle l = new BindingLifecycle(b, history, settings.startupTimeout(), settings.refreshInterval(),
          zones, routes, events, name -> bindPrivateName(name, b.host()));
      lifecycles.add(l);
      byHost.put(key(b.host()), l);
      if (!b.isStatic()) {
        discovered.add(l);
      }
    }
    this.discovery = discovered.isEmpty() ? null
        : new DiscoveryRounds(discovered, placement, scheduler, events, settings, refreshFailures::increment);
    for (BindingLifecycle l : lifecycles) {
      if (l.binding.isStatic()) {
        scheduler.schedule("start-up " + l.host, () -> l.endpointFound(StaticEndpoints.of(l.binding,
            placement.get()), placement.get()), Duration.ZERO);
      }
    }
    if (discovery != null) {
      discovery.runSoon();
    }
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- request path

  public List<InetAddress> resolve(String host) throws UnknownHostException {
    Objects.requireNonNull(host, "host must not be null");
    BindingLifecycle b = lifecycle(host);
    RouteTable t = b.current();
    List<InetAddress> addresses = t.addresses(health);
    b.tierCount(t.route.tier()).increment();
    return addresses;
  }

  private BindingLifecycle lifecycle(String host) throws UnknownHostException {
    if (closed) {
      throw new PrivateLinkClosedException(host);
    }
    BindingLifecycle b = byHost.get(host);
    if (b == null) {
      b = byHost.get(key(host));
      if (b == null) {
        throw new UnboundHostException(host);
      }
    }
    return b;
  }

  public boolean isBound(String host) {
    Objects.requireNonNull(host, "host must not be null");
    return byHost.containsKey(host) || byHost.containsKey(key(host));
  }

  public Route route(String host) throws UnknownHostException {
    Objects.requireNonNull(host, "host must not be null");
    return lifecycle(host).current().next();
  }

  public void connectSucceeded(InetSocketAddress target, Duration connectTime) {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(connectTime, "connectTime must not be null");
    if (health.isRouted(target.getAddress())) {
      health.success(target, connectTime);
    }
  }

  public boolean connectFailed(InetSocketAddress target, IOException cause) {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(cause, "cause must not be null");
    if (!health.isRouted(target.getAddress())) {
      return false;
    }
    boolean counted = health.failure(target, cause);
    events.emit(l -> l.connectFailed(target, cause, counted));
    return counted;
  }

  public Duration connectTimeout(InetSocketAddress target, Duration callerTimeout) {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(callerTimeout, "callerTimeout must not be null");
    return health.isRouted(target.getAddress()) ? health.connectTimeout(target, callerTimeout) : callerTimeout;
  }

  public Placement placement() {
    return placement.current();
  }

  public Endpoint endpoint(String host) {
    Objects.requireNonNull(host, "host must not be null");
    BindingLifecycle b = byHost.get(key(host));
    return b == null ? null : b.endpoint();
  }

  public Set<String> hosts() {
    return Set.copyOf(byHost.keySet());
  }

  public Map<InetSocketAddress, BreakerState> breakerStates() {
    return health.states();
  }

  /** How many times {@code resolve} handed out a route of each tier, per binding host. */
  public Map<String, Map<RouteTier, Long>> tierCounts() {
    Map<String, Map<RouteTier, Long>> out = new LinkedHashMap<>();
    for (BindingLifecycle l : lifecycles) {
      Map<RouteTier, Long> m = new EnumMap<>(RouteTier.class);
      for (RouteTier t : RouteTier.values()) {
        m.put(t, l.tierCount(t).sum());
      }
      out.put(l.host, m);
    }
    return out;
  }

  /** Background refreshes (start-up, endpoint, DNS) that failed since start. */
  public long refreshFailures() {
    return refreshFailures.sum();
  }

  /** A snapshot of every binding, built from the state the parts keep; never blocks on the network. */
  public PrivateLinkStatus status() {
    return new StatusSnapshots(settings.clock(), settings.region(), dns, health).take(placement.current(),
        lifecycles);
  }

  // ---------------------------------------------------------------- inputs from the parts

  private void bindPrivateName(String privateName, String host) {
    BindingLifecycle l = byHost.get(key(host));
    if (byHost.putIfAbsent(key(privateName), l) == null) {
      LOG.info("vpce [{}] also bound the endpoint's private DNS name {}", host, privateName);
    }
  }

  /** The placement became known after being unknown: every binding re-applies its endpoint. */
  private void placementKnown(Placement p) {
    for (BindingLifecycle l : lifecycles) {
      if (l.binding.isStatic()) {
        scheduler.schedule("placement " + l.host, () -> l.endpointFound(StaticEndpoints.of(l.binding, p), p),
            Duration.ZERO);
      } else {
        BoundEndpoint bound = l.bound();
        Endpoint ep = bound == null ? null : bound.endpoint();
        if (ep != null) {
          scheduler.schedule("placement " + l.host, () -> l.endpointFound(ep, p), Duration.ZERO);
        }
      }
    }
    if (discovery != null) {
      discovery.runSoon(); // the VPC or the Region may be known now
    }
  }

  private void dnsChanged(String name) {
    for (BindingLifecycle l : lifecycles) {
      if (names.uses(l.host, name)) {
        l.routeInputsChanged();
      }
    }
  }

  private void dnsFailed(String name, Throwable failure) {
    refreshFailures.increment();
    for (BindingLifecycle l : lifecycles) {
      if (names.uses(l.host, name)) {
        l.history.refreshFailed(RefreshKind.DNS, failure);
        events.emit(li -> li.refreshFailed(l.host, "dns " + name, failure));
      }
    }
  }

  private void breakerTransitioned(InetSocketAddress target, BreakerState from, BreakerState to) {
    String where = target.getAddress().getHostAddress() + ":" + target.getPort();
    if (to == BreakerState.OPEN) {
      LOG.warn("vpce breaker for {} opened after failed connects ({} -> {})", where, from, to);
    } else {
      LOG.info("vpce breaker for {}: {} -> {}", where, from, to);
    }
    events.emit(l -> l.breakerStateChanged(target, from, to));
    recomputeRoutesWith(target.getAddress());
  }

  private void recomputeRoutesWith(InetAddress address) {
    for (BindingLifecycle l : lifecycles) {
      if (l.routes(address)) {
        l.routeInputsChanged();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (discovery != null) {
      discovery.close();
    }
    lifecycles.forEach(BindingLifecycle::close);
    scheduler.close();
    settings.placementChain().close();
    for (AutoCloseable c : settings.owned()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("vpce could not close {}", c, e);
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }
}
