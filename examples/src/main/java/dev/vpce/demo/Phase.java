package dev.vpce.demo;

/** The demo's phases, in order; each sets the world up at its start. */
public enum Phase {
  HEALTHY("healthy"),
  REFUSING("zone a refusing"),
  BLACKHOLED("zone a blackholed"),
  HEALED("zone a healed"),
  PENDING("endpoint briefly pending"),
  DNS_DOWN("DNS down");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether the client's own zone is healthy in this phase, so a request served elsewhere crossed zones needlessly. */
  boolean localZoneHealthy() {
    return this != REFUSING && this != BLACKHOLED;
  }
}
