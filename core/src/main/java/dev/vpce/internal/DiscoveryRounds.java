package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.EndpointUnavailableException;
import dev.vpce.Placement;
import dev.vpce.RefreshKind;
import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.EndpointDiscovery;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery for every discovered binding of one {@code PrivateLink}, in rounds: one
 * {@code DescribeVpcEndpoints} call (all services in one {@code service-name} filter) per round, at
 * start-up and on each refresh alike, its answer fed to every binding's {@link BindingLifecycle}.
 *
 * <p>After a good round the next comes after {@code refreshInterval} (±10 %); after the first good round,
 * after a time drawn from {@code [1/2, 3/2)} of it, so that instances started together spread out at once. After a failed round: for a
 * lasting cause (no credentials, access denied) the same cadence; while some binding has no route and
 * the cause may pass, quick retries ({@code startup} back-off, whose ceiling stops at twice the
 * interval); otherwise the {@code refresh} back-off, whose mean wait is at least {@code refreshInterval}
 * and doubles per failure, so a throttled instance calls EC2 less often than a healthy one. Back-offs
 * use full jitter.
 */
final class DiscoveryRounds {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final List<BindingLifecycle> bindings;
  private final PlacementTracker placement;
  private final Scheduler scheduler;
  private final Events events;
  private final Duration refreshInterval;
  private final String configuredVpc;
  private final String configuredRegion;
  private final EndpointDiscovery configuredDiscovery;
  private final Function<String, EndpointDiscovery> discoveryForRegion;
  private final Backoff startup;
  private final Backoff refresh;
  private final Random random;
  private final Runnable onFailure;
  /** One round at a time; never held while asking for {@code this} (placement changes call runSoon). */
  private final Object roundLock = new Object();
  private EndpointDiscovery discovery; // guarded by roundLock
  private String discoveryRegion;
  private String foundVpc;
  private int failures;
  private String lastLoggedKind;
  private Scheduler.Cancellable next;
  private boolean succeeded; // guarded by roundLock
  private volatile boolean closed;

  DiscoveryRounds(List<BindingLifecycle> bindings, PlacementTracker placement, Scheduler scheduler, Events events,
      EngineSettings s, Runnable onFailure) {
    this.bindings = List.copyOf(bindings);
    this.placement = placement;
    this.scheduler = scheduler;
    this.events = events;
    this.refreshInterval = s.refreshInterval();
    this.configuredVpc = s.vpcId();
    this.configuredRegion = s.region();
    this.configuredDiscovery = s.discovery();
    this.discoveryForRegion = s.discoveryForRegion();
    this.random = s.random();
    Duration base = refreshInterval.compareTo(Duration.ofSeconds(1)) < 0 ? refreshInterval : Duration.ofSeconds(1);
    this.startup = new Backoff(base, refreshInterval.multipliedBy(2), random);
    this.refresh = new Backoff(refreshInterval.multipliedBy(2), refreshInterval.multipliedBy(8), random);
    this.onFailure = onFailure;
  }

  /** Runs a round now (at start-up, or when the placement became known). */
  synchronized void runSoon() {
    if (closed || bindings.isEmpty()) {
      return;
    }
    if (next != null) {
      next.cancel();
    }
    next = scheduler.schedule("endpoint discovery", this::round, Duration.ZERO);
  }

  void close() {
    closed = true;
  }

  private synchronized void schedule(Duration delay) {
    if (!closed) {
      next = scheduler.schedule("endpoint discovery", this::round, delay);
    }
  }

  private void round() {
    synchronized (roundLock) {
      if (!closed) {
        runRound();
      }
    }
  }

  private void runRound() {
    Placement p = placement.get();
    String vpc = null;
    try {
      EndpointDiscovery d = discovery(p);
      vpc = vpc(p, d);
      Set<String> services = new LinkedHashSet<>();
      bindings.forEach(b -> services.add(b.binding.serviceName()));
      Map<String, List<Endpoint>> found = d.describe(services, vpc);
      if (failures > 0) {
        LOG.info("vpce endpoint discovery works again after {} failed attempt(s)", failures);
      }
      failures = 0;
      lastLoggedKind = null;
      for (BindingLifecycle b : bindings) {
        feed(b, found.getOrDefault(b.binding.serviceName(), List.of()), vpc, p);
      }
      schedule(succeeded ? Backoff.spread(refreshInterval, random) : firstRefresh(refreshInterval, random));
      succeeded = true;
    } catch (DiscoveryException | EndpointUnavailableException | RuntimeException e) {
      failed(e, vpc);
    } catch (LinkageError e) {
      // a class missing or broken at run time (a dependency left out of a shaded jar, say): without this the
      // round would end without scheduling the next one and discovery would stop for good, silently
      failed(new IllegalStateException("endpoint discovery cannot run: " + e, e), vpc);
    }
  }

  private void feed(BindingLifecycle b, List<Endpoint> found, String vpc, Placement p) {
    String service = b.binding.serviceName();
    try {
      Endpoint chosen = EndpointChooser.choose(b.host, service, found, vpc);
      if (chosen == null) {
        b.endpointMissing(EndpointChooser.missing(b.host, service, vpc));
      } else {
        b.history.discovered(EndpointChooser.why(chosen, found, vpc));
        b.endpointFound(chosen, p);
      }
    } catch (EndpointUnavailableException e) {
      b.discoveryFailed(e);
    }
  }

  private void failed(Exception e, String vpc) {
    if (closed) {
      return; // close() interrupted the call
    }
    failures++;
    onFailure.run();
    boolean lasting = Failures.isLasting(e);
    boolean anyStarting = false;
    for (BindingLifecycle b : bindings) {
      Exception told = describe(b, e, vpc);
      boolean starting = b.route() == null;
      anyStarting |= starting;
      b.history.refreshFailed(starting ? RefreshKind.START_UP : RefreshKind.ENDPOINT, e);
      b.discoveryFailed(told);
      events.emit(l -> l.refreshFailed(b.host, starting ? "start-up" : "endpoint", e));
    }
    // a lasting cause is looked at again at the healthy cadence, so a fix is picked up within one interval
    Duration retry = lasting ? Backoff.spread(refreshInterval, random)
        : anyStarting ? startup.delay(failures) : refresh.delay(failures);
    String kind = Failures.kind(e);
    if (!kind.equals(lastLoggedKind)) {
      lastLoggedKind = kind;
      LOG.warn("vpce endpoint discovery failed{}: {}; {}", lasting ? " (this lasts until fixed)" : "",
          Failures.oneLine(e), anyStarting ? "bindings without a route fail fast meanwhile"
              : "keeping the last good routes");
    } else {
      LOG.debug("vpce endpoint discovery failed again (attempt {}), next try in {} ms: {}", failures,
          retry.toMillis(), Failures.oneLine(e));
    }
    schedule(retry);
  }

  /**
   * The wait after the first good round: uniform over a whole interval, {@code [1/2, 3/2)} of it, so that a
   * fleet started together (a deployment) refreshes evenly spread from its first refresh on; the ±10 % of
   * later refreshes alone would keep it in waves for hours.
   */
  static Duration firstRefresh(Duration interval, Random random) {
    long ms = interval.toMillis();
    return Duration.ofMillis(ms / 2 + (long) (random.nextDouble() * ms));
  }

  /** What a binding's callers are told for a failed round. */
  private static Exception describe(BindingLifecycle b, Exception e, String vpc) {
    String service = b.binding.serviceName();
    if (e instanceof EndpointUnavailableException u && u.host() == null) {
      return new EndpointUnavailableException(b.host, service, "vpce [" + b.host + "] "
          + u.getMessage().replaceFirst("^vpce ", ""), e);
    }
    if (e instanceof DiscoveryException d) {
      String msg = switch (d.reason()) {
        case NO_CREDENTIALS -> "no AWS credentials were found to call ec2:DescribeVpcEndpoints for " + service
            + "; a static binding (Binding.builder(\"" + b.host + "\").regionalDnsName(...)) needs none. Give "
            + "credentials (environment, profile, role, or PrivateLink.builder().ec2Credentials(...)). SDK: "
            + Failures.oneLine(e);
        case ACCESS_DENIED -> "cannot discover the endpoint of " + service + ": " + Failures.oneLine(e);
        default -> null;
      };
      if (msg != null) {
        return new EndpointUnavailableException(b.host, service, "vpce [" + b.host + "] " + msg, e);
      }
    }
    return e;
  }

  /** The discovery for the caller's Region: explicit, else the placement's, else the SDK's region chain. */
  private EndpointDiscovery discovery(Placement p) throws EndpointUnavailableException {
    if (configuredDiscovery != null) {
      return configuredDiscovery;
    }
    String region = configuredRegion != null ? configuredRegion : p.region() != null ? p.region() : sdkRegion();
    if (region == null) {
      throw new EndpointUnavailableException(null, null, "vpce does not know this process's Region for the EC2 "
          + "API: set PrivateLink.builder().region(\"…\") or AWS_REGION (the placement did not say either)", null);
    }
    if (discovery == null || !region.equals(discoveryRegion)) {
      discovery = discoveryForRegion.apply(region);
      discoveryRegion = region;
    }
    return discovery;
  }

  private static String sdkRegion() {
    try {
      return new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion().id();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The caller's VPC: configured, else the placement's, else the one the task's address sits in. */
  private String vpc(Placement p, EndpointDiscovery d) {
    if (configuredVpc != null) {
      return configuredVpc;
    }
    if (p.vpcId() != null) {
      return p.vpcId();
    }
    if (foundVpc == null && p.privateIpv4() != null) {
      try {
        foundVpc = d.vpcOf(p.privateIpv4());
        if (foundVpc != null) {
          LOG.info("vpce this process's address {} is in {}; discovery looks there", p.privateIpv4(), foundVpc);
        }
      } catch (DiscoveryException e) {
        LOG.info("vpce cannot find the VPC of address {} ({}); set vpcId if several VPCs have endpoints",
            p.privateIpv4(), Failures.oneLine(e));
      }
    }
    return foundVpc;
  }
}
