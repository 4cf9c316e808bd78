package dev.vpce;

import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import dev.vpce.internal.Checks;
import dev.vpce.internal.DefaultDiscovery;
import dev.vpce.internal.Engine;
import dev.vpce.internal.EngineSettings;
import dev.vpce.internal.ExecutorScheduler;
import dev.vpce.internal.Names;
import dev.vpce.internal.PlacementChain;
import dev.vpce.internal.Scheduler;
import dev.vpce.internal.ThreadScheduler;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Routes new connections for bound hostnames to the PrivateLink interface endpoint in this process's
 * Availability Zone, falls back to the endpoint's regional addresses when that zone fails, and returns
 * once it recovers.
 *
 * <pre>{@code
 * PrivateLink privateLink = PrivateLink.builder()
 *     .bind("orders.internal.example.com", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")
 *     .build();
 * List<InetAddress> route = privateLink.resolve("orders.internal.example.com"); // best first
 * }</pre>
 *
 * <p>Placement, discovery and DNS run on one small pool of daemon threads per instance. After a binding's
 * first resolution, {@link #resolve} never waits on the network and takes no contended lock. Clients
 * report each connect's outcome ({@link #connectSucceeded}, {@link #connectFailed}) to feed one circuit
 * breaker per socket address (endpoint address and port), and ask {@link #connectTimeout} how long to wait
 * on an address before moving on. Thread-safe; {@link #close()} stops every thread it started.
 */
public final class PrivateLink implements AutoCloseable {
  private final Engine engine;

  private PrivateLink(Engine engine) {
    this.engine = engine;
  }

  /**
   * A builder with the defaults described on each of its methods.
   *
   * @return a new builder with no bindings; {@link Builder#build()} needs at least one
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The addresses for a new connection to a bound host, for a caller that reports the outcome of each
   * connect: best first, the local zone's, then the regional name's, with addresses whose breakers are
   * open last. When the local zone has no healthy address, the healthy others come in a rotated order per
   * call, so that new connections spread over them. When an open breaker's wait has passed, one caller at
   * a time gets that address first, as its trial. Never empty. The first call for a binding may wait for
   * start-up (placement, discovery, DNS) up to {@link Builder#startupTimeout}, and is released at once when
   * the cause of a failure lasts (no credentials, permission denied, endpoint rejected); later calls never
   * wait: until a route exists they fail at once with the last error.
   *
   * @param host a bound hostname, matched case-insensitively
   * @return the addresses to try in order, best first; never empty
   * @throws UnboundHostException         when the host has no binding; resolve it with the system resolver
   * @throws EndpointUnavailableException when the endpoint cannot carry traffic (its message says why)
   * @throws PrivateLinkClosedException   after {@link #close()}
   * @throws NullPointerException         when host is null
   */
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    return engine.resolve(host);
  }

  /**
   * Whether a host has a binding (a private DNS name bound automatically counts once discovered).
   *
   * @param host the hostname, matched case-insensitively
   * @return true when {@link #resolve} routes it; false when callers should use their own resolver
   */
  public boolean isBound(String host) {
    return engine.isBound(host);
  }

  /**
   * The current route of a bound host, for inspection and for callers that do not report outcomes: like
   * {@link #resolve} (spread included), but it never hands out a breaker's trial.
   *
   * @param host a bound hostname, matched case-insensitively
   * @return the route, best address first; never null
   * @throws UnknownHostException the same as {@link #resolve}: {@link UnboundHostException}, {@link
   *     EndpointUnavailableException} or {@link PrivateLinkClosedException}
   */
  public Route route(String host) throws UnknownHostException {
    return engine.route(host);
  }

  /**
   * A connect (and TLS handshake, where the client does one) to this socket address succeeded. Cheap; call
   * it for every new connection. {@code connectTime} is the TCP connect alone (not TLS); it feeds the
   * adaptive connect deadline. Outcomes for addresses that no route holds (unbound hosts) are ignored.
   *
   * @param target the endpoint address and port that was connected to
   * @param connectTime how long the TCP connect took, without the TLS handshake
   */
  public void connectSucceeded(InetSocketAddress target, Duration connectTime) {
    engine.connectSucceeded(target, connectTime);
  }

  /**
   * A connect or TLS handshake to this socket address failed. Connect refusals, timeouts, resets and
   * handshake failures count against it; certificate and hostname-verification failures, and attempts the
   * client cancelled itself (a lost race), do not. Do not report HTTP status codes.
   *
   * @return whether the failure counted against the socket address
   * @param target the endpoint address and port the connect went to
   * @param cause why it failed, as the client saw it; its type decides whether it counts
   */
  public boolean connectFailed(InetSocketAddress target, IOException cause) {
    return engine.connectFailed(target, cause);
  }

  /**
   * The connect timeout for {@code target} when it is NOT the last address the caller will try: the
   * adaptive deadline (smoothed TCP connect time plus four deviations, at least 50 ms), never more than
   * {@code callerTimeout}; {@code callerTimeout} itself when the feature is off
   * ({@link Builder#adaptiveConnectDeadline}), for unrouted addresses, or before the first successful
   * connect to target. Give the last address the caller's full remaining timeout.
   *
   * @param target the endpoint address and port about to be tried
   * @param callerTimeout the client's own connect timeout, the ceiling
   * @return how long to wait for this address before moving to the next; at most {@code callerTimeout}
   */
  public Duration connectTimeout(InetSocketAddress target, Duration callerTimeout) {
    return engine.connectTimeout(target, callerTimeout);
  }

  /**
   * Where this process runs, once the placement chain has answered; null before that.
   *
   * @return the placement and the source that answered ({@link Placement#UNKNOWN} when no source knew), or null while
   *     the chain has not answered
   */
  public Placement placement() {
    return engine.placement();
  }

  /**
   * The endpoint behind a bound host, once known; null before that or for unbound hosts.
   *
   * @param host a bound hostname, matched case-insensitively
   * @return the endpoint as the last discovery answer (or the static binding) described it, or null
   */
  public Endpoint endpoint(String host) {
    return engine.endpoint(host);
  }

  /**
   * The bound hosts, lower case, including private DNS names bound automatically.
   *
   * @return an immutable snapshot of the bound hostnames
   */
  public Set<String> hosts() {
    return engine.hosts();
  }

  /**
   * Each socket address that has a circuit breaker, with the breaker's state. Breakers of addresses that
   * left every route are dropped 10 minutes later.
   *
   * @return a copy taken now (changing it changes nothing), keyed by endpoint address and port
   */
  public Map<InetSocketAddress, BreakerState> breakerStates() {
    return engine.breakerStates();
  }

  /**
   * How many routes of each tier {@link #resolve} handed out, per binding host.
   *
   * @return per binding host, the number of routes handed out by tier since start
   */
  public Map<String, Map<RouteTier, Long>> routeCounts() {
    return engine.tierCounts();
  }

  /**
   * Background refreshes (start-up, endpoint metadata, DNS) that failed since start.
   *
   * @return the number of failed refreshes of every kind and binding since start
   */
  public long refreshFailures() {
    return engine.refreshFailures();
  }

  /**
   * What this instance knows now, in types: the placement and its source; per binding its lifecycle state,
   * endpoint (ID, state, VPC, Region, why it was chosen), last good discovery, last error, failed refreshes
   * by kind, DNS names (addresses, TTL, age, stale), route and tier, and per socket address the breaker
   * state, failures in a row and the time of the next trial. {@link PrivateLinkStatus#toString()} prints it
   * as a table.
   *
   * <p>Built on demand from state the instance already keeps: it never blocks on the network or waits for
   * start-up, so a health check may call it at any time (before start-up ends, and after {@link #close()},
   * when every binding is {@link BindingState#CLOSED}), and it adds no work to {@link #resolve}.
   *
   * @return an immutable snapshot taken now
   */
  public PrivateLinkStatus status() {
    return engine.status();
  }

  /** Stops every thread this instance started, and closes the EC2 client it created. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Builds a {@link PrivateLink}. Every setting is checked by {@link #build()}, which names the setting
   * and the value it rejects. Reusable.
   */
  public static final class Builder {
    private final List<Binding> bindings = new ArrayList<>();
    private Placement placement;
    private List<PlacementSource> placementSources;
    private Duration placementBudget = Duration.ofSeconds(1);
    private String vpcId;
    private String region;
    private URI ec2Endpoint;
    private AwsCredentialsProvider ec2Credentials;
    private EndpointDiscovery discovery;
    private NameResolver nameResolver;
    private Duration staleAnswerLimit = Duration.ofMinutes(5);
    private Duration refreshInterval = Duration.ofMinutes(5);
    private Duration startupTimeout = Duration.ofSeconds(10);
    private int breakerFailureThreshold = 3;
    private Duration breakerOpenWait = Duration.ofSeconds(5);
    private Duration breakerMaxOpenWait = Duration.ofMinutes(1);
    private Duration breakerTrialTimeout = Duration.ofSeconds(10);
    private boolean adaptiveConnectDeadline = true;
    private final List<PrivateLinkListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Supplier<Scheduler> scheduler = () -> new ThreadScheduler(2);
    private ScheduledExecutorService scheduledExecutor;
    private Random random;

    private Builder() {}

    /**
     * Binds a hostname to a service whose endpoint is discovered through the EC2 API.
     *
     * @param host the hostname clients connect to (the certificate's name), for example {@code
     *     orders.internal.example.com}
     * @param serviceName the endpoint service name, for example {@code
     *     com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0}
     * @return this builder
     */
    public Builder bind(String host, String serviceName) {
      return bind(Binding.builder(host).serviceName(serviceName).build());
    }

    /**
     * Adds a binding (discovered or static).
     *
     * @param binding a binding from {@link Binding#builder(String)}; checked by {@link #build()}
     * @return this builder
     * @throws NullPointerException when binding is null
     */
    public Builder bind(Binding binding) {
      bindings.add(Checks.notNull("binding", binding));
      return this;
    }

    /**
     * Where this process runs, which skips the placement chain.
     *
     * @param placement the placement to use, for example {@link Placement#ofZoneId(String)}; null (the default) asks
     *     the placement chain
     * @return this builder
     */
    public Builder placement(Placement placement) {
      this.placement = placement;
      return this;
    }

    /**
     * The placement chain, asked in order: by default {@link PlacementSource#environment()},
     * {@link PlacementSource#ecsTaskMetadata()}, then {@link PlacementSource#imds()}.
     *
     * @param sources the sources in the order they are asked; an empty list means placement stays unknown (routes are
     *     regional)
     * @return this builder
     * @throws NullPointerException when sources or one of them is null
     */
    public Builder placementSources(List<PlacementSource> sources) {
      this.placementSources = List.copyOf(Checks.notNull("placementSources", sources));
      return this;
    }

    /**
     * The time the whole placement chain may take; 1 second by default.
     *
     * @param budget the deadline for the whole chain; must be positive
     * @return this builder
     */
    public Builder placementBudget(Duration budget) {
      this.placementBudget = budget;
      return this;
    }

    /**
     * The caller's VPC for discovery; by default the one the placement source reports, if any.
     *
     * @param vpcId a VPC ID ({@code vpc-} and 8 or 17 hex digits), or null for the placement's
     * @return this builder
     */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /**
     * This process's Region, for the EC2 API; by default the placement's, else the SDK's region chain
     * ({@code AWS_REGION}, profile). Never the service name's: with cross-Region PrivateLink the service
     * name carries the provider's Region.
     *
     * @param region a Region such as {@code us-east-1}, or null for the default
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * The EC2 API endpoint of the default discovery, for example the VPC's own EC2 interface endpoint in a
     * private subnet, or an emulator in tests; by default the Region's.
     *
     * @param endpoint an absolute URI such as {@code https://ec2.us-east-1.amazonaws.com}, or null for the Region's
     * @return this builder
     */
    public Builder ec2Endpoint(URI endpoint) {
      this.ec2Endpoint = endpoint;
      return this;
    }

    /**
     * The credentials of the default discovery; by default the SDK's default credentials chain.
     *
     * @param credentials the credentials provider, or null for the SDK's default chain
     * @return this builder
     */
    public Builder ec2Credentials(AwsCredentialsProvider credentials) {
      this.ec2Credentials = credentials;
      return this;
    }

    /**
     * How endpoints are discovered; by default {@code Ec2EndpointDiscovery} with an EC2 client for this
     * process's Region ({@link #region}), {@link #ec2Endpoint}, {@link #ec2Credentials} and the
     * URL-connection HTTP client, which makes one attempt per call (vpce retries with back-off).
     *
     * @param discovery the discovery to use, or null for the default; unused when every binding is static
     * @return this builder
     */
    public Builder discovery(EndpointDiscovery discovery) {
      this.discovery = discovery;
      return this;
    }

    /**
     * How endpoint names are resolved; by default vpce's own stub resolver against the system's name servers
     * ({@link NameResolver#system()}).
     *
     * @param resolver the resolver for endpoint DNS names, or null for the default
     * @return this builder
     */
    public Builder nameResolver(NameResolver resolver) {
      this.nameResolver = resolver;
      return this;
    }

    /**
     * How long past its TTL a DNS answer is served while refreshes fail; 5 minutes by default.
     *
     * @param limit how long past the TTL; zero serves no stale answer; must not be negative
     * @return this builder
     */
    public Builder staleAnswerLimit(Duration limit) {
      this.staleAnswerLimit = limit;
      return this;
    }

    /**
     * How often endpoint metadata is refreshed (jittered by ±10 %; the first refresh after start-up comes after
     * ½ to 1½ of it, so that instances started together spread out); 5 minutes by default.
     *
     * @param interval the time between refreshes; must be positive
     * @return this builder
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = interval;
      return this;
    }

    /**
     * How long the first {@code resolve} of a binding waits for start-up; 10 seconds by default.
     *
     * @param timeout the longest first wait; must be positive
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Failed connects in a row that open an address's breaker; 3 by default.
     *
     * @param failures failures in a row; at least 1
     * @return this builder
     */
    public Builder breakerFailureThreshold(int failures) {
      this.breakerFailureThreshold = failures;
      return this;
    }

    /**
     * How long an open breaker waits before one trial connection; doubles per failed trial. 5 s by default.
     *
     * @param wait the first open wait; must be positive and at most {@link #breakerMaxOpenWait}
     * @return this builder
     */
    public Builder breakerOpenWait(Duration wait) {
      this.breakerOpenWait = wait;
      return this;
    }

    /**
     * The cap on an open breaker's wait; 1 minute by default.
     *
     * @param wait the longest open wait; at least {@link #breakerOpenWait}
     * @return this builder
     */
    public Builder breakerMaxOpenWait(Duration wait) {
      this.breakerMaxOpenWait = wait;
      return this;
    }

    /**
     * How long a trial connection may go unreported before another is allowed; 10 s by default.
     *
     * @param timeout how long a trial may go unreported; must be positive
     * @return this builder
     */
    public Builder breakerTrialTimeout(Duration timeout) {
      this.breakerTrialTimeout = timeout;
      return this;
    }

    /**
     * Whether {@link PrivateLink#connectTimeout} gives each address an adaptive deadline (its smoothed TCP
     * connect time plus four deviations, at least 50 ms) instead of the caller's timeout; on by default.
     *
     * @param on false to give every address the caller's full timeout
     * @return this builder
     */
    public Builder adaptiveConnectDeadline(boolean on) {
      this.adaptiveConnectDeadline = on;
      return this;
    }

    /**
     * Adds a listener, which hears every event; it must be fast and must not throw.
     *
     * @param listener the listener; listeners are called in the order they were added
     * @return this builder
     * @throws NullPointerException when listener is null
     */
    public Builder listener(PrivateLinkListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * The clock for TTLs and breaker waits; the system UTC clock by default.
     *
     * @param clock the clock; must not be null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * A caller-owned executor to run this instance's scheduled background work (placement retries, endpoint
     * refreshes, DNS refreshes) instead of the two daemon threads each instance starts by default, so that
     * many {@code PrivateLink}s share one pool; the default discovery's EC2 client uses it for its call
     * timeouts too, instead of a pool of its own. (The placement chain's own lookups at start-up still run
     * on a small pool of their own.) {@link PrivateLink#close()} cancels the tasks this instance scheduled
     * and never shuts the executor down: keep it running until every instance on it is closed. The tasks
     * block on the network (EC2, DNS) and the EC2 client's call timeouts fire on the same executor, so give
     * it at least two threads, and never call {@code resolve} from a task running on it.
     *
     * @param executor the executor; the caller keeps owning and shutting it down
     * @return this builder
     * @throws IllegalArgumentException when executor is null
     */
    public Builder scheduledExecutor(ScheduledExecutorService executor) {
      this.scheduledExecutor = Checks.notNull("scheduledExecutor", executor);
      this.scheduler = () -> new ExecutorScheduler(executor);
      return this;
    }

    Builder scheduler(Supplier<Scheduler> scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The source of retry jitter; tests seed it. */
    Builder random(Random random) {
      this.random = random;
      return this;
    }

    /**
     * Checks every setting and starts the instance: start-up (placement, discovery, DNS) begins at once in
     * the background.
     *
     * @return a started instance; close it when done
     * @throws IllegalArgumentException naming the setting and the value, for any bad setting
     */
    public PrivateLink build() {
      if (bindings.isEmpty()) {
        throw new IllegalArgumentException("bindings must not be empty: call bind(host, serviceName) at least once");
      }
      Set<String> hosts = new HashSet<>();
      boolean anyDiscovered = false;
      for (Binding b : bindings) {
        checkBinding(b);
        if (!hosts.add(b.host().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("binding host '" + b.host() + "' is bound twice");
        }
        anyDiscovered |= !b.isStatic();
      }
      if (placement != null) {
        if (placement.zoneName() != null) {
          Checks.matches("placement.zoneName", placement.zoneName(), Names.ZONE_NAME, "an AZ name such as us-east-1a");
        }
        if (placement.zoneId() != null) {
          Checks.matches("placement.zoneId", placement.zoneId(), Names.ZONE_ID, "an AZ ID such as use1-az6");
        }
      }
      Checks.positive("placementBudget", placementBudget);
      if (vpcId != null) {
        Checks.matches("vpcId", vpcId, java.util.regex.Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})"),
            "vpc- and 8 or 17 hex digits");
      }
      Checks.notNegative("staleAnswerLimit", staleAnswerLimit);
      Checks.positive("refreshInterval", refreshInterval);
      Checks.positive("startupTimeout", startupTimeout);
      Checks.atLeast("breakerFailureThreshold", breakerFailureThreshold, 1);
      Checks.positive("breakerOpenWait", breakerOpenWait);
      Checks.positive("breakerMaxOpenWait", breakerMaxOpenWait);
      if (breakerMaxOpenWait.compareTo(breakerOpenWait) < 0) {
        throw new IllegalArgumentException("breakerMaxOpenWait must be at least breakerOpenWait (" + breakerOpenWait
            + "), but was " + breakerMaxOpenWait);
      }
      Checks.positive("breakerTrialTimeout", breakerTrialTimeout);
      Checks.notNull("clock", clock);

      if (region != null) {
        Checks.matches("region", region, Names.REGION, "a Region such as us-east-1");
      }
      if (ec2Endpoint != null && (ec2Endpoint.getScheme() == null || ec2Endpoint.getHost() == null)) {
        throw new IllegalArgumentException("ec2Endpoint must be an absolute URI such as "
            + "https://ec2.us-east-1.amazonaws.com, but was '" + ec2Endpoint + "'");
      }
      // an explicit placement is never asked of the chain: only the environment source is made, to be checked
      List<PlacementSource> sources = placementSources != null ? placementSources
          : placement != null ? List.of(PlacementSource.environment())
          : List.of(PlacementSource.environment(), PlacementSource.ecsTaskMetadata(), PlacementSource.imds());
      for (PlacementSource s : sources) {
        Checks.notNull("placementSources[]", s);
        if (s.kind() == PlacementSourceKind.ENVIRONMENT) {
          try {
            s.locate(placementBudget); // a malformed VPCE_AVAILABILITY_ZONE fails here, not in the background
          } catch (IOException e) {
            throw new IllegalArgumentException("placement source " + s.name() + " failed: " + e.getMessage(), e);
          }
        }
      }
      List<AutoCloseable> owned = new ArrayList<>();
      Function<String, EndpointDiscovery> discoveryForRegion = null;
      if (anyDiscovered && discovery == null) {
        discoveryForRegion = DefaultDiscovery.forRegions(ec2Endpoint, ec2Credentials, scheduledExecutor, owned);
      }
      // the system resolver reads the system's DNS set-up: on the first lookup, which runs in the background
      NameResolver resolver = nameResolver != null ? nameResolver : NameResolver.lazy("system resolver", NameResolver::system);
      return new PrivateLink(new Engine(new EngineSettings(List.copyOf(bindings), placement,
          new PlacementChain(sources, placementBudget), vpcId, region, anyDiscovered ? discovery : null,
          discoveryForRegion, resolver, staleAnswerLimit, refreshInterval, startupTimeout, breakerFailureThreshold,
          breakerOpenWait, breakerMaxOpenWait, breakerTrialTimeout, List.copyOf(listeners), clock, scheduler,
          random != null ? random : new Random(), owned, adaptiveConnectDeadline)));
    }

    private static void checkBinding(Binding b) {
      String host = b.host();
      Checks.matches("binding.host", host, Names.HOSTNAME, "a hostname such as orders.internal.example.com");
      String prefix = "binding[" + host + "].";
      if ((b.serviceName() == null) == (b.regionalDnsName() == null)) {
        throw new IllegalArgumentException(prefix + "needs exactly one of serviceName (discovered) or "
            + "regionalDnsName (static), but had " + (b.serviceName() == null ? "neither" : "both"));
      }
      if (b.serviceName() != null) {
        Checks.matches(prefix + "serviceName", b.serviceName(), Names.SERVICE_NAME,
            "a service name such as com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>, "
                + "com.amazonaws.<region>.<service>, cn.com.amazonaws.<region>.<service> or aws.<service>.<region>.<name>");
        if (!b.zonalDnsNames().isEmpty()) {
          throw new IllegalArgumentException(prefix + "zonalDnsNames are for static bindings; a discovered binding "
              + "learns them from the endpoint, but had " + b.zonalDnsNames());
        }
        return;
      }
      Checks.matches(prefix + "regionalDnsName", b.regionalDnsName(), Names.HOSTNAME, "a DNS name");
      for (Map.Entry<String, String> z : b.zonalDnsNames().entrySet()) {
        String zone = z.getKey();
        if (!Names.ZONE_NAME.matcher(zone).matches() && !Names.ZONE_ID.matcher(zone).matches()) {
          throw new IllegalArgumentException(prefix + "zonalDnsName zone must be an AZ name such as us-east-1a or "
              + "an AZ ID such as use1-az6, but was '" + zone + "'");
        }
        Checks.matches(prefix + "zonalDnsName[" + zone + "]", z.getValue(), Names.HOSTNAME, "a DNS name");
      }
    }
  }
}
