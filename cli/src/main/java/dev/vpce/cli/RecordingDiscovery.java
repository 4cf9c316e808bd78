package dev.vpce.cli;

import dev.vpce.Endpoint;
import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.EndpointDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The discovery the doctor's {@link dev.vpce.PrivateLink} uses: the EC2 one, watched. The status snapshot says
 * what vpce concluded (the endpoint, its state, the last error in one line); this adds what only the raw calls
 * show: every endpoint the last answer listed, the {@link DiscoveryException.Reason} and the IAM action of a
 * refusal, and the VPC found from the task's address. Called on vpce's threads, read after; synchronized.
 */
final class RecordingDiscovery implements EndpointDiscovery {
  private final EndpointDiscovery delegate;
  private int calls;
  private List<Endpoint> lastAnswer;
  private DiscoveryException lastFailure;
  private String vpcLookup;

  RecordingDiscovery(EndpointDiscovery delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException {
    try {
      return answered(delegate.describe(serviceName, vpcId));
    } catch (DiscoveryException e) {
      throw failed(e);
    }
  }

  @Override
  public Map<String, List<Endpoint>> describe(Set<String> serviceNames, String vpcId) throws DiscoveryException {
    try {
      Map<String, List<Endpoint>> answer = delegate.describe(serviceNames, vpcId);
      List<Endpoint> all = new ArrayList<>();
      answer.values().forEach(all::addAll);
      answered(all);
      return answer;
    } catch (DiscoveryException e) {
      throw failed(e);
    }
  }

  @Override
  public String vpcOf(String privateIpv4) throws DiscoveryException {
    try {
      String vpc = delegate.vpcOf(privateIpv4);
      synchronized (this) {
        vpcLookup = "VPC of " + privateIpv4 + " (ec2:DescribeNetworkInterfaces): " + vpc;
      }
      return vpc;
    } catch (DiscoveryException e) {
      synchronized (this) {
        vpcLookup = "VPC of " + privateIpv4 + " (ec2:DescribeNetworkInterfaces) failed: " + e.getMessage();
      }
      throw failed(e);
    }
  }

  private synchronized List<Endpoint> answered(List<Endpoint> endpoints) {
    calls++;
    lastAnswer = List.copyOf(endpoints);
    return endpoints;
  }

  private synchronized DiscoveryException failed(DiscoveryException e) {
    calls++;
    lastFailure = e;
    return e;
  }

  /** Calls made so far (answered or failed). */
  synchronized int calls() {
    return calls;
  }

  /** Every endpoint of the last answer, in any state and VPC; null before one. */
  synchronized List<Endpoint> lastAnswer() {
    return lastAnswer;
  }

  /** The most recent failed call, or null when none failed. */
  synchronized DiscoveryException lastFailure() {
    return lastFailure;
  }

  /** The task-address VPC lookup (Fargate) and its outcome in one line, or null when vpce made none. */
  synchronized String vpcLookup() {
    return vpcLookup;
  }
}
