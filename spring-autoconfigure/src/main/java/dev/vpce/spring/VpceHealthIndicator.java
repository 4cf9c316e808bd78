package dev.vpce.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every binding has a route; DOWN, with the endpoint state's message, when one has none. Details:
 * placement and its source, and for each binding its endpoint ID, state, tier and the breaker state of each
 * address of its route.
 */
public class VpceHealthIndicator implements HealthIndicator {
  private final VpceStatusReader status;

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
