package dev.vpce.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One resilience4j circuit breaker per endpoint address, fed only by connection outcomes.
 *
 * <p>Tuned for low traffic: {@code failureThreshold} failed connects in a row open a breaker (not 100
 * calls). An open breaker waits, then admits exactly one trial connection (half-open); the wait doubles
 * with each failed trial up to a cap. No breaker runs a thread: the open-to-half-open step happens
 * when a route asks for a trial, so time comes from the injected {@link Clock}. A trial that never
 * reports back (the client chose not to connect) is given up after {@code trialTimeout}.
 */
public final class TargetHealth {
  /** Hears breaker transitions. */
  public interface TransitionListener {
    void transitioned(InetAddress address, CircuitBreaker.State from, CircuitBreaker.State to);
  }

  private final CircuitBreakerConfig config;
  private final Clock clock;
  private final Duration trialTimeout;
  private final TransitionListener listener;
  private final Map<InetAddress, Target> targets = new ConcurrentHashMap<>();

  private static final class Target {
    final CircuitBreaker breaker;
    volatile Instant trialStartedAt;

    Target(CircuitBreaker breaker) {
      this.breaker = breaker;
    }
  }

  public TargetHealth(int failureThreshold, Duration openWait, Duration maxOpenWait, Duration trialTimeout,
      Clock clock, TransitionListener listener) {
    this.clock = clock;
    this.trialTimeout = trialTimeout;
    this.listener = listener;
    this.config = CircuitBreakerConfig.custom()
        .slidingWindow(failureThreshold, failureThreshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(100)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(openWait, 2.0, maxOpenWait))
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build();
  }

  private Target target(InetAddress address) {
    return targets.computeIfAbsent(address, a -> {
      CircuitBreaker cb = CircuitBreaker.of("vpce:" + a.getHostAddress(), config);
      cb.getEventPublisher().onStateTransition(e -> listener.transitioned(a,
          e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
      return new Target(cb);
    });
  }

  /** Whether new connections may go to this address first: its breaker is closed (or it has none yet). */
  public boolean isHealthy(InetAddress address) {
    Target t = targets.get(address);
    return t == null || t.breaker.getState() == CircuitBreaker.State.CLOSED;
  }

  /** The breaker state's name for an address: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
  public String state(InetAddress address) {
    Target t = targets.get(address);
    return t == null ? CircuitBreaker.State.CLOSED.name() : t.breaker.getState().name();
  }

  /** Every address with a breaker and the breaker's state name. */
  public Map<InetAddress, String> states() {
    Map<InetAddress, String> out = new java.util.LinkedHashMap<>();
    targets.forEach((a, t) -> out.put(a, t.breaker.getState().name()));
    return out;
  }

  /**
   * Asks for the one trial connection to an unhealthy address. True at most once per half-open period,
   * once the open wait has passed; the caller then puts the address first.
   */
  public boolean tryTrial(InetAddress address) {
    Target t = targets.get(address);
    if (t == null) {
      return false;
    }
    CircuitBreaker.State state = t.breaker.getState();
    if (state == CircuitBreaker.State.HALF_OPEN) {
      Instant started = t.trialStartedAt;
      if (started != null) {
        if (clock.instant().isBefore(started.plus(trialTimeout))) {
          return false; // a trial is under way
        }
        t.breaker.releasePermission(); // the last trial never reported back: offer it again
        t.trialStartedAt = null;
      }
    } else if (state != CircuitBreaker.State.OPEN) {
      return false;
    }
    if (t.breaker.tryAcquirePermission()) {
      t.trialStartedAt = clock.instant();
      return true;
    }
    return false;
  }

  /** A connect (and TLS handshake, if any) to this address succeeded. */
  public void success(InetAddress address) {
    Target t = target(address);
    t.trialStartedAt = null;
    t.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /**
   * A connect to this address failed. Only failures that say something about the address count; the
   * rest give back a trial permit if one was taken.
   *
   * @return whether the failure counted against the address
   */
  public boolean failure(InetAddress address, IOException cause) {
    Target t = target(address);
    if (!ConnectFailures.countsAgainstAddress(cause)) {
      if (t.breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
        t.breaker.releasePermission();
        t.trialStartedAt = null;
      }
      return false;
    }
    t.trialStartedAt = null;
    t.breaker.onError(0, TimeUnit.NANOSECONDS, cause);
    return true;
  }
}
