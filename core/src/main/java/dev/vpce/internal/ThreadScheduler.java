package dev.vpce.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link Scheduler}: a small pool of daemon threads named {@code vpce-refresh-N}. */
public final class ThreadScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;

  public ThreadScheduler(int threads) {
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    executor = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, "vpce-refresh-" + instance + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable schedule(String name, Runnable task, Duration delay) {
    if (executor.isShutdown()) {
      return () -> {};
    }
    try {
      ScheduledFuture<?> f = executor.schedule(() -> {
        try {
          task.run();
        } catch (Throwable t) {
          LOG.error("vpce background task '{}' failed; it will run again at its next schedule", name, t);
        }
      }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException closing) {
      return () -> {};
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("vpce refresh threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
