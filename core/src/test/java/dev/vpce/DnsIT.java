package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** vpce's DNS cache against a real DNS server: TTL expiry, refresh ahead, stale answers on failure. */
class DnsIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .dnsTtl(Duration.ofSeconds(1)));

  PrivateLink start(LocalPrivateLink kit, Duration staleLimit) {
    return PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(kit.endpoint().regionalDnsName()).build())
        .placement(Placement.UNKNOWN)
        .nameResolver(KitSupport.dns(kit))
        .staleAnswerLimit(staleLimit)
        .build();
  }

  @Test
  void refreshesAheadOfExpiryWithoutAnyoneAsking(LocalPrivateLink kit) throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    try (PrivateLink pl = start(kit, Duration.ofMinutes(5))) {
      pl.resolve(HOST);
      long first = kit.dns().queries(regional);
      await().atMost(Duration.ofSeconds(10)).until(() -> kit.dns().queries(regional) >= first + 3);
    }
  }

  @Test
  void followsAChangedAnswerOnceTheOldOneExpires(LocalPrivateLink kit) throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    try (PrivateLink pl = start(kit, Duration.ofMinutes(5))) {
      assertThat(pl.resolve(HOST)).hasSize(3);
      InetAddress b = kit.endpoint().zone("us-east-1b").ip();
      kit.dns().answer(regional, b);
      await().atMost(Duration.ofSeconds(10)).until(() -> pl.resolve(HOST).equals(List.of(b)));
    }
  }

  @Test
  void servesTheLastGoodAnswerWhileDnsFailsThenGivesUpAfterTheStaleLimitAndRecovers(LocalPrivateLink kit)
      throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    try (PrivateLink pl = start(kit, Duration.ofSeconds(4))) {
      List<InetAddress> good = pl.resolve(HOST);
      kit.dns().fault(regional, DnsFault.SERVFAIL);
      long before = kit.dns().queries(regional);
      await().atMost(Duration.ofSeconds(10)).until(() -> kit.dns().queries(regional) > before);
      // no placement here, so routes are regional and spread: the same addresses, in a rotated order
      assertThat(pl.resolve(HOST)).as("stale, within the limit").containsExactlyInAnyOrderElementsOf(good);

      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThatThrownBy(() -> pl.resolve(HOST))
          .isInstanceOf(EndpointUnavailableException.class).hasMessageContaining(regional));

      kit.dns().clear(regional);
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .untilAsserted(() -> assertThat(pl.resolve(HOST)).containsExactlyInAnyOrderElementsOf(good));
    }
  }

  @Test
  void aTimeoutIsAFailureLikeServfail(LocalPrivateLink kit) throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    try (PrivateLink pl = start(kit, Duration.ofMinutes(5))) {
      List<InetAddress> good = pl.resolve(HOST);
      kit.dns().fault(regional, DnsFault.TIMEOUT);
      long before = kit.dns().queries(regional);
      await().atMost(Duration.ofSeconds(10)).until(() -> kit.dns().queries(regional) > before + 1);
      assertThat(pl.resolve(HOST)).containsExactlyInAnyOrderElementsOf(good);
    }
  }
}
