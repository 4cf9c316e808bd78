package dev.vpce.internal;

import java.time.Duration;
import java.util.Random;

/**
 * The one retry policy of vpce: exponential back-off with full jitter. Attempt {@code n} waits a uniformly
 * random time in {@code [0, min(cap, base * 2^(n-1))]}, so a fleet that failed together does not retry
 * together. Used by start-up and refresh discovery, placement and DNS retries. Thread-safe.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Random random;

  public Backoff(Duration base, Duration cap, Random random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < base <= cap, but was base " + base + ", cap " + cap);
    }
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The wait before retry {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    return jitter(ceiling(attempt));
  }

  /** The ceiling of attempt {@code attempt}'s wait: {@code min(cap, base * 2^(attempt-1))}. */
  public Duration ceiling(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    Duration d = base.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 || d.isNegative() ? cap : d;
  }

  /** A uniformly random duration in {@code [0, ceiling]}. */
  public Duration jitter(Duration ceiling) {
    long nanos = ceiling.toNanos();
    return Duration.ofNanos(nanos <= 0 ? 0 : (long) (random.nextDouble() * nanos));
  }

  /** A regular interval spread by ±10 %, so that instances started together drift apart. */
  public static Duration spread(Duration interval, Random random) {
    long ms = interval.toMillis();
    long jitter = ms / 10;
    return Duration.ofMillis(ms - jitter + (jitter == 0 ? 0 : (long) (random.nextDouble() * (2 * jitter + 1))));
  }
}
