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
 * @param dnsRecordIpType which record types its DNS names carry (A, AAAA or both); {@link IpAddressType#IPV4}
 *                        when null
 */
public record Endpoint(String id, String serviceName, String vpcId, String state, String ownerId,
    String regionalDnsName, Map<String, String> zonalDnsNames, String privateDnsName, List<Eni> interfaces,
    IpAddressType dnsRecordIpType) {

  /**
   * Copies the map and the list; a null {@code dnsRecordIpType} becomes {@link IpAddressType#IPV4}.
   *
   * @param id the endpoint ID, or null for a static binding
   * @param serviceName the service name, or null for a static binding
   * @param vpcId the VPC, or null when not known
   * @param state the state as on the wire
   * @param ownerId the owning account, or null
   * @param regionalDnsName the regional DNS name
   * @param zonalDnsNames zonal DNS names by zone, not null
   * @param privateDnsName the private DNS name, or null
   * @param interfaces the network interfaces, not null (may be empty)
   * @param dnsRecordIpType the record types its names carry, or null for IPv4
   */
  public Endpoint {
    zonalDnsNames = Map.copyOf(zonalDnsNames);
    interfaces = List.copyOf(interfaces);
    dnsRecordIpType = dnsRecordIpType == null ? IpAddressType.IPV4 : dnsRecordIpType;
  }

  /**
   * An IPv4-only endpoint (A records).
   *
   * @param id the endpoint ID, or null for a static binding
   * @param serviceName the service name, or null for a static binding
   * @param vpcId the VPC, or null when not known
   * @param state the state as on the wire
   * @param ownerId the owning account, or null
   * @param regionalDnsName the regional DNS name
   * @param zonalDnsNames zonal DNS names by zone, not null
   * @param privateDnsName the private DNS name, or null
   * @param interfaces the network interfaces, not null (may be empty)
   */
  public Endpoint(String id, String serviceName, String vpcId, String state, String ownerId,
      String regionalDnsName, Map<String, String> zonalDnsNames, String privateDnsName, List<Eni> interfaces) {
    this(id, serviceName, vpcId, state, ownerId, regionalDnsName, zonalDnsNames, privateDnsName, interfaces,
        IpAddressType.IPV4);
  }

  /**
   * Whether the endpoint routes traffic: only {@code available} does.
   *
   * @return true when the state is {@code available} (any case)
   */
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
   * @param ipv6Ip    its IPv6 address, or null (IPv4-only endpoints)
   */
  public record Eni(String id, String privateIp, String zoneName, String zoneId, String ipv6Ip) {

    /**
     * An interface with an IPv4 address only.
     *
     * @param id the ENI ID
     * @param privateIp its private IPv4 address
     * @param zoneName its AZ name in the caller's account
     * @param zoneId its AZ ID
     */
    public Eni(String id, String privateIp, String zoneName, String zoneId) {
      this(id, privateIp, zoneName, zoneId, null);
    }

    /**
     * Its addresses as literals: the IPv4 address, then the IPv6 one, each when it has one.
     *
     * @return an immutable list of one or two address literals; empty when the interface reported none
     */
    public List<String> ips() {
      List<String> out = new java.util.ArrayList<>(2);
      if (privateIp != null) {
        out.add(privateIp);
      }
      if (ipv6Ip != null) {
        out.add(ipv6Ip);
      }
      return List.copyOf(out);
    }
  }
}
