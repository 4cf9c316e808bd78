package dev.vpce.internal;

import dev.vpce.Placement;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks placement sources in order within one time budget, and takes the first that knows the zone. The
 * budget is a deadline across the whole chain: each source runs on a helper thread and is abandoned when
 * the deadline passes, whatever its own timeouts. The outcome lists what each source said, for the
 * warning an unknown placement logs.
 */
public final class PlacementChain implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<PlacementSource> sources;
  private final Duration budget;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "vpce-placement-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** What the chain found, and what each source said when none knew the zone. */
  public record Outcome(Placement placement, List<String> tried) {}

  public PlacementChain(List<PlacementSource> sources, Duration budget) {
    this.sources = List.copyOf(sources);
    this.budget = budget;
  }

  public Outcome locate() {
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> tried = new ArrayList<>();
    for (PlacementSource source : sources) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        tried.add(source.name() + ": not asked, the " + budget.toMillis() + " ms budget was spent");
        continue;
      }
      Future<Placement> f;
      try {
        f = executor.submit(() -> source.locate(Duration.ofNanos(left)));
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        tried.add(source.name() + ": not asked, closing");
        continue;
      }
      try {
        Placement p = f.get(left, TimeUnit.NANOSECONDS);
        if (p == null) {
          tried.add(source.name() + ": does not apply here");
        } else if (!p.isKnown()) {
          tried.add(source.name() + ": no zone");
        } else {
          return new Outcome(p, List.copyOf(tried));
        }
      } catch (TimeoutException e) {
        f.cancel(true);
        tried.add(source.name() + ": no answer within the " + budget.toMillis() + " ms budget");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        tried.add(source.name() + ": " + (c instanceof IOException || c instanceof RuntimeException
            ? c.getMessage() : c.toString()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        tried.add(source.name() + ": interrupted");
        break;
      }
    }
    return new Outcome(Placement.UNKNOWN, List.copyOf(tried));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
