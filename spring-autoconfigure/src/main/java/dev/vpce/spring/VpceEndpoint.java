package dev.vpce.spring;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code vpce} Actuator endpoint: what the health indicator shows, plus the DNS answers vpce holds for
 * each binding's names (addresses, TTL, age, stale), from {@code PrivateLink.status()}: no lookups. Expose it with {@code management.endpoints.web.exposure.include=vpce}.
 */
@Endpoint(id = "vpce")
public class VpceEndpoint {
  private final VpceStatusReader status;

  /** @param status where the endpoint reads vpce's state (the same reader the health indicator uses) */
  public VpceEndpoint(VpceStatusReader status) {
    this.status = status;
  }

  /**
   * Answers {@code GET /actuator/vpce}. Never waits on the network: it shows what vpce holds.
   *
   * @return the placement, and per binding its state, endpoint, tier, route, breakers and DNS answers
   */
  @ReadOperation
  public VpceStatus status() {
    return status.readWithDns();
  }
}
