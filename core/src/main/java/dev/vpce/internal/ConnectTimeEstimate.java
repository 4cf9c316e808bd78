package dev.vpce.internal;

import java.time.Duration;

/**
 * A smoothed TCP connect time and its mean deviation for one socket address, computed the way TCP computes
 * its retransmission timeout (RFC 6298: gains 1/8 and 1/4, deadline = mean + 4 × deviation). The deadline
 * never goes below {@link #FLOOR}, so a run of very fast connects cannot make it hair-trigger. Thread-safe.
 */
final class ConnectTimeEstimate {
  /** The smallest adaptive deadline. */
  static final Duration FLOOR = Duration.ofMillis(50);

  private long smoothedNanos = -1; // guarded by this
  private long deviationNanos; // guarded by this
  private volatile long deadlineNanos = -1;

  synchronized void sample(Duration connectTime) {
    long n = Math.max(0, connectTime.toNanos());
    if (smoothedNanos < 0) {
      smoothedNanos = n;
      deviationNanos = n / 2;
    } else {
      deviationNanos = (3 * deviationNanos + Math.abs(smoothedNanos - n)) / 4;
      smoothedNanos = (7 * smoothedNanos + n) / 8;
    }
    deadlineNanos = Math.max(FLOOR.toNanos(), smoothedNanos + 4 * deviationNanos);
  }

  /** The deadline for the next connect, or null before the first sample. */
  Duration deadline() {
    long d = deadlineNanos;
    return d < 0 ? null : Duration.ofNanos(d);
  }
}
