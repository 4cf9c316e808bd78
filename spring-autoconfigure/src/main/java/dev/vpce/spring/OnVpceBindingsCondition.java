package dev.vpce.spring;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code vpce.bindings.*} entry is configured. It looks at the property names
 * only (as the {@code Binder} does to find a map's keys) and converts no value: binding the entries as objects
 * here would set up Spring's property editors on the start-up thread for nothing.
 */
final class OnVpceBindingsCondition extends SpringBootCondition {
  private static final ConfigurationPropertyName BINDINGS = ConfigurationPropertyName.of("vpce.bindings");

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Set<String> bindings = new TreeSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
      if (source instanceof IterableConfigurationPropertySource names) {
        for (ConfigurationPropertyName name : names) {
          if (BINDINGS.isAncestorOf(name)) {
            bindings.add(name.getElement(BINDINGS.getNumberOfElements(), ConfigurationPropertyName.Form.ORIGINAL));
          }
        }
      }
    }
    return bindings.isEmpty() ? ConditionOutcome.noMatch("no vpce.bindings are configured")
        : ConditionOutcome.match("vpce.bindings " + bindings);
  }
}
