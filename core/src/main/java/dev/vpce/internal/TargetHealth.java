package dev.vpce.internal;

import dev.vpce.BreakerState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One resilience4j circuit breaker per socket address (endpoint address and port), fed only by connection
 * outcomes, plus each socket address's connect-time estimate for the adaptive connect deadline.
 *
 * <p>Tuned for low traffic: {@code failureThreshold} failed connects in a row open a breaker (not 100
 * calls). An open breaker waits, then admits exactly one trial connection (half-open); the wait doubles
 * with each failed trial up to a cap. No breaker runs a thread: the open-to-half-open step happens
 * when a route asks for a trial, so time comes from the injected {@link Clock}.
 *
 * <p>One trial at a time is enforced here, not by resilience4j's half-open permits (whose
 * {@code releasePermission} is an uncapped increment in 2.4.0): the permit taken on the way to half-open is
 * never given back, and the trial is one compare-and-set slot. A trial that never reports back is given
 * up after {@code trialTimeout}; a failure that does not count ends the trial only when the thread that
 * took it reports it, so a late report of an abandoned trial cannot free the slot of the next one.
 *
 * <p>Routes are per host, not per port, so routing asks about an address: it is healthy unless every
 * breaker it has is open or half-open. A failing port of an address therefore does not move the address
 * behind the others while another of its ports works.
 *
 * <p>Addresses leave routes (DNS changes, a replaced endpoint): their breakers are dropped
 * {@code pruneAfter} after they left the last route, and outcomes for them are ignored from then on.
 */
public final class TargetHealth {
  /** Hears breaker transitions, and changes of an address's health as routing sees it. */
  public interface Listener {
    void transitioned(InetSocketAddress target, BreakerState from, BreakerState to);

    /** {@link #isHealthy} of this address may have changed without a transition (a new breaker). */
    void healthChanged(InetAddress address);
  }

  private final int failureThreshold;
  private final Duration openWait;
  private final Duration maxOpenWait;
  /** resilience4j's set-up, made with the first breaker: none exists before the first connect outcome. */
  private volatile Breakers breakers;
  private final Clock clock;
  private final long trialTimeoutMillis;
  private final Duration pruneAfter;
  private final boolean adaptiveDeadline;
  private final Listener listener;
  private final Map<InetSocketAddress, Target> targets = new ConcurrentHashMap<>();
  private final Map<InetAddress, Target[]> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Set<InetAddress>> routedBy = new ConcurrentHashMap<>();
  private final Map<InetAddress, Instant> departed = new ConcurrentHashMap<>();
  private volatile Set<InetAddress> routed = Set.of();

  private record Trial(long thread, long startedMillis) {}

  private static final class Target {
    final InetSocketAddress address;
    final CircuitBreaker breaker;
    final AtomicReference<Trial> trial = new AtomicReference<>();
    /** Set while one caller moves the breaker from open to half-open; everyone else stays out. */
    final AtomicBoolean acquiring = new AtomicBoolean();
    final ConnectTimeEstimate connectTime = new ConnectTimeEstimate();
    /** Counted failures in a row, for the status (the breaker keeps its own window). */
    final AtomicInteger failuresInRow = new AtomicInteger();
    /** Opens in a row (reset when closed); the open wait is the interval function of it. */
    int opens; // only in transition callbacks, which resilience4j serializes per breaker
    /** When the current open wait ends, so that routes skip an open breaker without asking it (no garbage). */
    volatile long dueMillis;

    Target(InetSocketAddress address, CircuitBreaker breaker) {
      this.address = address;
      this.breaker = breaker;
    }

    BreakerState state() {
      return stateOf(breaker.getState());
    }

    /** The breaker's permission; false also when another thread's success closed it after we read OPEN. */
    boolean acquirePermission() {
      try {
        return breaker.tryAcquirePermission();
      } catch (IllegalStateTransitionException closedMeanwhile) {
        return false; // no trial is needed any more
      }
    }

    static BreakerState stateOf(CircuitBreaker.State state) {
      return switch (state) {
        case OPEN, FORCED_OPEN -> BreakerState.OPEN;
        case HALF_OPEN -> BreakerState.HALF_OPEN;
        default -> BreakerState.CLOSED;
      };
    }
  }

  /**
   * @param pruneAfter       how long a breaker outlives the last route that held its address
   * @param adaptiveDeadline whether {@link #connectTimeout} gives estimates (else the caller's timeout)
   */
  public TargetHealth(int failureThreshold, Duration openWait, Duration maxOpenWait, Duration trialTimeout,
      Duration pruneAfter, boolean adaptiveDeadline, Clock clock, Listener listener) {
    this.clock = clock;
    this.failureThreshold = failureThreshold;
    this.openWait = openWait;
    this.maxOpenWait = maxOpenWait;
    this.trialTimeoutMillis = trialTimeout.toMillis();
    this.pruneAfter = pruneAfter;
    this.adaptiveDeadline = adaptiveDeadline;
    this.listener = listener;
  }

  /**
   * The breakers' resilience4j configuration. Made on the first connect outcome, not with the
   * {@code PrivateLink}: building it loads and initialises resilience4j (a few dozen classes and lambdas),
   * which would otherwise be paid on the application's start-up thread.
   */
  private record Breakers(CircuitBreakerConfig config, IntervalFunction openWaits) {
    static Breakers of(int failureThreshold, Duration openWait, Duration maxOpenWait, Clock clock) {
      IntervalFunction openWaits = IntervalFunction.ofExponentialBackoff(openWait, 2.0, maxOpenWait);
      return new Breakers(CircuitBreakerConfig.custom()
          .slidingWindow(failureThreshold, failureThreshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .failureRateThreshold(100)
          .permittedNumberOfCallsInHalfOpenState(1)
          .automaticTransitionFromOpenToHalfOpenEnabled(false)
          .waitIntervalFunctionInOpenState(openWaits)
          .writableStackTraceEnabled(false)
          .clock(clock)
          .build(), openWaits);
    }
  }

  /** Whether resilience4j has been set up, that is whether any connect outcome was counted yet. */
  boolean breakersCreated() {
    return breakers != null;
  }

  // ---------------------------------------------------------------- which addresses count

  /**
   * The addresses one binding's route holds now; the union over bindings is what outcomes are kept for.
   * Addresses that left every route start their grace period.
   */
  public synchronized void routed(String binding, Collection<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      routedBy.remove(binding);
    } else {
      routedBy.put(binding, Set.copyOf(addresses));
    }
    Set<InetAddress> now = new HashSet<>();
    routedBy.values().forEach(now::addAll);
    Instant at = clock.instant();
    for (InetAddress a : routed) {
      if (!now.contains(a)) {
        departed.putIfAbsent(a, at);
      }
    }
    now.forEach(departed::remove);
    routed = Set.copyOf(now);
    prune();
  }

  /** Whether outcomes for this address are kept: some route holds it, or left it less than the grace ago. */
  public boolean isRouted(InetAddress address) {
    if (routed.contains(address)) {
      return true;
    }
    Instant left = departed.get(address);
    return left != null && clock.instant().isBefore(left.plus(pruneAfter));
  }

  /** Drops the breakers of addresses that left every route at least {@code pruneAfter} ago. */
  public synchronized void prune() {
    Instant now = clock.instant();
    departed.entrySet().removeIf(e -> {
      if (now.isBefore(e.getValue().plus(pruneAfter))) {
        return false;
      }
      Target[] gone = byAddress.remove(e.getKey());
      if (gone != null) {
        for (Target t : gone) {
          targets.remove(t.address);
        }
      }
      return true;
    });
  }

  private Target target(InetSocketAddress address) {
    Target t = targets.get(address);
    if (t != null) {
      return t;
    }
    boolean wasHealthy = isHealthy(address.getAddress());
    t = create(address);
    if (!wasHealthy && isHealthy(address.getAddress())) {
      listener.healthChanged(address.getAddress()); // outside the lock: the listener recomputes routes
    }
    return t;
  }

  private synchronized Target create(InetSocketAddress address) {
    Target existing = targets.get(address);
    if (existing != null) {
      return existing;
    }
    Breakers b = breakers;
    if (b == null) {
      b = Breakers.of(failureThreshold, openWait, maxOpenWait, clock);
      breakers = b;
    }
    IntervalFunction openWaits = b.openWaits();
    CircuitBreaker cb = CircuitBreaker.of("vpce:" + address.getAddress().getHostAddress() + ":" + address.getPort(),
        b.config());
    Target t = new Target(address, cb);
    cb.getEventPublisher().onStateTransition(e -> {
      BreakerState to = Target.stateOf(e.getStateTransition().getToState());
      if (to == BreakerState.OPEN) {
        t.opens++;
        t.dueMillis = clock.millis() + openWaits.apply(t.opens);
      } else if (to == BreakerState.CLOSED) {
        t.opens = 0;
      }
      listener.transitioned(address, Target.stateOf(e.getStateTransition().getFromState()), to);
    });
    targets.put(address, t);
    Target[] before = byAddress.getOrDefault(address.getAddress(), new Target[0]);
    Target[] after = java.util.Arrays.copyOf(before, before.length + 1);
    after[before.length] = t;
    byAddress.put(address.getAddress(), after);
    return t;
  }

  // ---------------------------------------------------------------- routing's view, per address

  /**
   * Whether new connections may go to this address in its normal place: it has no breaker yet, or at
   * least one of its breakers (one per port) is closed.
   */
  public boolean isHealthy(InetAddress address) {
    Target[] ts = byAddress.get(address);
    if (ts == null) {
      return true;
    }
    for (Target t : ts) {
      if (t.breaker.getState() == CircuitBreaker.State.CLOSED) {
        return true;
      }
    }
    return false;
  }

  /**
   * Asks for the one trial connection to an unhealthy address. True at most once at a time per breaker,
   * once its open wait has passed; the caller then puts the address first.
   */
  public boolean tryTrial(InetAddress address) {
    Target[] ts = byAddress.get(address);
    if (ts == null) {
      return false;
    }
    for (Target t : ts) {
      if (tryTrial(t)) {
        return true;
      }
    }
    return false;
  }

  private boolean tryTrial(Target t) {
    CircuitBreaker.State state = t.breaker.getState();
    if (state == CircuitBreaker.State.OPEN) {
      long now = clock.millis();
      if (now < t.dueMillis || !t.acquiring.compareAndSet(false, true)) {
        return false; // still waiting, or another caller is taking this trial
      }
      try {
        if (!t.acquirePermission()) {
          return false;
        }
        // OPEN -> HALF_OPEN took the one half-open permit, which is never given back: the slot is the gate
        t.trial.set(new Trial(Thread.currentThread().getId(), now));
        return true;
      } finally {
        t.acquiring.set(false);
      }
    }
    if (state != CircuitBreaker.State.HALF_OPEN || t.acquiring.get()) {
      return false;
    }
    Trial current = t.trial.get();
    long now = clock.millis();
    if (current != null && now < current.startedMillis() + trialTimeoutMillis) {
      return false; // a trial is under way
    }
    return t.trial.compareAndSet(current, new Trial(Thread.currentThread().getId(), now));
  }

  /** The breaker state of one socket address ({@code CLOSED} when it has none). */
  public BreakerState state(InetSocketAddress address) {
    Target t = targets.get(address);
    return t == null ? BreakerState.CLOSED : t.state();
  }

  /** Every socket address with a breaker, and its state, after dropping departed ones. */
  public Map<InetSocketAddress, BreakerState> states() {
    prune();
    Map<InetSocketAddress, BreakerState> out = new LinkedHashMap<>();
    targets.forEach((a, t) -> out.put(a, t.state()));
    return out;
  }

  /** One socket address's breaker as the status shows it; {@code nextTrialAt} is null while closed. */
  public record View(InetSocketAddress address, BreakerState state, int failuresInRow, Instant nextTrialAt) {}

  /** The breakers of an address (one per port that had outcomes), for the status; takes no lock. */
  public List<View> views(InetAddress address) {
    Target[] ts = byAddress.getOrDefault(address, new Target[0]);
    List<View> out = new ArrayList<>(ts.length);
    for (Target t : ts) {
      BreakerState s = t.state();
      Trial trial = t.trial.get();
      Instant next = s == BreakerState.OPEN ? Instant.ofEpochMilli(t.dueMillis)
          : s == BreakerState.CLOSED ? null
          : trial == null ? clock.instant() : Instant.ofEpochMilli(trial.startedMillis() + trialTimeoutMillis);
      out.add(new View(t.address, s, t.failuresInRow.get(), next));
    }
    return out;
  }

  // ---------------------------------------------------------------- outcomes

  /** A connect (and TLS handshake, if any) to this socket address succeeded; the TCP connect took connectTime. */
  public void success(InetSocketAddress address, Duration connectTime) {
    Target t = target(address);
    t.trial.set(null);
    t.failuresInRow.set(0);
    if (connectTime != null) {
      t.connectTime.sample(connectTime);
    }
    if (t.breaker.getState() == CircuitBreaker.State.OPEN) {
      t.breaker.transitionToClosedState(); // it works: proof enough, no need to wait for a trial
    } else {
      t.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A connect to this socket address failed. Only failures that say something about the address count;
   * the rest end a trial only when the thread that took it reports it.
   *
   * @return whether the failure counted against the address
   */
  public boolean failure(InetSocketAddress address, IOException cause) {
    Target t = target(address);
    if (!ConnectFailures.countsAgainstAddress(cause)) {
      Trial current = t.trial.get();
      if (current != null && current.thread() == Thread.currentThread().getId()) {
        t.trial.compareAndSet(current, null);
      }
      return false;
    }
    t.trial.set(null);
    t.failuresInRow.incrementAndGet();
    t.breaker.onError(0, TimeUnit.NANOSECONDS, cause);
    return true;
  }

  /**
   * The connect timeout for this socket address when it is not the last one the caller will try: the
   * estimate's deadline, at most {@code callerTimeout}. It is {@code callerTimeout} itself when adaptive
   * deadlines are off, when the address has no successful connect yet, and when no other address of a
   * route holding it looks able to serve (its breaker closed and no counted failure since its last
   * success): cutting the connect short only pays when there is somewhere better to go. Without that, a
   * healthy but slow address (a saturated host) could be cut off while every address after it fails.
   */
  public Duration connectTimeout(InetSocketAddress address, Duration callerTimeout) {
    if (!adaptiveDeadline) {
      return callerTimeout;
    }
    Target t = targets.get(address);
    Duration d = t == null ? null : t.connectTime.deadline();
    if (d == null || d.compareTo(callerTimeout) >= 0 || !hasServingAlternative(address)) {
      return callerTimeout;
    }
    return d;
  }

  /** Whether a route holding this address holds another one, on the same port, that looks able to serve. */
  private boolean hasServingAlternative(InetSocketAddress address) {
    InetAddress self = address.getAddress();
    for (Set<InetAddress> route : routedBy.values()) {
      if (!route.contains(self)) {
        continue;
      }
      for (InetAddress other : route) {
        if (!other.equals(self) && looksServing(other, address.getPort())) {
          return true;
        }
      }
    }
    return false;
  }

  /** No breaker for the port yet (nothing known against it), or a closed one with no failure in a row. */
  private boolean looksServing(InetAddress address, int port) {
    Target[] known = byAddress.get(address);
    if (known != null) {
      for (Target t : known) {
        if (t.address.getPort() == port) {
          return t.state() == BreakerState.CLOSED && t.failuresInRow.get() == 0;
        }
      }
    }
    return true;
  }
}
