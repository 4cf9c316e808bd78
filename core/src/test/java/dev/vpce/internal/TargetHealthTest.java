package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.BreakerState;
import dev.vpce.FakeNameResolver;
import dev.vpce.MutableClock;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetHealthTest {
  final MutableClock clock = new MutableClock();
  final List<String> transitions = new ArrayList<>();
  final List<InetAddress> healthChanges = new ArrayList<>();
  final TargetHealth.Listener listener = new TargetHealth.Listener() {
    @Override
    public void transitioned(InetSocketAddress target, BreakerState from, BreakerState to) {
      transitions.add(target.getAddress().getHostAddress() + ":" + target.getPort() + " " + from + "->" + to);
    }

    @Override
    public void healthChanged(InetAddress address) {
      healthChanges.add(address);
    }
  };
  final TargetHealth health = health(true);
  final InetAddress zonal = FakeNameResolver.ip("127.0.1.1");
  final InetAddress otherZone = FakeNameResolver.ip("127.0.1.2");
  final InetSocketAddress https = new InetSocketAddress(zonal, 443);
  final InetSocketAddress ssh = new InetSocketAddress(zonal, 22);

  TargetHealth health(boolean adaptive) {
    return new TargetHealth(3, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10),
        Duration.ofMinutes(10), adaptive, clock, listener);
  }

  @BeforeEach
  void route() {
    health.routed("orders", List.of(zonal));
  }

  @Test
  void opensAfterThreeFailedConnectsInARowNotAHundred() {
    health.failure(https, new ConnectException("Connection refused"));
    health.failure(https, new SocketTimeoutException("connect timed out"));
    assertThat(health.isHealthy(zonal)).isTrue();
    health.failure(https, new SSLHandshakeException("Remote host terminated the handshake"));
    assertThat(health.isHealthy(zonal)).isFalse();
    assertThat(health.state(https)).isEqualTo(BreakerState.OPEN);
    assertThat(transitions).containsExactly("127.0.1.1:443 CLOSED->OPEN");
  }

  @Test
  void aFailingPortDoesNotMakeTheAddressUnhealthyWhileAnotherPortWorks() {
    health.success(https, Duration.ofMillis(1));
    for (int i = 0; i < 3; i++) {
      health.failure(ssh, new ConnectException("Connection refused"));
    }
    assertThat(health.state(ssh)).isEqualTo(BreakerState.OPEN);
    assertThat(health.state(https)).isEqualTo(BreakerState.CLOSED);
    assertThat(health.isHealthy(zonal)).as("443 still works").isTrue();
    assertThat(health.states()).containsEntry(ssh, BreakerState.OPEN).containsEntry(https, BreakerState.CLOSED);
  }

  @Test
  void aPortThatStartsWorkingOnAnUnhealthyAddressSaysSo() {
    for (int i = 0; i < 3; i++) {
      health.failure(ssh, new ConnectException("Connection refused"));
    }
    assertThat(health.isHealthy(zonal)).isFalse();
    health.success(https, Duration.ofMillis(1));
    assertThat(health.isHealthy(zonal)).isTrue();
    assertThat(healthChanges).containsExactly(zonal);
  }

  @Test
  void aSuccessInBetweenKeepsItClosed() {
    health.failure(https, new ConnectException("refused"));
    health.failure(https, new ConnectException("refused"));
    health.success(https, Duration.ofMillis(1));
    health.failure(https, new ConnectException("refused"));
    assertThat(health.isHealthy(zonal)).isTrue();
  }

  @Test
  void hostnameFailuresCertificateProblemsAndCancelledAttemptsDoNotCount() {
    for (int i = 0; i < 5; i++) {
      assertThat(health.failure(https, new SSLPeerUnverifiedException("Hostname wrong.example.test not verified")))
          .isFalse();
      SSLHandshakeException badCert = new SSLHandshakeException("No subject alternative DNS name matching x found.");
      badCert.initCause(new CertificateException("No subject alternative DNS name matching x found."));
      assertThat(health.failure(https, badCert)).isFalse();
      assertThat(health.failure(https, new SocketException("Socket closed"))).isFalse();
      assertThat(health.failure(https, new InterruptedIOException("cancelled"))).isFalse();
    }
    assertThat(health.isHealthy(zonal)).isTrue();
    assertThat(health.failure(https, new EOFException("SSL peer shut down incorrectly"))).isTrue();
  }

  @Test
  void aResetSeenThroughNioCounts() {
    assertThat(health.failure(https, new java.io.IOException("Connection reset by peer"))).isTrue();
    assertThat(health.failure(https, new java.io.IOException("Broken pipe"))).isTrue();
    assertThat(health.failure(https, new java.io.IOException("something else"))).isFalse();
  }

  @Test
  void allowsExactlyOneTrialOnceTheWaitHasPassedAndClosesOnSuccess() {
    open();
    assertThat(health.tryTrial(zonal)).as("still waiting").isFalse();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    assertThat(health.state(https)).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(health.tryTrial(zonal)).as("one trial at a time").isFalse();
    health.success(https, Duration.ofMillis(1));
    assertThat(health.isHealthy(zonal)).isTrue();
    assertThat(transitions).containsExactly("127.0.1.1:443 CLOSED->OPEN", "127.0.1.1:443 OPEN->HALF_OPEN",
        "127.0.1.1:443 HALF_OPEN->CLOSED");
  }

  @Test
  void aFailedTrialReopensWithADoubledWaitUpToTheCap() {
    open();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(https, new ConnectException("refused"));
    assertThat(health.state(https)).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofSeconds(9));
    assertThat(health.tryTrial(zonal)).as("the second wait is 10 s").isFalse();
    pass(Duration.ofSeconds(1));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(https, new ConnectException("refused"));
    pass(Duration.ofSeconds(20));
    assertThat(health.tryTrial(zonal)).as("20 s").isTrue();
    health.failure(https, new ConnectException("refused"));
    pass(Duration.ofSeconds(20));
    assertThat(health.tryTrial(zonal)).as("capped at 20 s, not 40 s").isTrue();
  }

  @Test
  void aTrialThatNeverReportsIsOfferedAgainAfterTheTrialTimeout() {
    open();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    clock.advance(Duration.ofSeconds(9));
    assertThat(health.tryTrial(zonal)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(health.tryTrial(zonal)).isTrue();
    assertThat(health.tryTrial(zonal)).as("and again only one").isFalse();
  }

  @Test
  void anIgnoredFailureOfTheTrialGivesTheTrialBack() {
    open();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(https, new SSLPeerUnverifiedException("Hostname not verified"));
    assertThat(health.tryTrial(zonal)).isTrue();
    assertThat(health.tryTrial(zonal)).isFalse();
  }

  @Test
  void aLateIgnoredFailureOfATimedOutTrialDoesNotFreeTheNextTrial() throws Exception {
    open();
    pass(Duration.ofSeconds(5));
    AtomicBoolean first = new AtomicBoolean();
    Thread abandoned = new Thread(() -> first.set(health.tryTrial(zonal)));
    abandoned.start();
    abandoned.join();
    assertThat(first).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(health.tryTrial(zonal)).as("the abandoned trial timed out: the next one").isTrue();
    Thread late = new Thread(() -> health.failure(https, new SocketException("Socket closed")));
    late.start();
    late.join();
    assertThat(health.tryTrial(zonal)).as("the current trial is still under way: no second one").isFalse();
    assertThat(health.tryTrial(zonal)).isFalse();
    health.success(https, Duration.ofMillis(1));
    assertThat(health.state(https)).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void manyTimedOutTrialsStillAdmitOneTrialAtATime() {
    open();
    pass(Duration.ofSeconds(5));
    for (int i = 0; i < 5; i++) {
      assertThat(health.tryTrial(zonal)).isTrue();
      health.failure(https, new SocketException("Socket closed")); // gives this trial back
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(health.tryTrial(zonal)).isTrue();
    assertThat(health.tryTrial(zonal)).isFalse();
    assertThat(health.tryTrial(zonal)).isFalse();
  }

  @Test
  void aSuccessOnAnOpenAddressClosesItWithoutWaitingForATrial() {
    open();
    health.success(https, Duration.ofMillis(1));
    assertThat(health.state(https)).isEqualTo(BreakerState.CLOSED);
    assertThat(health.isHealthy(zonal)).isTrue();
  }

  @Test
  void breakersOfAnAddressThatLeftEveryRouteArePrunedAfterTheGracePeriod() {
    open();
    InetAddress other = FakeNameResolver.ip("127.0.1.9");
    health.routed("payments", List.of(zonal));
    health.routed("orders", List.of(other));
    assertThat(health.isRouted(zonal)).as("still in the payments route").isTrue();
    health.routed("payments", List.of(other));
    clock.advance(Duration.ofMinutes(9));
    assertThat(health.states()).containsKey(https);
    assertThat(health.isRouted(zonal)).as("in its grace period").isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(health.states()).doesNotContainKey(https);
    assertThat(health.isRouted(zonal)).isFalse();
    assertThat(health.isHealthy(zonal)).isTrue();
  }

  @Test
  void anAddressThatReturnsWithinTheGraceKeepsItsBreaker() {
    open();
    health.routed("orders", Set.of());
    clock.advance(Duration.ofMinutes(5));
    health.routed("orders", List.of(zonal));
    clock.advance(Duration.ofMinutes(20));
    assertThat(health.states()).containsEntry(https, BreakerState.OPEN);
  }

  @Test
  void theAdaptiveDeadlineFollowsTheConnectTimeWithinTheCallersTimeout() {
    health.routed("orders", List.of(zonal, otherZone));
    Duration caller = Duration.ofSeconds(2);
    assertThat(health.connectTimeout(https, caller)).as("no estimate yet").isEqualTo(caller);
    for (int i = 0; i < 20; i++) {
      health.success(https, Duration.ofMillis(1));
    }
    assertThat(health.connectTimeout(https, caller)).as("the floor").isEqualTo(ConnectTimeEstimate.FLOOR);
    assertThat(health.connectTimeout(ssh, caller)).as("per socket address").isEqualTo(caller);
    for (int i = 0; i < 20; i++) {
      health.success(https, Duration.ofMillis(i % 2 == 0 ? 100 : 300));
    }
    Duration slow = health.connectTimeout(https, caller);
    assertThat(slow).as("mean plus four deviations").isGreaterThan(Duration.ofMillis(300))
        .isLessThan(caller);
    assertThat(health.connectTimeout(https, Duration.ofMillis(200))).as("never above the caller's")
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void theAdaptiveDeadlineCutsAConnectShortOnlyWhenAnotherAddressLooksAbleToServe() {
    InetSocketAddress otherHttps = new InetSocketAddress(otherZone, 443);
    Duration caller = Duration.ofSeconds(2);
    for (int i = 0; i < 20; i++) {
      health.success(https, Duration.ofMillis(1));
    }
    assertThat(health.connectTimeout(https, caller)).as("the route's only address").isEqualTo(caller);

    health.routed("orders", List.of(zonal, otherZone));
    assertThat(health.connectTimeout(https, caller)).as("another address, nothing known against it")
        .isEqualTo(ConnectTimeEstimate.FLOOR);

    health.failure(otherHttps, new ConnectException("Connection refused"));
    assertThat(health.connectTimeout(https, caller)).as("the other address failed last time")
        .isEqualTo(caller);
    for (int i = 0; i < 20; i++) {
      health.success(ssh, Duration.ofMillis(1));
    }
    assertThat(health.connectTimeout(ssh, caller))
        .as("a failure on another port says nothing about this one").isEqualTo(ConnectTimeEstimate.FLOOR);

    health.success(otherHttps, Duration.ofMillis(1));
    assertThat(health.connectTimeout(https, caller)).as("it served again").isEqualTo(ConnectTimeEstimate.FLOOR);

    for (int i = 0; i < 3; i++) {
      health.failure(otherHttps, new ConnectException("Connection refused"));
    }
    assertThat(health.state(otherHttps)).isEqualTo(BreakerState.OPEN);
    assertThat(health.connectTimeout(https, caller)).as("the other address's breaker is open").isEqualTo(caller);
  }

  @Test
  void theAdaptiveDeadlineCanBeTurnedOff() {
    TargetHealth off = health(false);
    off.routed("orders", List.of(zonal, otherZone));
    for (int i = 0; i < 20; i++) {
      off.success(https, Duration.ofMillis(1));
    }
    assertThat(off.connectTimeout(https, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
  }

  /** Moves the clock just past a wait: a breaker admits its trial once the wait is over, not at its end. */
  private void pass(Duration wait) {
    clock.advance(wait.plusMillis(1));
  }

  @Test
  void resilience4jIsSetUpByTheFirstConnectOutcomeNotBeforeIt() {
    TargetHealth fresh = health(true);
    fresh.routed("orders", List.of(zonal));
    assertThat(fresh.isHealthy(zonal)).isTrue();
    assertThat(fresh.tryTrial(zonal)).isFalse();
    assertThat(fresh.states()).isEmpty();
    assertThat(fresh.connectTimeout(https, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(fresh.breakersCreated()).isFalse();

    fresh.failure(https, new ConnectException("refused"));
    assertThat(fresh.breakersCreated()).isTrue();
    fresh.failure(https, new ConnectException("refused"));
    fresh.failure(https, new ConnectException("refused"));
    assertThat(fresh.state(https)).isEqualTo(BreakerState.OPEN); // the settings given at construction apply
    pass(Duration.ofSeconds(5));
    assertThat(fresh.tryTrial(zonal)).isTrue();
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      health.failure(https, new ConnectException("refused"));
    }
    assertThat(health.state(https)).isEqualTo(BreakerState.OPEN);
  }
}
