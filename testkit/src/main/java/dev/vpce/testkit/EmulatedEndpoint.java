package dev.vpce.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulated interface endpoint while the kit runs: its identity, its DNS names, its state (which a
 * test may change) and a {@link ZoneFront} for each of its zones. All fronts listen on the same port,
 * as the ENIs of a real endpoint do. Thread-safe.
 */
public final class EmulatedEndpoint {
  private final String serviceName;
  private final String id;
  private final String vpcId;
  private final String type;
  private final String initialState;
  private final String privateDnsName;
  private final String dnsSuffix;
  private final Account owner;
  private final String region;
  private final List<Zone> zones;
  private final Map<String, InetAddress> addressesByZone;
  private final Map<String, InetAddress> ipv6ByZone;
  private final String ipAddressType;
  private final String dnsRecordIpType;
  private final Map<String, ZoneFront> fronts = new LinkedHashMap<>();
  private int port;

  private volatile String state;
  private volatile InetSocketAddress target;

  EmulatedEndpoint(EndpointSpec spec, String region, Account owner, List<Zone> zones,
      Map<String, InetAddress> addressesByZone) {
    this.serviceName = spec.serviceName;
    this.id = spec.id;
    this.vpcId = spec.vpcId;
    this.type = spec.type;
    this.initialState = spec.state;
    this.privateDnsName = spec.privateDnsName;
    this.dnsSuffix = spec.dnsSuffix;
    this.owner = owner;
    this.region = region;
    this.zones = List.copyOf(zones);
    this.addressesByZone = Collections.unmodifiableMap(new LinkedHashMap<>(addressesByZone));
    Map<String, InetAddress> v6 = new LinkedHashMap<>();
    for (Map.Entry<String, String> a : spec.ipv6Addresses.entrySet()) {
      v6.put(a.getKey(), Checks.loopbackV6("endpoint.ipv6Address[" + a.getKey() + "]", a.getValue()));
    }
    this.ipv6ByZone = Collections.unmodifiableMap(v6);
    this.ipAddressType = spec.ipAddressType;
    this.dnsRecordIpType = spec.dnsRecordIpType == null ? spec.ipAddressType : spec.dnsRecordIpType;
    this.state = initialState;
    this.target = spec.target;
  }

  void attach(int port, List<ZoneFront> zoneFronts) {
    this.port = port;
    for (ZoneFront f : zoneFronts) {
      fronts.put(f.zone().name(), f);
    }
  }

  /**
   * The service name, for example {@code com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0}.
   *
   * @return the service name as the EC2 emulator reports it
   */
  public String serviceName() {
    return serviceName;
  }

  /**
   * The endpoint ID, for example {@code vpce-0a1b2c3d4e5f67890}.
   *
   * @return the endpoint ID
   */
  public String id() {
    return id;
  }

  /**
   * The VPC ID.
   *
   * @return the VPC the endpoint sits in
   */
  public String vpcId() {
    return vpcId;
  }

  /**
   * The endpoint type as on the wire ({@code Interface}).
   *
   * @return always {@code Interface}
   */
  public String type() {
    return type;
  }

  /**
   * The account that owns the endpoint.
   *
   * @return the owner account
   */
  public Account owner() {
    return owner;
  }

  /**
   * The current state as on the wire ({@code available}, {@code pendingAcceptance}, …).
   *
   * @return the state the EC2 emulator reports now
   */
  public String state() {
    return state;
  }

  /**
   * Changes the state the EC2 emulator reports from now on, for example to {@code deleting}.
   *
   * @param newState a wire state, for example {@code pending}, {@code rejected} or {@code available}
   * @return this endpoint, for chaining
   */
  public EmulatedEndpoint state(String newState) {
    this.state = LocalPrivateLink.checkState("state", newState);
    return this;
  }

  /**
   * The zones the endpoint has a subnet in, in the owner's AZ names.
   *
   * @return an immutable list of the zones
   */
  public List<Zone> zones() {
    return zones;
  }

  /**
   * The port every zone front listens on.
   *
   * @return the shared port of the zone fronts
   */
  public int port() {
    return port;
  }

  /**
   * The front in a zone, by the owner's AZ name or by AZ ID.
   *
   * @param zoneNameOrId an AZ name in the owner's naming, or an AZ ID
   * @return the zone's front, whose mode and latency tests switch
   * @throws IllegalArgumentException when the endpoint has no subnet in that zone
   */
  public ZoneFront zone(String zoneNameOrId) {
    for (ZoneFront f : fronts.values()) {
      if (f.zone().name().equals(zoneNameOrId) || f.zone().id().equals(zoneNameOrId)) {
        return f;
      }
    }
    throw new IllegalArgumentException("endpoint " + id + " has no zone '" + zoneNameOrId + "'; it has "
        + fronts.keySet());
  }

  /**
   * Every zone front, in zone order.
   *
   * @return an immutable list of the fronts
   */
  public List<ZoneFront> fronts() {
    return List.copyOf(fronts.values());
  }

  /**
   * The ENI address in a zone (owner's AZ name).
   *
   * @param zoneName the owner's AZ name, or an AZ ID
   * @return the IPv4 loopback address of the zone's front
   * @throws IllegalArgumentException when the endpoint has no subnet in that zone
   */
  public InetAddress address(String zoneName) {
    return zone(zoneName).ip();
  }

  /**
   * The ENI addresses in zone order.
   *
   * @return a new list of the IPv4 addresses
   */
  public List<InetAddress> addresses() {
    return new ArrayList<>(addressesByZone.values());
  }

  /**
   * The ENI's IPv6 address in a zone (owner's AZ name), or null when it has none.
   *
   * @param zoneName the owner's AZ name
   * @return the IPv6 address, or null
   */
  public InetAddress ipv6Address(String zoneName) {
    return ipv6ByZone.get(zone(zoneName).zone().name());
  }

  /**
   * The endpoint's {@code ipAddressType} as on the wire.
   *
   * @return {@code ipv4}, {@code dualstack} or {@code ipv6}
   */
  public String ipAddressType() {
    return ipAddressType;
  }

  /**
   * The endpoint's {@code dnsOptions.dnsRecordIpType} as on the wire.
   *
   * @return {@code ipv4}, {@code dualstack}, {@code ipv6} or {@code service-defined}
   */
  public String dnsRecordIpType() {
    return dnsRecordIpType;
  }

  /** The addresses a name of this endpoint answers with: private names get A records only under service-defined. */
  List<InetAddress> records(List<InetAddress> ipv4, List<InetAddress> ipv6, boolean privateName) {
    List<InetAddress> out = new ArrayList<>();
    if (!dnsRecordIpType.equals("ipv6")) {
      out.addAll(ipv4);
    }
    boolean aaaa = dnsRecordIpType.equals("ipv6") || dnsRecordIpType.equals("dualstack")
        || (dnsRecordIpType.equals("service-defined") && !privateName);
    if (aaaa) {
      out.addAll(ipv6);
    }
    return out;
  }

  List<InetAddress> ipv6Addresses() {
    return new ArrayList<>(ipv6ByZone.values());
  }

  /**
   * Where healthy fronts forward to, or null.
   *
   * @return the target, or null while fronts have nowhere to forward (they then close connections and log why)
   */
  public InetSocketAddress target() {
    return target;
  }

  /**
   * Points every zone front at a (new) target; connections already open keep theirs. A target set here is
   * wiring, not a fault: {@link LocalPrivateLink#reset()} keeps it, so a server started once for a test
   * class (in {@code @BeforeAll}) stays behind the fronts for every test.
   *
   * @param newTarget the server behind the endpoint, for example a {@link TlsServer}'s address
   * @return this endpoint, for chaining
   */
  public EmulatedEndpoint target(InetSocketAddress newTarget) {
    this.target = newTarget;
    return this;
  }

  /**
   * The private DNS name, or null.
   *
   * @return the private DNS name, or null when the endpoint has none
   */
  public String privateDnsName() {
    return privateDnsName;
  }

  /**
   * The regional DNS name: {@code <id>-<suffix>.<service>.<region>.vpce.amazonaws.com}.
   *
   * @return the regional DNS name
   */
  public String regionalDnsName() {
    return id + "-" + dnsSuffix + "." + serviceLabel() + "." + region + ".vpce.amazonaws.com";
  }

  /**
   * The zonal DNS name for a zone, which carries the owner's AZ name.
   *
   * @param zoneNameOrId an AZ name in the owner's naming, or an AZ ID
   * @return the zonal DNS name
   * @throws IllegalArgumentException when the endpoint has no subnet in that zone
   */
  public String zonalDnsName(String zoneNameOrId) {
    Zone z = zone(zoneNameOrId).zone();
    return id + "-" + dnsSuffix + "-" + z.name() + "." + serviceLabel() + "." + region + ".vpce.amazonaws.com";
  }

  /**
   * The ENI ID in a zone (derived from the endpoint ID and the AZ ID).
   *
   * @param zoneNameOrId an AZ name in the owner's naming, or an AZ ID
   * @return the ENI ID, for example {@code eni-…}
   * @throws IllegalArgumentException when the endpoint has no subnet in that zone
   */
  public String networkInterfaceId(String zoneNameOrId) {
    return Ids.hex("eni-", 17, id + "/" + zone(zoneNameOrId).zone().id());
  }

  /**
   * The subnet ID in a zone (derived from the VPC ID and the AZ ID, so endpoints share subnets).
   *
   * @param zoneNameOrId an AZ name in the owner's naming, or an AZ ID
   * @return the subnet ID, for example {@code subnet-…}
   * @throws IllegalArgumentException when the endpoint has no subnet in that zone
   */
  public String subnetId(String zoneNameOrId) {
    return Ids.subnetId(vpcId, zone(zoneNameOrId).zone().id());
  }

  /**
   * The Region of the service, from its name: the kit's own, or another for a cross-Region endpoint (the
   * endpoint and its DNS names stay in the kit's Region).
   *
   * @return a Region name, for example {@code us-east-1}
   */
  public String serviceRegion() {
    String rest = serviceName.substring("com.amazonaws.".length());
    if (rest.startsWith("vpce.")) {
      rest = rest.substring("vpce.".length());
    }
    return rest.substring(0, rest.indexOf('.'));
  }

  private String serviceLabel() {
    String vpceServicePrefix = "com.amazonaws.vpce." + serviceRegion() + ".";
    if (serviceName.startsWith(vpceServicePrefix)) {
      return serviceName.substring(vpceServicePrefix.length());
    }
    return serviceName.substring(("com.amazonaws." + serviceRegion() + ".").length());
  }

  /** Back to the built state and healthy fronts; the target stays whatever was set last (it is wiring). */
  void reset() {
    state = initialState;
    for (ZoneFront f : fronts.values()) {
      f.reset();
    }
  }

  void close() {
    for (ZoneFront f : fronts.values()) {
      f.close();
    }
  }

  @Override
  public String toString() {
    return id + " (" + serviceName + ", " + state + ", zones " + fronts.keySet() + ")";
  }
}
