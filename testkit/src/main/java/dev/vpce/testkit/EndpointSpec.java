package dev.vpce.testkit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one emulated interface endpoint looks: the configuration half of {@link EmulatedEndpoint}, filled
 * in by the consumer passed to {@link LocalPrivateLink.Builder#endpoint}. Unset values get defaults
 * derived from the service name, so two runs build the same world.
 */
public final class EndpointSpec {
  final String serviceName;
  String id;
  String vpcId;
  String type = "Interface";
  String state = "available";
  String privateDnsName;
  String dnsSuffix;
  String ownerAccountId;
  final List<String> zones = new ArrayList<>();
  final Map<String, String> addresses = new LinkedHashMap<>();
  final Map<String, String> ipv6Addresses = new LinkedHashMap<>();
  String ipAddressType = "ipv4";
  String dnsRecordIpType;
  InetSocketAddress target;

  EndpointSpec(String serviceName) {
    this.serviceName = serviceName;
  }

  /**
   * The endpoint ID, {@code vpce-} and 17 (or, for old IDs, 8) hex digits.
   *
   * @param id the endpoint ID
   * @return this spec
   */
  public EndpointSpec id(String id) {
    this.id = id;
    return this;
  }

  /**
   * The VPC the endpoint lives in; defaults to the kit's VPC.
   *
   * @param vpcId a VPC ID
   * @return this spec
   */
  public EndpointSpec vpcId(String vpcId) {
    this.vpcId = vpcId;
    return this;
  }

  /**
   * The endpoint type as on the wire: {@code Interface} (the default), {@code Gateway}, …
   *
   * @param type the endpoint type
   * @return this spec
   */
  public EndpointSpec type(String type) {
    this.type = type;
    return this;
  }

  /**
   * The state as on the wire, lower camel case: {@code available} (the default), {@code pendingAcceptance}, …
   *
   * @param state the wire state
   * @return this spec
   */
  public EndpointSpec state(String state) {
    this.state = state;
    return this;
  }

  /**
   * A private DNS name that resolves, like the regional name, to every zone's address.
   *
   * @param privateDnsName the name, for example {@code orders.internal.example.com}, or null for none
   * @return this spec
   */
  public EndpointSpec privateDnsName(String privateDnsName) {
    this.privateDnsName = privateDnsName;
    return this;
  }

  /**
   * The 8-character random part AWS adds to the endpoint ID in its DNS names.
   *
   * @param dnsSuffix 8 lower-case letters and digits
   * @return this spec
   */
  public EndpointSpec dnsSuffix(String dnsSuffix) {
    this.dnsSuffix = dnsSuffix;
    return this;
  }

  /**
   * The account that owns the endpoint (and whose AZ names its zonal DNS names carry).
   *
   * @param ownerAccountId a 12-digit account ID the kit knows
   * @return this spec
   */
  public EndpointSpec ownerAccountId(String ownerAccountId) {
    this.ownerAccountId = ownerAccountId;
    return this;
  }

  /**
   * The zones the endpoint has a subnet in, by AZ name in the owner's account; defaults to every zone.
   *
   * @param zoneNames AZ names in the owner's account; each must be a zone of the kit
   * @return this spec
   */
  public EndpointSpec zones(String... zoneNames) {
    zones.clear();
    zones.addAll(List.of(zoneNames));
    return this;
  }

  /**
   * The ENI address in one zone; defaults to {@code 127.0.<endpoint number>.<zone number>}.
   *
   * @param zoneName an AZ name in the owner's account
   * @param loopbackIpv4 an address in 127.0.0.0/8
   * @return this spec
   */
  public EndpointSpec address(String zoneName, String loopbackIpv4) {
    addresses.put(zoneName, loopbackIpv4);
    return this;
  }

  /**
   * The IPv6 address of the ENI in one zone; only {@code ::1}, the one IPv6 loopback address, so at most one
   * zone of the kit has one. Its names answer AAAA queries with it when the endpoint's
   * {@link #dnsRecordIpType} carries AAAA records. No zone front listens on it.
   *
   * @param zoneName an AZ name in the owner's account
   * @param loopbackIpv6 the IPv6 address, on loopback
   * @return this spec
   */
  public EndpointSpec ipv6Address(String zoneName, String loopbackIpv6) {
    ipv6Addresses.put(zoneName, loopbackIpv6);
    return this;
  }

  /**
   * The endpoint's {@code ipAddressType} as on the wire: {@code ipv4} (the default), {@code dualstack}, {@code ipv6}.
   *
   * @param ipAddressType the wire value
   * @return this spec
   */
  public EndpointSpec ipAddressType(String ipAddressType) {
    this.ipAddressType = ipAddressType;
    return this;
  }

  /**
   * The endpoint's {@code dnsOptions.dnsRecordIpType} as on the wire: {@code ipv4} (A records), {@code ipv6}
   * (AAAA), {@code dualstack} (both) or {@code service-defined} (both for the regional and zonal names, A for
   * the private name); defaults to the {@link #ipAddressType}.
   *
   * @param dnsRecordIpType the wire value
   * @return this spec
   */
  public EndpointSpec dnsRecordIpType(String dnsRecordIpType) {
    this.dnsRecordIpType = dnsRecordIpType;
    return this;
  }

  /**
   * Where healthy zone fronts forward connections: the real server under test.
   *
   * @param target the server's address, or null for none yet
   * @return this spec
   */
  public EndpointSpec target(InetSocketAddress target) {
    this.target = target;
    return this;
  }
}
