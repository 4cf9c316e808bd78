package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build points the system's name servers, as vpce's default resolver reads them, at a loopback port where
 * nothing answers ({@code -Ddns.server} in the root POM), so a test that forgets to name the kit's DNS server
 * cannot send a query off the machine.
 */
class TestJvmDnsTest {
  @Test
  void theDefaultResolverOfATestJvmAsksOnlyLoopback() {
    assertThat(NameResolver.system()).hasToString("dns[/127.0.0.1:9]");
  }
}
