package dev.vpce.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad {@code vpce.*} property at start-up: the key, the value, what is wrong and the fix. */
public final class VpceConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<VpceConfigurationException> {
  /** Created by Boot from {@code META-INF/spring.factories}. */
  public VpceConfigurationFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, VpceConfigurationException cause) {
    String description = "vpce could not start: the property " + cause.property() + " has the value '"
        + cause.value() + "', which vpce cannot use.\n\n" + cause.getMessage();
    return new FailureAnalysis(description, "Change " + cause.property() + ": " + cause.fix(), cause);
  }
}
