package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mock.env.MockEnvironment;

class OnVpceBindingsConditionTest {
  @Test
  void matchesWhenABindingIsConfiguredAndNamesIt() {
    assertThat(outcome(new MockEnvironment()).isMatch()).isFalse();
    assertThat(outcome(new MockEnvironment().withProperty("vpce.enabled", "true")).isMatch()).isFalse();
    assertThat(outcome(new MockEnvironment().withProperty("vpce.bindingsx.orders.host", Props.HOST)).isMatch())
        .isFalse();

    ConditionOutcome two = outcome(new MockEnvironment().withProperty("vpce.bindings.orders.host", Props.HOST)
        .withProperty("vpce.bindings[ledger-db].host", "ledger-db.corp.example.com"));
    assertThat(two.isMatch()).isTrue();
    assertThat(two.getMessage()).isEqualTo("vpce.bindings [ledger-db, orders]");
  }

  @Test
  void seesBindingsGivenAsEnvironmentVariables() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.of("VPCE_BINDINGS_ORDERS_HOST", Props.HOST)));
    ConditionOutcome o = outcome(env);
    assertThat(o.isMatch()).isTrue();
    assertThat(o.getMessage()).isEqualTo("vpce.bindings [orders]");
  }

  private static ConditionOutcome outcome(Environment env) {
    return new OnVpceBindingsCondition().getMatchOutcome(new ConditionContext() {
      @Override
      public BeanDefinitionRegistry getRegistry() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ConfigurableListableBeanFactory getBeanFactory() {
        return null;
      }

      @Override
      public Environment getEnvironment() {
        return env;
      }

      @Override
      public ResourceLoader getResourceLoader() {
        return null;
      }

      @Override
      public ClassLoader getClassLoader() {
        return OnVpceBindingsConditionTest.class.getClassLoader();
      }
    }, null);
  }
}
