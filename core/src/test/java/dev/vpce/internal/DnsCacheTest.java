package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.FakeNameResolver;
import dev.vpce.IpAddressType;
import dev.vpce.MutableClock;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsCacheTest {
  static final String NAME = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeNameResolver resolver = new FakeNameResolver().answer(NAME, Duration.ofSeconds(60), "127.0.1.1",
      "127.0.1.2");
  final List<String> changes = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  final DnsCache cache = new DnsCache(resolver, clock, scheduler, Duration.ofSeconds(120),
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new java.util.Random(7)), changes::add,
      (n, e) -> failures.add(e.getMessage()));

  @Test
  void expiresAtReceiveTimePlusTtlAndRefreshesAhead() throws IOException {
    assertThat(cache.track(NAME)).extracting(a -> a.getHostAddress()).containsExactly("127.0.1.1", "127.0.1.2");
    assertThat(cache.expiresAt(NAME)).isEqualTo(clock.instant().plusSeconds(60));
    assertThat(resolver.queries(NAME)).isEqualTo(1);

    scheduler.advance(Duration.ofSeconds(44));
    assertThat(resolver.queries(NAME)).as("not yet: refresh at 75% of the TTL").isEqualTo(1);
    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.3");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(resolver.queries(NAME)).isEqualTo(2);
    assertThat(cache.addresses(NAME)).extracting(a -> a.getHostAddress()).containsExactly("127.0.1.3");
    assertThat(changes).containsExactly(NAME, NAME);
  }

  @Test
  void readersNeverTriggerALookup() throws IOException {
    cache.track(NAME);
    for (int i = 0; i < 100; i++) {
      cache.addresses(NAME);
    }
    cache.track(NAME);
    assertThat(resolver.queries(NAME)).isEqualTo(1);
  }

  @Test
  void servesTheLastGoodAnswerWhileRefreshesFailThenDropsItAfterTheStaleLimit() throws IOException {
    cache.track(NAME);
    resolver.fail(NAME, new IOException("SERVFAIL"));
    scheduler.advance(Duration.ofSeconds(60 + 119));
    assertThat(cache.addresses(NAME)).as("stale but within the limit").hasSize(2);
    assertThat(failures).isNotEmpty().allMatch(m -> m.equals("SERVFAIL"));
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(cache.addresses(NAME)).as("past expiry + stale limit").isEmpty();
    assertThat(changes).endsWith(NAME);

    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.1");
    scheduler.advance(Duration.ofSeconds(31));
    assertThat(cache.addresses(NAME)).as("a later refresh recovers it").hasSize(1);
  }

  @Test
  void anEmptyNodataAnswerKeepsTheLastAnswerWithinTheStaleLimitLikeAFailure() throws IOException {
    cache.track(NAME);
    resolver.answer(NAME, Duration.ZERO);
    scheduler.advance(Duration.ofSeconds(45));
    assertThat(resolver.queries(NAME)).isEqualTo(2);
    assertThat(cache.addresses(NAME)).as("not replaced by the empty answer").hasSize(2);
    assertThat(changes).containsExactly(NAME);
    assertThat(failures).singleElement().asString().contains("NODATA");

    scheduler.advance(Duration.ofSeconds(60 + 120 - 45 + 1));
    assertThat(cache.addresses(NAME)).as("past expiry + stale limit").isEmpty();
    assertThat(changes).containsExactly(NAME, NAME);

    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.2");
    scheduler.advance(Duration.ofSeconds(31));
    assertThat(cache.addresses(NAME)).extracting(a -> a.getHostAddress()).containsExactly("127.0.1.2");
  }

  @Test
  void aNameWithoutRecordsIsAskedAgainWhenThreeQuartersOfItsNegativeTtlAreGone() throws IOException {
    resolver.answer(NAME, Duration.ofSeconds(8)); // NODATA with an SOA that gives 8 s (RFC 2308)
    assertThat(cache.track(NAME)).isEmpty();
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(resolver.queries(NAME)).as("not before 6 s").isEqualTo(1);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(resolver.queries(NAME)).isEqualTo(2);
    assertThat(failures).as("an empty answer to a name that never had one is no failure").isEmpty();
  }

  @Test
  void aLongNegativeTtlStillAsksEveryThirtySecondsSoRecordsThatAppearAreUsed() throws IOException {
    resolver.answer(NAME, Duration.ofSeconds(900));
    assertThat(cache.track(NAME)).isEmpty();
    scheduler.advance(Duration.ofSeconds(29));
    assertThat(resolver.queries(NAME)).isEqualTo(1);
    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.9");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(resolver.queries(NAME)).isEqualTo(2);
    assertThat(cache.addresses(NAME)).extracting(a -> a.getHostAddress()).containsExactly("127.0.1.9");
    assertThat(changes).containsExactly(NAME);
  }

  @Test
  void aFailureAfterEmptyAnswersWithANegativeTtlBacksOffAfreshNotFromTheirCount() throws IOException {
    resolver.answer(NAME, Duration.ofSeconds(4)); // asked every 3 s
    cache.track(NAME);
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(resolver.queries(NAME)).isEqualTo(11);
    resolver.fail(NAME, new IOException("timed out"));
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(resolver.queries(NAME)).as("the failed refresh").isEqualTo(12);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(resolver.queries(NAME)).as("first retry after a second, as after any first failure").isEqualTo(13);
  }

  @Test
  void anEmptyAnswerWithoutANegativeTtlIsAskedAgainWithBackOffNotEverySecond() throws IOException {
    resolver.answer(NAME, Duration.ZERO); // NODATA from a server that sent no SOA
    assertThat(cache.track(NAME)).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(resolver.queries(NAME)).as("the first retry after a second").isEqualTo(2);
    scheduler.advance(Duration.ofSeconds(119));
    assertThat(resolver.queries(NAME)).as("backing off: far fewer than one a second").isBetween(4, 15);
    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.9");
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(cache.addresses(NAME)).as("never more than 30 s apart").hasSize(1);
  }

  @Test
  void asksForTheRecordTypesOfTheEndpoint() throws IOException {
    resolver.answer(NAME, Duration.ofSeconds(60), "127.0.1.1", "::1");
    assertThat(cache.track(NAME, IpAddressType.IPV6)).extracting(a -> a.getHostAddress())
        .containsExactly("0:0:0:0:0:0:0:1");
    assertThat(cache.lookupOnce(NAME, IpAddressType.IPV4).addresses()).extracting(a -> a.getHostAddress())
        .containsExactly("127.0.1.1");
    assertThat(cache.lookupOnce(NAME, IpAddressType.DUALSTACK).addresses()).hasSize(2);
  }

  @Test
  void aFirstResolutionThatFailsIsThrown() {
    assertThatThrownBy(() -> cache.track("missing.example.com")).isInstanceOf(UnknownHostException.class);
  }

  @Test
  void forgettingANameStopsItsRefreshes() throws IOException {
    cache.track(NAME);
    cache.forget(NAME);
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(resolver.queries(NAME)).isEqualTo(1);
    assertThat(cache.addresses(NAME)).isEmpty();
  }
}
