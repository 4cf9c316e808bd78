package dev.vpce.internal;

import dev.vpce.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} that runs nothing until a test advances its clock; no threads at all. */
public final class ManualScheduler implements Scheduler {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long sequence;

  private record Task(String name, Runnable body, Instant due, long order) {}

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(String name, Runnable task, Duration delay) {
    Task t = new Task(name, task, clock.instant().plus(delay), sequence++);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        tasks.remove(t);
      }
    };
  }

  /** Runs every task that is due now, including tasks they schedule for now. */
  public void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.due().isAfter(clock.instant()))
            .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.body().run();
    }
  }

  /** Moves the clock forward in one-second steps, running what falls due on the way. */
  public void advance(Duration d) {
    Duration left = d;
    Duration step = Duration.ofSeconds(1);
    while (left.compareTo(step) > 0) {
      clock.advance(step);
      runDue();
      left = left.minus(step);
    }
    clock.advance(left);
    runDue();
  }

  @Override
  public synchronized void close() {
    tasks.clear();
  }
}
