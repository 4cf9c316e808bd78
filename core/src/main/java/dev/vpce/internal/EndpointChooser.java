package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.EndpointUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chooses a binding's endpoint among those one answer listed: never another VPC's. With the caller's VPC
 * known, only its endpoints count; with it unknown, endpoints in several VPCs are an error that asks for
 * {@code vpcId}. Among the rest: available first, then the lowest ID.
 */
final class EndpointChooser {
  private EndpointChooser() {}

  /** The endpoint to use, or null when the answer lists none (in the caller's VPC). */
  static Endpoint choose(String host, String service, List<Endpoint> found, String vpc)
      throws EndpointUnavailableException {
    List<Endpoint> candidates = new ArrayList<>();
    for (Endpoint e : found) {
      if (vpc == null || e.vpcId() == null || vpc.equals(e.vpcId())) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    if (vpc == null) {
      Map<String, List<String>> byVpc = candidates.stream().collect(Collectors.groupingBy(
          e -> Objects.toString(e.vpcId(), "?"), TreeMap::new, Collectors.mapping(Endpoint::id, Collectors.toList())));
      if (byVpc.size() > 1) {
        throw new EndpointUnavailableException(host, service, "vpce [" + host + "] endpoints for " + service
            + " exist in several VPCs " + byVpc + " and this process's VPC is not known; set "
            + "PrivateLink.builder().vpcId(\"vpc-…\") (or allow ec2:DescribeNetworkInterfaces so vpce can find it)",
            null);
      }
    }
    candidates.sort(Comparator.comparing((Endpoint e) -> !e.isAvailable())
        .thenComparing(e -> Objects.toString(e.id(), "")));
    return candidates.get(0);
  }

  /** The error for an answer with no endpoint of the service. */
  static EndpointUnavailableException missing(String host, String service, String vpc) {
    String where = vpc == null ? "in any VPC this account can see (the VPC is not known)" : "in " + vpc;
    return new EndpointUnavailableException(host, service, "vpce [" + host + "] no interface endpoint for "
        + service + " " + where + ": create one (aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface "
        + "--service-name " + service + (vpc == null ? "" : " --vpc-id " + vpc) + " ...), or check the Region", null);
  }

  /** Why {@code chosen} was chosen among {@code found}, in words for the status. */
  static String why(Endpoint chosen, List<Endpoint> found, String vpc) {
    long rivals = found.stream().filter(e -> e != chosen && (vpc == null || e.vpcId() == null
        || vpc.equals(e.vpcId()))).count();
    String where = vpc != null ? " in " + vpc + ", this process's VPC" : " in the only VPC that has one";
    if (rivals == 0) {
      return "the only endpoint of the service" + where;
    }
    return (chosen.isAvailable() ? "available, " : "none available, ") + "lowest ID of " + (rivals + 1)
        + " endpoints of the service" + where;
  }
}
