package dev.vpce;

import java.util.List;
import java.util.Map;

/**
 * An interface endpoint as discovery found it (or as a static binding describes it).
 *
 * @param id              the endpoint ID ({@code vpce-…}), or null for a static binding
 * @param serviceName     the service name, or null for a static binding
 * @param vpcId           the VPC, or null when not known
 * @param state           the state as on the wire: {@code available}, {@code pendingAcceptance}, …
 * @param ownerId         the account that owns the endpoint, or null
 * @param regionalDnsName the regional DNS name
 * @param zonalDnsNames   zonal DNS names by zone: the AZ name embedded in the name (the owner's naming),
 *                        or, for static bindings, the AZ name or AZ ID the user gave
 * @param privateDnsName  the private DNS name, or null
 * @param interfaces      the endpoint's network interfaces with their zones, when known (may be empty)
 */
public record Endpoint(String id, String serviceName, String vpcId, String state, String ownerId,
    String regionalDnsName, Map<String, String> zonalDnsNames, String privateDnsName, List<Eni> interfaces) {

  public Endpoint {
    zonalDnsNames = Map.copyOf(zonalDnsNames);
    interfaces = List.copyOf(interfaces);
  }

  /** Whether the endpoint routes traffic: only {@code available} does. */
  public boolean isAvailable() {
    return "available".equalsIgnoreCase(state);
  }

  /**
   * One network interface of the endpoint.
   *
   * @param id        the ENI ID
   * @param privateIp its private IPv4 address
   * @param zoneName  its AZ name in the caller's account
   * @param zoneId    its AZ ID
   */
  public record Eni(String id, String privateIp, String zoneName, String zoneId) {}
}
