package dev.vpce.discovery;

import dev.vpce.Endpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the interface endpoints of a service. The default is {@link Ec2EndpointDiscovery}; static
 * bindings use none. Called on vpce's refresh threads, never on the request path. Implementations
 * must be safe for concurrent use.
 */
public interface EndpointDiscovery {
  /**
   * Every interface endpoint of the service, in any state.
   *
   * @param serviceName the service name
   * @param vpcId       the caller's VPC, or null to look in every VPC the caller can see
   * @return the endpoints found, possibly empty; never null
   * @throws DiscoveryException when the lookup failed
   */
  List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException;

  /**
   * Every interface endpoint of several services, by service name, in as few calls as the implementation
   * can manage; vpce asks once per refresh for all its bindings. By default one {@link #describe(String,
   * String)} per service.
   *
   * @param serviceNames the service names, at least one
   * @param vpcId the caller's VPC, or null to look in every VPC the caller can see
   * @return per service name asked, its endpoints (possibly empty)
   * @throws DiscoveryException when a lookup failed
   */
  default Map<String, List<Endpoint>> describe(Set<String> serviceNames, String vpcId) throws DiscoveryException {
    Map<String, List<Endpoint>> out = new LinkedHashMap<>();
    for (String s : serviceNames) {
      out.put(s, describe(s, vpcId));
    }
    return out;
  }

  /**
   * The VPC that holds this private IPv4 address (the caller's own network interface), or null when not
   * known. Used when no placement source reports the VPC (ECS on Fargate). By default null.
   *
   * @param privateIpv4 the address as a literal, for example the task's ENI address
   * @return the VPC ID, or null
   * @throws DiscoveryException when the lookup failed
   */
  default String vpcOf(String privateIpv4) throws DiscoveryException {
    return null;
  }
}
