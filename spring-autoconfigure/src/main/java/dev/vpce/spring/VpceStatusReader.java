package dev.vpce.spring;

import dev.vpce.BindingState;
import dev.vpce.PrivateLink;

/**
 * The one place the starter reads vpce's state (health, the Actuator endpoint): a view of
 * {@link PrivateLink#status()}. It never does network I/O and never waits for start-up, so a binding still
 * {@link BindingState#STARTING} is reported as such while the application starts. Its methods name no type but
 * {@link VpceStatus}: Spring introspects a bean's class when it creates the bean, which loads every type in its
 * method signatures, so the mapping from vpce's status types is {@code VpceStatus}'s, and the types only it
 * needs load on the first read rather than at start-up.
 */
public final class VpceStatusReader {
  private final PrivateLink privateLink;

  /** @param privateLink the {@code PrivateLink} whose {@link PrivateLink#status()} is read */
  public VpceStatusReader(PrivateLink privateLink) {
    this.privateLink = privateLink;
  }

  /**
   * What the health indicator shows.
   *
   * @return the placement, and per binding its state, endpoint, route and breakers; no DNS answers
   */
  public VpceStatus read() {
    return VpceStatus.of(privateLink.status(), false);
  }

  /**
   * What the {@code vpce} Actuator endpoint shows.
   *
   * @return as {@link #read()}, plus the DNS answers vpce holds for each binding's names and their ages
   */
  public VpceStatus readWithDns() {
    return VpceStatus.of(privateLink.status(), true);
  }
}
