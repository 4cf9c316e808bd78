package dev.vpce;

import java.net.InetAddress;
import java.util.List;

/**
 * The ordered addresses for one binding at one moment: the local zone's healthy addresses first, then the
 * other healthy ones, then those whose breakers (one per port) are all open or half-open. When the local
 * zone has no healthy address, a binding has one route per rotation of its healthy other addresses, and
 * each new connection gets one of them at random, so that fallback spreads over the other zones.
 * Immutable.
 */
public final class Route {
  private final String host;
  private final List<InetAddress> addresses;
  private final RouteTier tier;
  private final String localZone;
  private final boolean failOpen;

  /**
   * @param host      the binding's hostname
   * @param addresses the addresses, best first; never empty
   * @param tier      where the first address sits
   * @param localZone the local zone this route prefers, or null when there is none
   * @param failOpen  whether every address's breaker is open and all are returned anyway
   */
  public Route(String host, List<InetAddress> addresses, RouteTier tier, String localZone, boolean failOpen) {
    this.host = host;
    this.addresses = List.copyOf(addresses);
    this.tier = tier;
    this.localZone = localZone;
    this.failOpen = failOpen;
  }

  /**
   * The binding's hostname.
   *
   * @return the hostname, as configured
   */
  public String host() {
    return host;
  }

  /**
   * The addresses, best first; never empty.
   *
   * @return an immutable list, best first; never empty
   */
  public List<InetAddress> addresses() {
    return addresses;
  }

  /**
   * Where the first address sits.
   *
   * @return the tier of the first address
   */
  public RouteTier tier() {
    return tier;
  }

  /**
   * The local zone this route prefers (AZ name or ID), or null when there is none.
   *
   * @return the AZ name or AZ ID, or null
   */
  public String localZone() {
    return localZone;
  }

  /**
   * Whether every address's breaker is open and all are returned anyway.
   *
   * @return true when the route is fail-open
   */
  public boolean failOpen() {
    return failOpen;
  }

  @Override
  public String toString() {
    return "Route{" + host + " " + tier + (failOpen ? " fail-open" : "") + " " + addresses + "}";
  }
}
