package dev.vpce.discovery;

import dev.vpce.Endpoint;
import java.util.List;

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
   * @throws DiscoveryException when the lookup failed
   */
  List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException;
}
