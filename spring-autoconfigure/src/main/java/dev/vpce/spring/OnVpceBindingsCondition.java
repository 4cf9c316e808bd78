package dev.vpce.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one {@code vpce.bindings.*} entry is configured. */
final class OnVpceBindingsCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> bindings = Binder.get(context.getEnvironment())
        .bind("vpce.bindings", Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
    return bindings.isEmpty() ? ConditionOutcome.noMatch("no vpce.bindings are configured")
        : ConditionOutcome.match("vpce.bindings " + bindings.keySet());
  }
}
