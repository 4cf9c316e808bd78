package dev.vpce.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ScheduledExecutorService} on simulated time: nothing runs until {@link #runUntil} moves its
 * {@link #clock()} forward, and then every task falls due in time order (ties in the order they were
 * scheduled) on the calling thread, the clock set to each task's due time while it runs. No threads;
 * deterministic for deterministic tasks. Many {@code PrivateLink}s share one through
 * {@code PrivateLink.Builder.scheduledExecutor} and {@code clock}, so hours pass in seconds.
 */
public final class VirtualTimeExecutor extends AbstractExecutorService implements ScheduledExecutorService {
  private final SimulatedClock clock;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private long sequence;
  private long ran;
  private boolean shutdown;

  /** An executor whose clock starts at {@code start}. */
  public VirtualTimeExecutor(Instant start) {
    this.clock = new SimulatedClock(start);
  }

  /** The simulated clock; give it to every {@code PrivateLink} and to the EC2 emulator's token bucket. */
  public Clock clock() {
    return clock;
  }

  /** The simulated time now. */
  public Instant now() {
    return clock.instant();
  }

  /** How many tasks ran since the start. */
  public synchronized long tasksRun() {
    return ran;
  }

  /** How many tasks wait to run. */
  public synchronized int pending() {
    return queue.size();
  }

  /**
   * Runs every task due up to {@code end} in time order, moving the clock to each one's due time, then
   * moves the clock to {@code end}. Tasks scheduled meanwhile run too when they fall due by {@code end}.
   */
  public void runUntil(Instant end) {
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(end)) {
          break;
        }
        queue.poll();
        if (next.due.isAfter(clock.instant())) {
          clock.set(next.due);
        }
        ran++;
      }
      next.run();
    }
    synchronized (this) {
      if (end.isAfter(clock.instant())) {
        clock.set(end);
      }
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(() -> {
      command.run();
      return null;
    }, delay, unit);
  }

  @Override
  public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("this VirtualTimeExecutor is shut down");
    }
    Task<V> t = new Task<>(callable, clock.instant().plusNanos(Math.max(0, unit.toNanos(delay))), sequence++, 0);
    queue.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return periodic(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return periodic(command, initialDelay, delay, unit); // tasks take no simulated time, so both are the same
  }

  private synchronized ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be greater than 0, but was " + period + " " + unit);
    }
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("this VirtualTimeExecutor is shut down");
    }
    Task<Void> t = new Task<>(() -> {
      command.run();
      return null;
    }, clock.instant().plusNanos(Math.max(0, unit.toNanos(initialDelay))), sequence++, unit.toNanos(period));
    queue.add(t);
    return t;
  }

  private synchronized void requeue(Task<?> t) {
    if (!shutdown) {
      t.due = t.due.plusNanos(t.periodNanos);
      t.order = sequence++;
      queue.add(t);
    }
  }

  private synchronized boolean remove(Task<?> t) {
    return queue.remove(t);
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> dropped = new ArrayList<>(queue);
    queue.clear();
    return dropped;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  /** A scheduled task; its future completes when it has run (a periodic one never completes). */
  private final class Task<V> implements ScheduledFuture<V>, Runnable {
    private final Callable<V> body;
    private final long periodNanos;
    private Instant due;
    private long order;
    private int state; // 0 waiting, 1 done, 2 failed, 3 cancelled; guarded by this
    private V result;
    private Throwable failure;

    Task(Callable<V> body, Instant due, long order, long periodNanos) {
      this.body = body;
      this.due = due;
      this.order = order;
      this.periodNanos = periodNanos;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state != 0) {
          return;
        }
      }
      try {
        V v = body.call();
        synchronized (this) {
          if (periodNanos == 0 && state == 0) {
            result = v;
            state = 1;
          }
        }
        if (periodNanos > 0 && !isCancelled()) {
          requeue(this);
        }
      } catch (Throwable t) {
        synchronized (this) {
          if (state == 0) {
            failure = t;
            state = 2;
          }
        }
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Task<?> other = (Task<?>) o;
      int c = due.compareTo(other.due);
      return c != 0 ? c : Long.compare(order, other.order);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      synchronized (this) {
        if (state != 0) {
          return false;
        }
        state = 3;
      }
      remove(this);
      return true;
    }

    @Override
    public synchronized boolean isCancelled() {
      return state == 3;
    }

    @Override
    public synchronized boolean isDone() {
      return state != 0;
    }

    @Override
    public synchronized V get() throws ExecutionException {
      return switch (state) {
        case 1 -> result;
        case 2 -> throw new ExecutionException(failure);
        case 3 -> throw new CancellationException();
        default -> throw new IllegalStateException("not run yet: simulated time has not reached " + due
            + " (now " + clock.instant() + "); call runUntil");
      };
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
      synchronized (this) {
        if (state == 0) {
          throw new TimeoutException("not run yet: simulated time has not reached " + due);
        }
      }
      return get();
    }
  }

  /** The executor's clock: moves only when the executor runs what falls due. */
  private static final class SimulatedClock extends Clock {
    private volatile Instant now;

    SimulatedClock(Instant start) {
      this.now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
