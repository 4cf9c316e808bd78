package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsAnswerTest {
  @Test
  void aDualStackAnswerTakesTheTtlOfTheFamilyWithAddressesAndTheSmallerWhenBothOrNeitherHave() throws Exception {
    DnsAnswer v4 = new DnsAnswer(List.of(InetAddress.getByName("10.0.0.1")), Duration.ofSeconds(60));
    DnsAnswer v6 = new DnsAnswer(List.of(InetAddress.getByName("::1")), Duration.ofSeconds(30));
    DnsAnswer noV4 = new DnsAnswer(List.of(), Duration.ofSeconds(20));
    DnsAnswer noV6 = new DnsAnswer(List.of(), Duration.ofSeconds(900));
    assertThat(DnsAnswer.ofFamilies(v4, v6).ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(DnsAnswer.ofFamilies(v4, noV6).ttl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(DnsAnswer.ofFamilies(noV4, v6).ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(DnsAnswer.ofFamilies(noV4, noV6).ttl()).as("two negative TTLs: the smaller").isEqualTo(
        Duration.ofSeconds(20));
    assertThat(DnsAnswer.ofFamilies(noV6, noV4).ttl()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aWireTtlWithTheTopBitSetIsZero() {
    assertThat(DnsAnswer.wireTtl(60)).isEqualTo(60);
    assertThat(DnsAnswer.wireTtl(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(DnsAnswer.wireTtl(0x8000_012CL)).isZero();
  }
}
