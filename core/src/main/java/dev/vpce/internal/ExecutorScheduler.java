package dev.vpce.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on a caller-owned {@link ScheduledExecutorService}, which many {@code PrivateLink}s may
 * share. {@link #close()} cancels the tasks this scheduler scheduled and refuses new ones; it never shuts
 * the executor down.
 */
public final class ExecutorScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final ScheduledExecutorService executor;
  private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public ExecutorScheduler(ScheduledExecutorService executor) {
    this.executor = Checks.notNull("scheduledExecutor", executor);
  }

  @Override
  public Cancellable schedule(String name, Runnable task, Duration delay) {
    if (closed) {
      return () -> {};
    }
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    Runnable body = () -> {
      ScheduledFuture<?> f;
      synchronized (self) {
        f = self[0];
      }
      if (f != null) {
        pending.remove(f);
      }
      if (closed) {
        return;
      }
      try {
        task.run();
      } catch (Throwable t) {
        LOG.error("vpce background task '{}' failed; it will run again at its next schedule", name, t);
      }
    };
    ScheduledFuture<?> f;
    synchronized (self) { // a task that runs at once waits until its own future is known
      try {
        f = executor.schedule(body, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException shutDown) {
        LOG.warn("vpce could not schedule '{}': the scheduledExecutor given to PrivateLink.Builder is shut down; "
            + "keep it running until every PrivateLink on it is closed", name);
        return () -> {};
      }
      self[0] = f;
      if (!f.isDone()) {
        pending.add(f);
      }
    }
    if (closed) {
      f.cancel(false);
      pending.remove(f);
    }
    return () -> {
      f.cancel(false);
      pending.remove(f);
    };
  }

  /** How many of this scheduler's tasks wait to run. */
  int pending() {
    return pending.size();
  }

  @Override
  public void close() {
    closed = true;
    for (ScheduledFuture<?> f : pending) {
      f.cancel(false);
    }
    pending.clear();
    if (executor instanceof ThreadPoolExecutor pool) {
      // a ScheduledThreadPoolExecutor keeps cancelled tasks queued until their delay ends (up to 8 refresh
      // intervals after failures) unless its owner set removeOnCancelPolicy; each holds this closed instance
      pool.purge();
    }
  }
}
