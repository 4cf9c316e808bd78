package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class VpceBackgroundPreinitializerTest {
  @Test
  void warmsUpOnlyWhenVpceHasBindingsAndIsEnabled() {
    assertThat(VpceBackgroundPreinitializer.configured(new MockEnvironment())).isFalse();
    MockEnvironment bound = new MockEnvironment().withProperty("vpce.bindings.orders.host", Props.HOST);
    assertThat(VpceBackgroundPreinitializer.configured(bound)).isTrue();
    assertThat(VpceBackgroundPreinitializer.configured(bound.withProperty("vpce.enabled", "false"))).isFalse();
  }
}
