package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PrivateLink.Builder.scheduledExecutor}: many instances share one caller-owned pool. */
class SharedExecutorIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  /** A pool whose threads are named {@code shared-N} and which records the threads its tasks ran on. */
  static final class Pool extends ScheduledThreadPoolExecutor {
    final Set<String> ranOn = ConcurrentHashMap.newKeySet();
    final AtomicInteger ran = new AtomicInteger();

    Pool() {
      super(2, new java.util.concurrent.ThreadFactory() {
        final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
          Thread t = new Thread(r, "shared-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }
      });
      // removeOnCancelPolicy left at its default (false), as in most applications' pools: close() must still
      // leave no cancelled task of a closed instance queued
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
      ranOn.add(t.getName());
      ran.incrementAndGet();
    }
  }

  @Test
  void backgroundWorkRunsOnTheGivenExecutorAndCloseCancelsItButLeavesTheExecutorRunning(LocalPrivateLink kit)
      throws Exception {
    Pool pool = new Pool();
    try {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      PrivateLink first = KitSupport.defaultDiscovery(kit, kit.callerAccount()).region("us-east-1")
          .placement(Placement.ofZoneName("us-east-1a")).scheduledExecutor(pool)
          .bind(HOST, kit.endpoint().serviceName()).build();
      PrivateLink second = KitSupport.defaultDiscovery(kit, kit.callerAccount()).region("us-east-1")
          .placement(Placement.ofZoneName("us-east-1b")).scheduledExecutor(pool)
          .bind(HOST, kit.endpoint().serviceName()).build();

      assertThat(first.resolve(HOST).get(0)).isEqualTo(kit.endpoint().zone("us-east-1a").ip());
      assertThat(second.resolve(HOST).get(0)).isEqualTo(kit.endpoint().zone("us-east-1b").ip());
      assertThat(pool.ranOn).isNotEmpty().allMatch(name -> name.startsWith("shared-"));
      assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive())
          .as("no instance started threads of its own, nor its EC2 client for call timeouts")
          .noneMatch(t -> t.getName().startsWith("vpce-refresh-") || t.getName().startsWith("sdk-ScheduledExecutor"));
      assertThat(pool.getQueue()).as("refreshes (endpoint, DNS) wait on the shared pool").isNotEmpty();

      int queuedWithBoth = pool.getQueue().size();
      first.close();
      int queuedWithSecond = pool.getQueue().size();
      assertThat(queuedWithSecond).as("close cancels the first instance's tasks").isLessThan(queuedWithBoth)
          .isPositive();
      assertThat(second.resolve(HOST).get(0)).as("the other instance keeps working")
          .isEqualTo(kit.endpoint().zone("us-east-1b").ip());
      second.close();
      assertThat(pool.getQueue()).as("every task of a closed instance is cancelled").isEmpty();
      assertThat(pool.isShutdown()).as("close never shuts the caller's executor down").isFalse();
      assertThat(pool.schedule(() -> "still running", 0, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
          .isEqualTo("still running");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNullExecutorIsRejectedWithTheSettingsName() {
    assertThatThrownBy(() -> PrivateLink.builder().scheduledExecutor(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("scheduledExecutor must not be null");
  }

  @Test
  void withoutAnExecutorEachInstanceStillRunsOnItsOwnThreads(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = KitSupport.defaultDiscovery(kit, kit.callerAccount()).region("us-east-1")
        .placement(Placement.ofZoneName("us-east-1a")).refreshInterval(Duration.ofMinutes(5))
        .bind(HOST, kit.endpoint().serviceName()).build()) {
      pl.resolve(HOST);
      assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith("vpce-refresh-"));
    }
  }
}
