package dev.vpce.internal;

import java.time.Duration;

/** Runs background work later. One per {@code PrivateLink}; tests use a manual one driven by a clock. */
public interface Scheduler extends AutoCloseable {
  /** Runs {@code task} after {@code delay}; a task that throws is logged and does not stop the scheduler. */
  Cancellable schedule(String name, Runnable task, Duration delay);

  /** Stops every thread; pending tasks are dropped. Idempotent. */
  @Override
  void close();

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    void cancel();
  }
}
