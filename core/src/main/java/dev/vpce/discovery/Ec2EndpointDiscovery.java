package dev.vpce.discovery;

import dev.vpce.Endpoint;
import dev.vpce.IpAddressType;
import dev.vpce.internal.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * Discovery through the EC2 API: {@code DescribeVpcEndpoints} filtered by service names (several in one
 * call), VPC and type {@code Interface}, all pages; then {@code DescribeNetworkInterfaces} for the endpoints'
 * ENIs it has not described before (an ENI keeps its zone and addresses for its life), which ties each address (IPv4 and IPv6) to an AZ ID (the way to match zones in a shared VPC). The
 * endpoint's {@code dnsOptions.dnsRecordIpType} (or {@code ipAddressType}) says whether its names carry A
 * records, AAAA records or both. The state is read only through
 * {@code stateAsString()}: the SDK enum does not match the lower-case wire values. DNS entries are
 * classified by name pattern, never by position. Thread-safe; the client is the caller's to close.
 */
public final class Ec2EndpointDiscovery implements EndpointDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final Ec2Client ec2;
  private volatile boolean eniLookupDenied;
  /**
   * ENIs already described, by ID and the endpoint's IP address type: an ENI keeps its zone and addresses for
   * its life (a change to dual-stack is a new key), so each refresh asks {@code DescribeNetworkInterfaces}
   * only for ENIs it has not seen. That halves the calls of a steady refresh, which counts against the
   * account's EC2 request budget shared by the whole fleet.
   */
  private final Map<String, Endpoint.Eni> knownEnis = new ConcurrentHashMap<>();

  private Ec2EndpointDiscovery(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /**
   * Discovery with this client. Its Region must be the caller's (the VPC's), not the service name's: with
   * cross-Region PrivateLink the service name carries the provider's Region.
   *
   * @param ec2 the client; the caller keeps owning and closing it
   * @return the discovery
   * @throws IllegalArgumentException when ec2 is null
   */
  public static Ec2EndpointDiscovery create(Ec2Client ec2) {
    if (ec2 == null) {
      throw new IllegalArgumentException("ec2Client must not be null");
    }
    return new Ec2EndpointDiscovery(ec2);
  }

  @Override
  public List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException {
    return describe(Set.of(serviceName), vpcId).getOrDefault(serviceName, List.of());
  }

  /** Service names per call: EC2 caps the values of one filter (200 for most filters). */
  private static final int SERVICES_PER_CALL = 100;

  @Override
  public Map<String, List<Endpoint>> describe(Set<String> serviceNames, String vpcId) throws DiscoveryException {
    List<String> all = new ArrayList<>(serviceNames);
    Map<String, List<Endpoint>> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < all.size(); i += SERVICES_PER_CALL) {
      out.putAll(describeSome(all.subList(i, Math.min(all.size(), i + SERVICES_PER_CALL)), vpcId, seen));
    }
    knownEnis.keySet().retainAll(seen);
    return out;
  }

  private Map<String, List<Endpoint>> describeSome(List<String> serviceNames, String vpcId, Set<String> seen)
      throws DiscoveryException {
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("service-name").values(serviceNames).build());
    filters.add(Filter.builder().name("vpc-endpoint-type").values("Interface").build());
    if (vpcId != null) {
      filters.add(Filter.builder().name("vpc-id").values(vpcId).build());
    }
    List<VpcEndpoint> found = new ArrayList<>();
    try {
      ec2.describeVpcEndpointsPaginator(DescribeVpcEndpointsRequest.builder().filters(filters).maxResults(100)
          .build()).vpcEndpoints().forEach(found::add);
    } catch (SdkException e) {
      throw translate("DescribeVpcEndpoints", e);
    }
    Map<String, Endpoint.Eni> enis = interfaces(found, seen);
    Map<String, List<Endpoint>> out = new LinkedHashMap<>();
    for (String s : serviceNames) {
      out.put(s, new ArrayList<>());
    }
    for (VpcEndpoint v : found) {
      out.computeIfAbsent(v.serviceName(), k -> new ArrayList<>()).add(toEndpoint(v, enis));
    }
    return out;
  }

  /** {@code DescribeNetworkInterfaces} filtered by {@code addresses.private-ip-address}: the VPC of an address. */
  @Override
  public String vpcOf(String privateIpv4) throws DiscoveryException {
    try {
      for (NetworkInterface n : ec2.describeNetworkInterfacesPaginator(b -> b.filters(Filter.builder()
          .name("addresses.private-ip-address").values(privateIpv4).build())).networkInterfaces()) {
        if (n.vpcId() != null) {
          return n.vpcId();
        }
      }
      return null;
    } catch (SdkException e) {
      throw translate("DescribeNetworkInterfaces", e);
    }
  }

  private Map<String, Endpoint.Eni> interfaces(List<VpcEndpoint> endpoints, Set<String> seen)
      throws DiscoveryException {
    Map<String, Endpoint.Eni> out = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>(); // ENI ID -> its cache key
    for (VpcEndpoint v : endpoints) {
      if (!"available".equalsIgnoreCase(v.stateAsString())) {
        continue;
      }
      for (String id : v.networkInterfaceIds()) {
        String key = id + '|' + v.ipAddressTypeAsString();
        seen.add(key);
        Endpoint.Eni known = knownEnis.get(key);
        if (known != null) {
          out.put(id, known);
        } else {
          unknown.put(id, key);
        }
      }
    }
    if (unknown.isEmpty() || eniLookupDenied) {
      return out;
    }
    try {
      List<String> ids = List.copyOf(unknown.keySet());
      for (NetworkInterface n : ec2.describeNetworkInterfacesPaginator(b -> b.networkInterfaceIds(ids))
          .networkInterfaces()) {
        String ipv6 = n.ipv6Addresses().isEmpty() ? null : n.ipv6Addresses().get(0).ipv6Address();
        Endpoint.Eni eni = new Endpoint.Eni(n.networkInterfaceId(), n.privateIpAddress(), n.availabilityZone(),
            n.availabilityZoneId(), ipv6);
        out.put(n.networkInterfaceId(), eni);
        String key = unknown.get(n.networkInterfaceId());
        if (key != null) {
          knownEnis.put(key, eni);
        }
      }
    } catch (Ec2Exception e) {
      DiscoveryException d = translate("DescribeNetworkInterfaces", e);
      if (d.reason() == DiscoveryException.Reason.THROTTLED) {
        // the endpoints are known; failing the round for the interfaces would waste the call that found them,
        // and a fleet starting together (one account's request budget) would keep its starting instances
        // without a route. Zones come from the zonal names until a later refresh describes the interfaces.
        LOG.info("vpce: EC2 throttled DescribeNetworkInterfaces; {} interface(s) stay undescribed until a later "
            + "refresh: meanwhile an endpoint with no described interface is matched to zones by the AZ names in its "
            + "zonal DNS names (right unless the endpoint belongs to another account, as in a shared VPC)",
            unknown.size());
        return out;
      }
      if (d.reason() != DiscoveryException.Reason.ACCESS_DENIED) {
        throw d;
      }
      eniLookupDenied = true;
      LOG.info("vpce cannot call ec2:DescribeNetworkInterfaces ({}); zones are matched by the AZ name in the "
          + "zonal DNS names, which is right unless the endpoint belongs to another account (shared VPC)",
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
    } catch (SdkException e) {
      throw translate("DescribeNetworkInterfaces", e);
    }
    return out;
  }

  private static Endpoint toEndpoint(VpcEndpoint v, Map<String, Endpoint.Eni> enis) {
    String regional = null;
    String privateName = null;
    Map<String, String> zonal = new LinkedHashMap<>();
    for (DnsEntry d : v.dnsEntries()) {
      String name = d.dnsName();
      if (name == null) {
        continue;
      }
      String zone = Names.zoneOfZonalName(name);
      if (zone != null) {
        zonal.put(zone, name);
      } else if (Names.isRegionalName(name)) {
        if (regional == null) {
          regional = name;
        }
      } else if (!Names.isEndpointName(name) && privateName == null) {
        privateName = name;
      }
    }
    if (!Boolean.TRUE.equals(v.privateDnsEnabled())) {
      privateName = null;
    }
    List<Endpoint.Eni> mine = new ArrayList<>();
    for (String id : v.networkInterfaceIds()) {
      Endpoint.Eni e = enis.get(id);
      if (e != null) {
        mine.add(e);
      }
    }
    return new Endpoint(v.vpcEndpointId(), v.serviceName(), v.vpcId(), v.stateAsString(), v.ownerId(), regional,
        zonal, privateName, mine, recordTypes(v));
  }

  /**
   * Which records the endpoint's names carry: {@code dnsOptions.dnsRecordIpType} when EC2 sends it, else the
   * endpoint's {@code ipAddressType} (its ENIs' families), else IPv4 as before dual-stack endpoints existed.
   */
  static IpAddressType recordTypes(VpcEndpoint v) {
    IpAddressType dns = v.dnsOptions() == null ? null
        : IpAddressType.fromWire(v.dnsOptions().dnsRecordIpTypeAsString());
    if (dns != null) {
      return dns;
    }
    IpAddressType addresses = IpAddressType.fromWire(v.ipAddressTypeAsString());
    return addresses != null ? addresses : IpAddressType.IPV4;
  }

  /** Where this client sends its calls, for messages: the override, else the Region's public endpoint. */
  private String where() {
    try {
      var c = ec2.serviceClientConfiguration();
      return c.endpointOverride().map(Object::toString)
          .orElse("https://ec2." + (c.region() == null ? "?" : c.region().id()) + ".amazonaws.com");
    } catch (RuntimeException e) {
      return "EC2";
    }
  }

  private DiscoveryException translate(String action, SdkException e) {
    DiscoveryException d = translateCode(action, e);
    if (d.reason() == DiscoveryException.Reason.FAILED && e instanceof SdkClientException
        && hasCause(e, java.io.IOException.class)) {
      return new DiscoveryException(DiscoveryException.Reason.FAILED, "ec2:" + action + " could not reach EC2 at "
          + where() + ": " + e.getMessage(), e);
    }
    return d;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static DiscoveryException translateCode(String action, SdkException e) {
    if (e instanceof Ec2Exception ec2e) {
      String code = ec2e.awsErrorDetails() == null ? null : ec2e.awsErrorDetails().errorCode();
      if (ec2e.isThrottlingException() || "RequestLimitExceeded".equals(code)) {
        return new DiscoveryException(DiscoveryException.Reason.THROTTLED,
            "EC2 throttled " + action + " (RequestLimitExceeded)", e);
      }
      if ("UnauthorizedOperation".equals(code) || "AccessDenied".equals(code) || "AuthFailure".equals(code)
          || ec2e.statusCode() == 403) {
        return new DiscoveryException(DiscoveryException.Reason.ACCESS_DENIED,
            "the caller may not call ec2:" + action + " (" + code + "); grant the IAM action ec2:" + action
                + " or use a static binding", e);
      }
      return new DiscoveryException(DiscoveryException.Reason.FAILED,
          "ec2:" + action + " failed: " + (code == null ? "HTTP " + ec2e.statusCode() : code) + " "
              + ec2e.getMessage(), e);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      return new DiscoveryException(DiscoveryException.Reason.NO_CREDENTIALS, "no AWS credentials for ec2:"
          + action + ": " + e.getMessage(), e);
    }
    return new DiscoveryException(DiscoveryException.Reason.FAILED, "ec2:" + action + " failed: " + e.getMessage(), e);
  }
}
