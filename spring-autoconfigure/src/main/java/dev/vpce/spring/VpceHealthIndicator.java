package dev.vpce.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every binding is {@code ROUTED}; DOWN otherwise, with the binding's last error (the endpoint
 * state's message, a failed discovery) when there is one. Details: placement and its source, and for each
 * binding its lifecycle state, endpoint ID and state, tier, route and the breaker state of each socket address.
 * Answers at once from {@code PrivateLink.status()}: during start-up a binding still {@code STARTING} is
 * reported (DOWN), not waited for.
 */
public class VpceHealthIndicator implements HealthIndicator {
  private final VpceStatusReader status;

  /** @param status where the indicator reads vpce's state */
  public VpceHealthIndicator(VpceStatusReader status) {
    this.status = status;
  }

  @Override
  public Health health() {
    VpceStatus s = status.read();
    Health.Builder h = s.up() ? Health.up() : Health.down();
    h.withDetail("placement", s.placement());
    s.bindings().forEach((host, b) -> h.withDetail(host, b));
    return h.build();
  }
}
