package dev.vpce.internal;

import dev.vpce.RefreshKind;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to one binding, for {@code PrivateLink.status()}: when discovery last listed its endpoint
 * and why that endpoint was chosen, its last failure, and its failed refreshes by kind. Written by the
 * parts that see these events, read without locks.
 */
final class BindingHistory {
  private final Clock clock;
  private final LongAdder[] failures = new LongAdder[RefreshKind.values().length];
  private volatile Instant lastGoodDiscovery;
  private volatile String chosenBecause;
  private volatile Failure lastError;

  /** A failure as shown: one line, and when. */
  record Failure(String line, Instant at) {}

  BindingHistory(Clock clock, String chosenBecause) {
    this.clock = clock;
    this.chosenBecause = chosenBecause;
    for (int i = 0; i < failures.length; i++) {
      failures[i] = new LongAdder();
    }
  }

  /** A discovery answer listed the binding's endpoint, chosen for this reason. */
  void discovered(String why) {
    chosenBecause = why;
    lastGoodDiscovery = clock.instant();
  }

  /** A failure of the binding; returns it, so callers can record and keep it in one expression. */
  <E extends Throwable> E error(E e) {
    if (e != null) {
      lastError = new Failure(Failures.oneLine(e), clock.instant());
    }
    return e;
  }

  /** A background refresh of this kind failed. */
  void refreshFailed(RefreshKind kind, Throwable cause) {
    failures[kind.ordinal()].increment();
    error(cause);
  }

  long failures(RefreshKind kind) {
    return failures[kind.ordinal()].sum();
  }

  Instant lastGoodDiscovery() {
    return lastGoodDiscovery;
  }

  String chosenBecause() {
    return chosenBecause;
  }

  Failure lastError() {
    return lastError;
  }
}
