package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.FakeNameResolver;
import dev.vpce.MutableClock;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

class TargetHealthTest {
  final MutableClock clock = new MutableClock();
  final List<String> transitions = new ArrayList<>();
  final TargetHealth health = new TargetHealth(3, Duration.ofSeconds(5), Duration.ofSeconds(20),
      Duration.ofSeconds(10), clock, (a, from, to) -> transitions.add(a.getHostAddress() + " " + from + "->" + to));
  final InetAddress zonal = FakeNameResolver.ip("127.0.1.1");

  @Test
  void opensAfterThreeFailedConnectsInARowNotAHundred() {
    health.failure(zonal, new ConnectException("Connection refused"));
    health.failure(zonal, new SocketTimeoutException("connect timed out"));
    assertThat(health.isHealthy(zonal)).isTrue();
    health.failure(zonal, new SSLHandshakeException("Remote host terminated the handshake"));
    assertThat(health.isHealthy(zonal)).isFalse();
    assertThat(health.state(zonal)).isEqualTo("OPEN");
    assertThat(transitions).containsExactly("127.0.1.1 CLOSED->OPEN");
  }

  @Test
  void aSuccessInBetweenKeepsItClosed() {
    health.failure(zonal, new ConnectException("refused"));
    health.failure(zonal, new ConnectException("refused"));
    health.success(zonal);
    health.failure(zonal, new ConnectException("refused"));
    assertThat(health.isHealthy(zonal)).isTrue();
  }

  @Test
  void hostnameFailuresCertificateProblemsAndCancelledAttemptsDoNotCount() {
    for (int i = 0; i < 5; i++) {
      assertThat(health.failure(zonal, new SSLPeerUnverifiedException("Hostname wrong.example.test not verified")))
          .isFalse();
      SSLHandshakeException badCert = new SSLHandshakeException("No subject alternative DNS name matching x found.");
      badCert.initCause(new CertificateException("No subject alternative DNS name matching x found."));
      assertThat(health.failure(zonal, badCert)).isFalse();
      assertThat(health.failure(zonal, new SocketException("Socket closed"))).isFalse();
      assertThat(health.failure(zonal, new InterruptedIOException("cancelled"))).isFalse();
    }
    assertThat(health.isHealthy(zonal)).isTrue();
    assertThat(health.failure(zonal, new EOFException("SSL peer shut down incorrectly"))).isTrue();
  }

  @Test
  void allowsExactlyOneTrialOnceTheWaitHasPassedAndClosesOnSuccess() {
    open();
    assertThat(health.tryTrial(zonal)).as("still waiting").isFalse();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    assertThat(health.state(zonal)).isEqualTo("HALF_OPEN");
    assertThat(health.tryTrial(zonal)).as("one trial at a time").isFalse();
    health.success(zonal);
    assertThat(health.isHealthy(zonal)).isTrue();
    assertThat(transitions).containsExactly("127.0.1.1 CLOSED->OPEN", "127.0.1.1 OPEN->HALF_OPEN",
        "127.0.1.1 HALF_OPEN->CLOSED");
  }

  @Test
  void aFailedTrialReopensWithADoubledWaitUpToTheCap() {
    open();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(zonal, new ConnectException("refused"));
    assertThat(health.state(zonal)).isEqualTo("OPEN");
    clock.advance(Duration.ofSeconds(9));
    assertThat(health.tryTrial(zonal)).as("the second wait is 10 s").isFalse();
    pass(Duration.ofSeconds(1));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(zonal, new ConnectException("refused"));
    pass(Duration.ofSeconds(20));
    assertThat(health.tryTrial(zonal)).as("20 s").isTrue();
    health.failure(zonal, new ConnectException("refused"));
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
  }

  @Test
  void anIgnoredFailureGivesTheTrialBack() {
    open();
    pass(Duration.ofSeconds(5));
    assertThat(health.tryTrial(zonal)).isTrue();
    health.failure(zonal, new SSLPeerUnverifiedException("Hostname not verified"));
    assertThat(health.tryTrial(zonal)).isTrue();
  }

  /** Moves the clock just past a wait: a breaker admits its trial once the wait is over, not at its end. */
  private void pass(Duration wait) {
    clock.advance(wait.plusMillis(1));
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      health.failure(zonal, new ConnectException("refused"));
    }
    assertThat(health.state(zonal)).isEqualTo("OPEN");
  }
}
