package dev.vpce.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a binding without a route when {@code vpce.startup.wait-for-bindings} is on. */
public final class VpceStartupFailureAnalyzer extends AbstractFailureAnalyzer<VpceStartupException> {
  /** Created by Boot from {@code META-INF/spring.factories}. */
  public VpceStartupFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, VpceStartupException cause) {
    String why = cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage();
    return new FailureAnalysis("vpce binding " + cause.host() + " has no route, and start-up waits for every binding "
        + "(vpce.startup.wait-for-bindings=true):\n\n" + why,
        "Fix the endpoint as the message says, or set vpce.startup.wait-for-bindings=false to start anyway (requests "
            + "to " + cause.host() + " then fail until the endpoint is available).", cause);
  }
}
