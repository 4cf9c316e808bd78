package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EchoServer;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.MetadataFault;
import dev.vpce.testkit.ZoneFront;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Issue 12, section 3: many threads resolve and report real connect outcomes while zone fronts flip modes
 * (breakers open and close), the local zonal name's DNS answer changes, endpoint refreshes run (and see
 * {@code pending}) and the placement turns from unknown to known. One zone stays healthy, so no call may fail
 * except when the adaptive deadline cut off that zone (counted and reported: see benchmarks/RESULTS.md);
 * nothing throws what it should not, nothing deadlocks, every breaker closes once the faults heal, and no vpce
 * thread outlives {@code close()}.
 *
 * <p>The short run is part of the normal build. The long one (issue 12: 64 threads, 30 s) is
 * {@code benchmarks/stress.sh}, which sets {@code vpce.stress.threads} and {@code vpce.stress.seconds}.
 */
class ConcurrencyStressIT {
  static final String HOST = "orders.internal.example.com";
  static final int THREADS = Integer.getInteger("vpce.stress.threads", 16);
  static final long SECONDS = Long.getLong("vpce.stress.seconds", 3);
  /** A bound on count as well as time: each worker stops after this many calls. */
  static final int MAX_CALLS_PER_THREAD = Integer.getInteger("vpce.stress.maxCalls", 200_000);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .dnsTtl(Duration.ofSeconds(1)));

  @Test
  void manyThreadsUnderFlippingFaultsLoseNothingAndLeaveNoThreadBehind(LocalPrivateLink kit) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EchoServer echo = new EchoServer(); // the service behind the endpoint: its fronts forward here
    kit.endpoint().target(echo.address());
    int port = kit.endpoint().port();
    String local = kit.endpoint().zonalDnsName("us-east-1a");
    // the two fronts the chaos flips; the third zone (c) stays healthy, so every call has a working address
    List<ZoneFront> flipped = List.of(kit.endpoint().zone("us-east-1a"), kit.endpoint().zone("us-east-1b"));
    InetAddress stray = InetAddress.getByName("127.0.9.9"); // nothing listens there: refused at once

    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicLong calls = new AtomicLong();
    AtomicLong failedConnects = new AtomicLong();
    AtomicLong failedCalls = new AtomicLong();
    AtomicLong deadlineCutCalls = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicLong opened = new AtomicLong();
    AtomicLong closed = new AtomicLong();
    AtomicLong chaosSteps = new AtomicLong();
    AtomicLong strayRoutes = new AtomicLong();

    // the first two IMDS answers are 401: the placement starts unknown and turns known while the threads run
    kit.imds().fault(MetadataFault.UNAUTHORIZED, 2);
    PrivateLink pl;
    try (Ec2Client ec2 = KitSupport.ec2(kit, kit.ownerAccount())) {
      pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
          .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint())))
          .refreshInterval(Duration.ofMillis(100))
          .breakerOpenWait(Duration.ofMillis(50))
          .breakerMaxOpenWait(Duration.ofMillis(400))
          .breakerTrialTimeout(Duration.ofSeconds(1))
          .listener(new PrivateLinkListener() {
            @Override
            public void breakerStateChanged(InetSocketAddress target, BreakerState from, BreakerState to) {
              (to == BreakerState.OPEN ? opened : to == BreakerState.CLOSED ? closed : new AtomicLong())
                  .incrementAndGet();
            }
          })
          .build();
      try {
        pl.resolve(HOST);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Thread w = new Thread(() -> {
            try {
              go.await();
              for (int i = 0; i < MAX_CALLS_PER_THREAD && !stop.get(); i++) {
                try {
                  KitSupport.Call c = call(pl, port);
                  failedConnects.addAndGet(c.failedConnects());
                  if (c.route().contains(stray)) {
                    strayRoutes.incrementAndGet();
                  }
                } catch (DeadlineCut e) {
                  // a known limit, reported not hidden: the healthy zone was not last and its connect outlasted
                  // the adaptive deadline (CPU starvation, a full accept queue) while every later address failed
                  deadlineCutCalls.incrementAndGet();
                  if (deadlineCutCalls.get() <= 3) {
                    System.out.println("vpce stress: deadline-cut call: " + e.getMessage());
                  }
                } catch (IOException e) {
                  // every address failed for a reason of its own: must not happen with zone c healthy
                  if (failedCalls.incrementAndGet() <= 5) {
                    failures.add(e.getMessage());
                  }
                }
                calls.incrementAndGet();
                pl.route(HOST);
                pl.breakerStates();
              }
            } catch (Throwable e) {
              unexpected.add(e);
            }
          }, "stress-worker-" + t);
          workers.add(w);
          w.start();
        }

        Thread chaos = new Thread(() -> {
          Random random = new Random(12);
          BackendMode[] modes = {BackendMode.HEALTHY, BackendMode.REFUSE, BackendMode.RESET};
          try {
            go.await();
            while (!stop.get()) {
              switch (random.nextInt(4)) {
                case 0, 1 -> flipped.get(random.nextInt(flipped.size())).mode(modes[random.nextInt(modes.length)]);
                case 2 -> {
                  if (random.nextBoolean()) {
                    kit.dns().answer(local, stray, kit.endpoint().address("us-east-1a"));
                  } else {
                    kit.dns().clear(local);
                  }
                }
                default -> kit.endpoint().state(random.nextBoolean() ? "pending" : "available");
              }
              chaosSteps.incrementAndGet();
              Thread.sleep(20);
            }
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }, "stress-chaos");
        chaos.start();

        go.countDown();
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        stop.set(true);
        chaos.join(TimeUnit.SECONDS.toMillis(30));
        for (Thread w : workers) {
          w.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).as("deadlocked threads").isNull();
        assertThat(workers).as("workers still running: a deadlock or a lost wake-up").noneMatch(Thread::isAlive);
        assertThat(chaos.isAlive()).isFalse();
        unexpected.forEach(e -> e.printStackTrace(System.out)); // the whole trace, for whoever fixes it
        assertThat(unexpected).as("unexpected exceptions").isEmpty();
        assertThat(failedCalls.get()).as("calls that found no working address: %s", failures).isZero();
        assertThat(calls.get()).isPositive();
        assertThat(opened.get()).as("the faults opened breakers").isPositive();

        // heal everything; breakers of the endpoint's addresses must all close through trials
        for (ZoneFront f : kit.endpoint().fronts()) {
          f.mode(BackendMode.HEALTHY);
        }
        kit.dns().clear(local);
        kit.endpoint().state("available");
        Set<InetSocketAddress> endpointTargets = kit.endpoint().addresses().stream()
            .map(a -> new InetSocketAddress(a, port)).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
          KitSupport.call(pl, HOST, port, CONNECT_TIMEOUT);
          Map<InetSocketAddress, BreakerState> states = pl.breakerStates();
          assertThat(states.entrySet()).filteredOn(e -> endpointTargets.contains(e.getKey()))
              .allMatch(e -> e.getValue() == BreakerState.CLOSED);
          assertThat(pl.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
          assertThat(pl.resolve(HOST)).doesNotContain(stray).first().isEqualTo(kit.endpoint().address("us-east-1a"));
        });
        assertThat(pl.placement().isKnown()).as("the placement turned known during the run").isTrue();
        System.out.printf("vpce stress: %d threads, %d s: %d calls, %d failed connects reported, %d breaker "
            + "openings, %d closings, %d routes with the stray DNS answer, %d chaos steps, %d DescribeVpcEndpoints, "
            + "%d calls failed only because the adaptive deadline cut off the healthy zone, 0 other failed calls, "
            + "0 unexpected exceptions%n", THREADS, SECONDS, calls.get(), failedConnects.get(), opened.get(),
            closed.get(), strayRoutes.get(), chaosSteps.get(), kit.ec2().calls("DescribeVpcEndpoints"),
            deadlineCutCalls.get());
      } finally {
        pl.close();
        echo.close();
      }
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> !before.contains(t) && t.isAlive())
        .filteredOn(t -> t.getName().startsWith("vpce-") && !t.getName().startsWith("vpce-testkit-"))
        .isEmpty());
  }

  /**
   * {@link KitSupport#call}, but a call that finds no working address says what each address did and which
   * connect deadline it had.
   */
  static KitSupport.Call call(PrivateLink pl, int port) throws IOException {
    List<InetAddress> route = pl.resolve(HOST);
    StringBuilder tried = new StringBuilder();
    int failed = 0;
    boolean cut = false;
    for (int i = 0; i < route.size(); i++) {
      InetSocketAddress target = new InetSocketAddress(route.get(i), port);
      Duration timeout = i == route.size() - 1 ? CONNECT_TIMEOUT : pl.connectTimeout(target, CONNECT_TIMEOUT);
      try (java.net.Socket s = new java.net.Socket()) {
        long start = System.nanoTime();
        s.connect(target, (int) timeout.toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        s.setSoTimeout(5_000);
        s.getOutputStream().write('p');
        if (s.getInputStream().read() != 'p') {
          throw new java.io.EOFException("the connection closed before the handshake finished");
        }
        pl.connectSucceeded(target, took);
        return new KitSupport.Call(route.get(i), failed, route);
      } catch (IOException e) {
        pl.connectFailed(target, e);
        failed++;
        cut |= i < route.size() - 1 && e instanceof java.net.SocketTimeoutException;
        tried.append(target).append(" (deadline ").append(timeout.toMillis()).append(" ms): ").append(e).append("; ");
      }
    }
    throw cut ? new DeadlineCut("no address worked: " + tried) : new IOException("no address worked: " + tried);
  }

  /** Every address failed, and at least one that was not last timed out under its adaptive deadline. */
  static final class DeadlineCut extends IOException {
    DeadlineCut(String message) {
      super(message);
    }
  }
}
