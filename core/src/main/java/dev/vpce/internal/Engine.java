package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.Endpoint;
import dev.vpce.EndpointStateException;
import dev.vpce.EndpointUnavailableException;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkListener;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.UnboundHostException;
import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.DnsAnswer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code PrivateLink}: bindings, their endpoints, DNS, routes and breakers.
 *
 * <p>Everything that waits on the network (placement, discovery, DNS) runs on the scheduler's threads,
 * except the first resolution of a binding, which a caller may wait for. {@link #resolve} then only
 * reads a precomputed {@link RouteTable}: one map lookup and one volatile read, plus a breaker check
 * when some address is unhealthy.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final EngineSettings settings;
  private final Scheduler scheduler;
  private final DnsCache dns;
  private final TargetHealth health;
  private final Map<String, BindingRuntime> bindings = new ConcurrentHashMap<>();
  private final List<BindingRuntime> runtimes = new ArrayList<>();
  private final Map<String, EndpointDiscovery> discoveries = new ConcurrentHashMap<>();
  private final Object placementLock = new Object();
  private final LongAdder refreshFailures = new LongAdder();
  /** Every address any route has held: outcomes for other addresses (unbound hosts) are ignored. */
  private final Set<InetAddress> routed = ConcurrentHashMap.newKeySet();
  private volatile Placement placement;
  private volatile boolean closed;

  public Engine(EngineSettings settings) {
    this.settings = settings;
    this.scheduler = settings.scheduler().get();
    this.dns = new DnsCache(settings.nameResolver(), settings.clock(), scheduler, settings.staleAnswerLimit(),
        this::dnsChanged, (name, failure) -> dnsFailed(name, failure));
    this.health = new TargetHealth(settings.breakerFailureThreshold(), settings.breakerOpenWait(),
        settings.breakerMaxOpenWait(), settings.breakerTrialTimeout(), settings.clock(), this::breakerTransitioned);
    for (Binding b : settings.bindings()) {
      BindingRuntime r = new BindingRuntime(b);
      runtimes.add(r);
      bindings.put(key(b.host()), r);
    }
    for (BindingRuntime r : runtimes) {
      scheduler.schedule("warm-up " + r.host, () -> warmUp(r), Duration.ZERO);
    }
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- request path

  public List<InetAddress> resolve(String host) throws UnknownHostException {
    if (closed) {
      throw new IllegalStateException("this PrivateLink is closed");
    }
    BindingRuntime b = bindings.get(host);
    if (b == null) {
      b = bindings.get(key(host));
      if (b == null) {
        throw new UnboundHostException(host);
      }
    }
    RouteTable t = b.table;
    if (t == null) {
      t = b.awaitFirstRoute();
    }
    List<InetAddress> addresses = t.addresses(health);
    b.tierCount(t.route.tier()).increment();
    return addresses;
  }

  public boolean isBound(String host) {
    return bindings.containsKey(host) || bindings.containsKey(key(host));
  }

  public Route route(String host) throws UnknownHostException {
    BindingRuntime b = bindings.get(key(host));
    if (b == null) {
      throw new UnboundHostException(host);
    }
    RouteTable t = b.table;
    if (t == null) {
      t = b.awaitFirstRoute();
    }
    if (t.failure != null) {
      throw t.failure;
    }
    return t.route;
  }

  public void connectSucceeded(InetAddress address) {
    if (routed.contains(address)) {
      health.success(address);
    }
  }

  public boolean connectFailed(InetAddress address, IOException cause) {
    if (!routed.contains(address)) {
      return false;
    }
    boolean counted = health.failure(address, cause);
    notify(l -> l.connectFailed(address, cause, counted));
    return counted;
  }

  public Placement placement() {
    return placement;
  }

  public Endpoint endpoint(String host) {
    BindingRuntime b = bindings.get(key(host));
    return b == null ? null : b.endpoint;
  }

  public Set<String> hosts() {
    return Set.copyOf(bindings.keySet());
  }

  public Map<InetAddress, String> breakerStates() {
    return health.states();
  }

  /** How many times {@code resolve} handed out a route of each tier, per binding host. */
  public Map<String, Map<RouteTier, Long>> tierCounts() {
    Map<String, Map<RouteTier, Long>> out = new LinkedHashMap<>();
    for (BindingRuntime r : runtimes) {
      Map<RouteTier, Long> m = new EnumMap<>(RouteTier.class);
      for (RouteTier t : RouteTier.values()) {
        m.put(t, r.tierCount(t).sum());
      }
      out.put(r.host, m);
    }
    return out;
  }

  // ---------------------------------------------------------------- background work

  private Placement resolvePlacement() {
    Placement p = placement;
    if (p != null) {
      return p;
    }
    synchronized (placementLock) {
      if (placement == null) {
        Placement found = settings.explicitPlacement() != null ? settings.explicitPlacement()
            : settings.placementChain().locate();
        placement = found;
        notify(l -> l.placementResolved(found));
      }
      return placement;
    }
  }

  private void warmUp(BindingRuntime b) {
    if (closed) {
      return;
    }
    try {
      Placement p = resolvePlacement();
      Endpoint ep = b.binding.isStatic() ? staticEndpoint(b, p) : discover(b, p);
      apply(b, ep, p, true);
      b.attempts = 0;
      b.firstRoute.complete(null);
      if (!b.binding.isStatic()) {
        scheduleRefresh(b, jittered(settings.refreshInterval()));
      }
    } catch (EndpointUnavailableException definitive) {
      b.fail(definitive);
      b.firstRoute.complete(null);
      scheduler.schedule("warm-up " + b.host, () -> warmUp(b), jittered(settings.refreshInterval()));
    } catch (IOException | RuntimeException transientFailure) {
      b.lastTransientFailure = transientFailure;
      refreshFailures.increment();
      Duration retry = backoff(++b.attempts);
      LOG.warn("vpce [{}] start-up attempt {} failed, retrying in {} ms: {}", b.host, b.attempts, retry.toMillis(),
          transientFailure.toString());
      if (transientFailure instanceof RuntimeException) {
        LOG.debug("vpce [{}] start-up failure", b.host, transientFailure); // a defect: keep the stack
      }
      notify(l -> l.refreshFailed(b.host, "start-up", transientFailure));
      scheduler.schedule("warm-up " + b.host, () -> warmUp(b), retry);
    }
  }

  private void refreshEndpoint(BindingRuntime b) {
    if (closed) {
      return;
    }
    Placement p = resolvePlacement();
    try {
      Endpoint ep = discover(b, p);
      Endpoint previous = b.endpoint;
      b.attempts = 0;
      if (!ep.equals(previous)) {
        LOG.info("vpce [{}] endpoint {} changed: state {} -> {}", b.host, ep.id(),
            previous == null ? null : previous.state(), ep.state());
        notify(l -> l.endpointChanged(b.host, previous, ep));
        apply(b, ep, p, false);
      }
      scheduleRefresh(b, jittered(settings.refreshInterval()));
    } catch (EndpointUnavailableException gone) {
      if (b.table == null || b.table.failure == null || !b.table.failure.getMessage().equals(gone.getMessage())) {
        LOG.warn("{}", gone.getMessage());
      }
      b.fail(gone);
      scheduleRefresh(b, jittered(settings.refreshInterval()));
    } catch (IOException | RuntimeException e) {
      refreshFailures.increment();
      Duration retry = backoff(++b.attempts);
      if (retry.compareTo(settings.refreshInterval()) > 0) {
        retry = settings.refreshInterval();
      }
      boolean throttled = e instanceof DiscoveryException d && d.reason() == DiscoveryException.Reason.THROTTLED;
      LOG.warn("vpce [{}] endpoint refresh failed{}; keeping the last good data, next try in {} ms: {}", b.host,
          throttled ? " (throttled)" : "", retry.toMillis(), e.getMessage());
      notify(l -> l.refreshFailed(b.host, "endpoint", e));
      scheduleRefresh(b, retry);
    }
  }

  private void scheduleRefresh(BindingRuntime b, Duration delay) {
    scheduler.schedule("endpoint refresh " + b.host, () -> refreshEndpoint(b), delay);
  }

  private Duration jittered(Duration interval) {
    long ms = interval.toMillis();
    long jitter = ms / 10;
    return Duration.ofMillis(ms - jitter + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * jitter + 1)));
  }

  private static Duration backoff(int attempt) {
    Duration d = MIN_RETRY.multipliedBy(1L << Math.min(attempt - 1, 5));
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }

  // ---------------------------------------------------------------- endpoints

  private Endpoint staticEndpoint(BindingRuntime b, Placement p) {
    Binding binding = b.binding;
    Map<String, String> zonal = new LinkedHashMap<>(binding.zonalDnsNames());
    if (zonal.isEmpty() && p.zoneName() != null && Names.isRegionalName(binding.regionalDnsName())) {
      zonal.put(p.zoneName(), Names.zonalNameFor(binding.regionalDnsName(), p.zoneName()));
    }
    return new Endpoint(null, null, null, "available", null, binding.regionalDnsName(), zonal, null, List.of(),
        binding.dnsRecordIpType());
  }

  private Endpoint discover(BindingRuntime b, Placement p) throws IOException {
    String service = b.binding.serviceName();
    String vpc = settings.vpcId() != null ? settings.vpcId() : p.vpcId();
    EndpointDiscovery discovery = discoveries.computeIfAbsent(Names.regionOf(service),
        settings.discoveryForRegion());
    List<Endpoint> found;
    try {
      found = discovery.describe(service, vpc);
    } catch (DiscoveryException e) {
      if (e.reason() == DiscoveryException.Reason.ACCESS_DENIED) {
        throw new EndpointUnavailableException(b.host, service, "vpce [" + b.host + "] cannot discover the endpoint "
            + "of " + service + ": " + e.getMessage(), e);
      }
      throw e;
    }
    String where = vpc == null ? "in any VPC this account can see (the VPC is not known)" : "in " + vpc;
    if (found.isEmpty()) {
      throw new EndpointUnavailableException(b.host, service, "vpce [" + b.host + "] no interface endpoint for "
          + service + " " + where + ": create one (aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface "
          + "--service-name " + service + (vpc == null ? "" : " --vpc-id " + vpc) + " ...), or check the region", null);
    }
    List<Endpoint> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing((Endpoint e) -> !e.isAvailable())
        .thenComparing(e -> vpc == null || !vpc.equals(e.vpcId()))
        .thenComparing(e -> Objects.toString(e.id(), "")));
    Endpoint chosen = sorted.get(0);
    if (found.size() > 1 && b.endpoint == null) {
      LOG.info("vpce [{}] {} endpoints for {} {}; using {} (available first, then the caller's VPC, then the "
          + "lowest ID)", b.host, found.size(), service, where, chosen.id());
    }
    return chosen;
  }

  private EndpointStateException stateException(BindingRuntime b, Endpoint ep) {
    String id = ep.id();
    String what = switch (ep.state()) {
      case "pendingAcceptance" -> "is pendingAcceptance: the service provider must accept the connection request "
          + "before traffic can flow; ask the provider to accept " + id + " (or to turn on auto-accept)";
      case "pending" -> "is pending: AWS is still provisioning it; vpce looks again every "
          + settings.refreshInterval().toSeconds() + " s";
      case "rejected" -> "was rejected by the service provider; ask the provider to accept it, or delete it and "
          + "request a new connection";
      case "failed" -> "failed to be created or modified; read its lastError (aws ec2 describe-vpc-endpoints "
          + "--vpc-endpoint-ids " + id + "), fix the cause and recreate it";
      case "deleting" -> "is being deleted; create a new interface endpoint for " + ep.serviceName();
      case "deleted" -> "has been deleted; create a new interface endpoint for " + ep.serviceName();
      case "expired" -> "expired: the connection request was never accepted; create a new endpoint and ask the "
          + "provider to accept it";
      case "partial" -> "is only partially available; vpce routes only to available endpoints";
      default -> "is in state '" + ep.state() + "', not available";
    };
    return new EndpointStateException(b.host, ep.serviceName(), id, ep.state(), "vpce [" + b.host + "] endpoint "
        + id + " for " + ep.serviceName() + " " + what + " (zone " + resolvePlacement().describeZone() + ")");
  }

  /** Takes a (new) endpoint: resolves its names, finds the local zone and computes the route. */
  private void apply(BindingRuntime b, Endpoint ep, Placement p, boolean first) throws IOException {
    if (!ep.isAvailable()) {
      b.endpoint = ep;
      throw stateException(b, ep);
    }
    if (ep.regionalDnsName() == null) {
      throw new EndpointUnavailableException(b.host, ep.serviceName(), "vpce [" + b.host + "] endpoint " + ep.id()
          + " lists no regional DNS name", null);
    }
    dns.track(ep.regionalDnsName(), ep.dnsRecordIpType());

    Map<InetAddress, String> zoneOf = new HashMap<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      for (String ip : eni.ips()) {
        zoneOf.put(InetAddress.getByName(ip), eni.zoneId() != null ? eni.zoneId() : eni.zoneName());
      }
    }
    Map<String, List<InetAddress>> zonalAnswers = new LinkedHashMap<>();
    for (Map.Entry<String, String> z : ep.zonalDnsNames().entrySet()) {
      try {
        DnsAnswer a = dns.lookupOnce(z.getValue(), ep.dnsRecordIpType());
        zonalAnswers.put(z.getKey(), a.addresses());
        for (InetAddress addr : a.addresses()) {
          zoneOf.putIfAbsent(addr, z.getKey());
        }
      } catch (IOException e) {
        LOG.debug("vpce [{}] zonal name {} did not resolve: {}", b.host, z.getValue(), e.toString());
      }
    }

    String localKey = localZoneKey(b, ep, p, zonalAnswers);
    String localName = localKey == null ? null : ep.zonalDnsNames().get(localKey);
    if (localName != null) {
      try {
        dns.track(localName, ep.dnsRecordIpType());
      } catch (IOException e) {
        LOG.warn("vpce [{}] the local zone's name {} does not resolve ({}); routing regional", b.host, localName,
            e.getMessage());
        localName = null;
      }
    }
    Set<String> tracked = new HashSet<>();
    tracked.add(ep.regionalDnsName());
    if (localName != null) {
      tracked.add(localName);
    }
    for (String old : b.trackedNames) {
      if (!tracked.contains(old) && runtimes.stream().noneMatch(o -> o != b && o.trackedNames.contains(old))) {
        dns.forget(old);
      }
    }
    synchronized (b) {
      b.endpoint = ep;
      b.trackedNames = Set.copyOf(tracked);
      b.localName = localName;
      b.localZone = localName == null ? null : localKey;
      b.zoneOf = Map.copyOf(zoneOf);
      b.failure = null;
      recompute(b);
    }
    if (first) {
      if (ep.id() != null) {
        notify(l -> l.endpointDiscovered(b.host, ep));
      }
      LOG.info("vpce [{}] bound to {}{}, local zone {}", b.host, ep.id() != null ? ep.id() : ep.regionalDnsName(),
          ep.serviceName() != null ? " (" + ep.serviceName() + ")" : "", localName == null ? "none: routing regional"
              : b.localZone + " via " + localName);
    }
    String privateName = ep.privateDnsName();
    if (privateName != null && b.binding.bindPrivateDnsName() && !bindings.containsKey(key(privateName))) {
      bindings.put(key(privateName), b);
      LOG.info("vpce [{}] also bound the endpoint's private DNS name {}", b.host, privateName);
    }
  }

  /** The key in {@code ep.zonalDnsNames()} of this process's zone, or null. */
  private String localZoneKey(BindingRuntime b, Endpoint ep, Placement p, Map<String, List<InetAddress>> answers) {
    if (!p.isKnown()) {
      return null;
    }
    // 1. ENIs say which addresses are in our zone (by AZ ID when we know it): the shared-VPC-safe way
    Set<InetAddress> local = new HashSet<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      boolean mine = p.zoneId() != null ? p.zoneId().equals(eni.zoneId()) : p.zoneName().equals(eni.zoneName());
      if (mine) {
        try {
          for (String ip : eni.ips()) {
            local.add(InetAddress.getByName(ip));
          }
        } catch (UnknownHostException e) {
          LOG.debug("vpce [{}] ENI {} has no usable address {}", b.host, eni.id(), eni.privateIp());
        }
      }
    }
    if (!local.isEmpty()) {
      for (Map.Entry<String, List<InetAddress>> a : answers.entrySet()) {
        if (a.getValue().stream().anyMatch(local::contains)) {
          return a.getKey();
        }
      }
    }
    if (!ep.interfaces().isEmpty() && local.isEmpty()) {
      LOG.info("vpce [{}] the endpoint has no interface in zone {}; routing regional", b.host, p.describeZone());
      return null;
    }
    // 2. names keyed by zone: an AZ ID matches across accounts; an AZ name only within one account
    if (p.zoneId() != null && ep.zonalDnsNames().containsKey(p.zoneId())) {
      return p.zoneId();
    }
    if (p.zoneName() != null && ep.zonalDnsNames().containsKey(p.zoneName())) {
      return p.zoneName();
    }
    if (p.zoneName() == null && !ep.zonalDnsNames().isEmpty()) {
      LOG.warn("vpce [{}] placement has only the AZ ID {}, and the zonal names carry AZ names; allow "
          + "ec2:DescribeNetworkInterfaces, set VPCE_AVAILABILITY_ZONE, or key static zonal names by AZ ID. "
          + "Routing regional", b.host, p.zoneId());
    } else {
      LOG.info("vpce [{}] the endpoint has no zonal name for zone {}; routing regional", b.host, p.describeZone());
    }
    return null;
  }

  // ---------------------------------------------------------------- routes

  private void dnsFailed(String name, Throwable failure) {
    refreshFailures.increment();
    for (BindingRuntime b : runtimes) {
      if (b.trackedNames.contains(name)) {
        notify(l -> l.refreshFailed(b.host, "dns " + name, failure));
      }
    }
  }

  /** Background refreshes (start-up, endpoint, DNS) that failed since start. */
  public long refreshFailures() {
    return refreshFailures.sum();
  }

  private void dnsChanged(String name) {
    for (BindingRuntime b : runtimes) {
      if (b.trackedNames.contains(name)) {
        synchronized (b) {
          if (b.endpoint != null && b.failure == null) {
            recompute(b);
          }
        }
      }
    }
  }

  private void breakerTransitioned(InetAddress address, CircuitBreaker.State from, CircuitBreaker.State to) {
    if (to == CircuitBreaker.State.OPEN) {
      LOG.warn("vpce breaker for {} opened after failed connects ({} -> {})", address.getHostAddress(), from, to);
    } else {
      LOG.info("vpce breaker for {}: {} -> {}", address.getHostAddress(), from, to);
    }
    notify(l -> l.breakerStateChanged(address, from.name(), to.name()));
    for (BindingRuntime b : runtimes) {
      RouteTable t = b.table;
      if (t != null && t.contains(address)) {
        synchronized (b) {
          if (b.endpoint != null && b.failure == null) {
            recompute(b);
          }
        }
      }
    }
  }

  /** Recomputes a binding's route from DNS, zones and breakers. Caller holds the binding's lock. */
  private void recompute(BindingRuntime b) {
    Set<InetAddress> ordered = new LinkedHashSet<>();
    List<InetAddress> local = b.localName == null ? List.of() : dns.addresses(b.localName);
    ordered.addAll(local);
    ordered.addAll(dns.addresses(b.endpoint.regionalDnsName()));
    if (ordered.isEmpty()) {
      // not an endpoint failure: the next DNS answer recomputes the route
      b.table = RouteTable.failed(new EndpointUnavailableException(b.host, b.endpoint.serviceName(), "vpce ["
          + b.host + "] no address: the endpoint's DNS names (" + b.trackedNames + ") have no current answer", null));
      return;
    }
    routed.addAll(ordered);
    List<InetAddress> healthy = new ArrayList<>();
    List<InetAddress> suspects = new ArrayList<>();
    for (InetAddress a : ordered) {
      (health.isHealthy(a) ? healthy : suspects).add(a);
    }
    List<InetAddress> addresses = new ArrayList<>(healthy);
    addresses.addAll(suspects);
    InetAddress first = addresses.get(0);
    RouteTier tier = local.contains(first) ? RouteTier.LOCAL_ZONE
        : b.zoneOf.containsKey(first) ? RouteTier.OTHER_ZONE : RouteTier.REGIONAL;
    boolean failOpen = healthy.isEmpty();
    Route route = new Route(b.host, addresses, tier, b.localZone, failOpen);
    RouteTable previous = b.table;
    b.table = RouteTable.of(route, List.copyOf(ordered), suspects);
    Route before = previous == null ? null : previous.route;
    if (before != null && before.tier() != tier) {
      if (tier == RouteTier.LOCAL_ZONE) {
        LOG.info("vpce [{}] zone {} healthy again, routing to it", b.host, b.localZone);
      } else {
        LOG.warn("vpce [{}] zone {} unhealthy, routing {} via {}", b.host, b.localZone,
            tier == RouteTier.OTHER_ZONE ? "to another zone" : "regional", first.getHostAddress());
      }
      notify(l -> l.routeTierChanged(b.host, before.tier(), route));
    }
    if (failOpen && (before == null || !before.failOpen())) {
      LOG.warn("vpce [{}] every address has an open breaker; failing open with all of {}", b.host, addresses);
      notify(l -> l.failOpen(route));
    }
  }

  private void notify(java.util.function.Consumer<PrivateLinkListener> event) {
    for (PrivateLinkListener l : settings.listeners()) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("vpce listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.close();
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

  // ---------------------------------------------------------------- per binding

  private final class BindingRuntime {
    final String host;
    final Binding binding;
    final CompletableFuture<Void> firstRoute = new CompletableFuture<>();
    final LongAdder[] tierCounts = {new LongAdder(), new LongAdder(), new LongAdder()};
    volatile RouteTable table;
    volatile Endpoint endpoint;
    volatile Set<String> trackedNames = Set.of();
    volatile EndpointUnavailableException failure;
    volatile Exception lastTransientFailure;
    String localName; // guarded by this
    String localZone; // guarded by this
    Map<InetAddress, String> zoneOf = Map.of(); // guarded by this
    int attempts; // only on the scheduler's thread for this binding

    BindingRuntime(Binding binding) {
      this.host = binding.host();
      this.binding = binding;
    }

    LongAdder tierCount(RouteTier tier) {
      return tierCounts[tier.ordinal()];
    }

    synchronized void fail(EndpointUnavailableException e) {
      failure = e;
      table = RouteTable.failed(e);
    }

    RouteTable awaitFirstRoute() throws UnknownHostException {
      if (closed) {
        throw new IllegalStateException("this PrivateLink is closed");
      }
      try {
        firstRoute.get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Exception last = lastTransientFailure;
        EndpointUnavailableException u = new EndpointUnavailableException(host, binding.serviceName(), "vpce [" + host
            + "] has no route after waiting " + settings.startupTimeout().toMillis() + " ms for start-up"
            + (last == null ? " (placement and discovery are still running)" : "; last failure: " + last),
            last);
        throw u;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointUnavailableException(host, binding.serviceName(), "vpce [" + host
            + "] interrupted while waiting for start-up", e);
      } catch (ExecutionException e) {
        throw new EndpointUnavailableException(host, binding.serviceName(), "vpce [" + host + "] start-up failed",
            e.getCause());
      }
      return table;
    }
  }
}
