package dev.vpce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualTimeExecutorTest {
  static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

  @Test
  void runsDueTasksInTimeOrderWithTheClockAtEachDueTimeAndNothingBefore() {
    VirtualTimeExecutor executor = new VirtualTimeExecutor(T0);
    List<String> ran = new ArrayList<>();
    executor.schedule(() -> ran.add("b at " + executor.now()), 2, TimeUnit.SECONDS);
    executor.schedule(() -> ran.add("a at " + executor.now()), 1, TimeUnit.SECONDS);
    executor.schedule(() -> ran.add("c at " + executor.now()), 2, TimeUnit.SECONDS); // same time: in order
    executor.schedule(() -> {
      ran.add("d at " + executor.now());
      executor.schedule(() -> ran.add("e at " + executor.now()), 500, TimeUnit.MILLISECONDS);
    }, 3, TimeUnit.SECONDS);
    executor.runUntil(T0);
    assertThat(ran).isEmpty();
    executor.runUntil(T0.plusSeconds(10));
    assertThat(ran).containsExactly("a at 2026-11-27T00:00:01Z", "b at 2026-11-27T00:00:02Z",
        "c at 2026-11-27T00:00:02Z", "d at 2026-11-27T00:00:03Z", "e at 2026-11-27T00:00:03.500Z");
    assertThat(executor.now()).isEqualTo(T0.plusSeconds(10));
    assertThat(executor.tasksRun()).isEqualTo(5);
  }

  @Test
  void aCancelledTaskNeverRunsAndAPeriodicOneRepeats() throws Exception {
    VirtualTimeExecutor executor = new VirtualTimeExecutor(T0);
    List<Instant> ticks = new ArrayList<>();
    ScheduledFuture<?> never = executor.schedule(() -> ticks.add(Instant.EPOCH), 1, TimeUnit.SECONDS);
    ScheduledFuture<String> value = executor.schedule(() -> "done", 1, TimeUnit.SECONDS);
    ScheduledFuture<?> periodic = executor.scheduleAtFixedRate(() -> ticks.add(executor.now()), 0, 2,
        TimeUnit.SECONDS);
    assertThat(never.cancel(false)).isTrue();
    assertThat(executor.pending()).isEqualTo(2);
    executor.runUntil(T0.plusSeconds(5));
    assertThat(value.get()).isEqualTo("done");
    assertThat(ticks).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4));
    periodic.cancel(false);
    executor.runUntil(T0.plusSeconds(60));
    assertThat(ticks).hasSize(3);
    assertThat(executor.pending()).isZero();
  }
}
