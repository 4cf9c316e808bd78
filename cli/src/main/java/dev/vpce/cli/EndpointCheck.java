package dev.vpce.cli;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.Ec2EndpointDiscovery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Finds the endpoint the way vpce does ({@code DescribeVpcEndpoints}, then {@code DescribeNetworkInterfaces}),
 * one attempt per call, and reports its state, zones and names, or the IAM action that was refused.
 */
final class EndpointCheck {
  private static final Pattern ACTION = Pattern.compile("ec2:(\\w+)");

  private EndpointCheck() {}

  /** The endpoint to route to, or null when none can be used. */
  static Endpoint run(DoctorOptions o, Placement placement, String region, AwsCredentialsProvider credentials,
      Step step) {
    if (o.isStatic()) {
      step.result(Verdict.SKIP, "static binding: no EC2 call; names from the command line");
      return null;
    }
    if (region == null) {
      step.result(Verdict.SKIP, "no Region, so no EC2 call (see credentials)");
      return null;
    }
    Ec2ClientBuilder b = Ec2Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(10)).build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (o.ec2Endpoint() != null) {
      b.endpointOverride(o.ec2Endpoint());
    }
    step.fact("ec2Endpoint", o.ec2Endpoint() != null ? o.ec2Endpoint().toString()
        : "https://ec2." + region + ".amazonaws.com");
    try (Ec2Client ec2 = b.build()) {
      Ec2EndpointDiscovery discovery = Ec2EndpointDiscovery.create(ec2);
      String vpc = o.vpcId() != null ? o.vpcId() : placement.vpcId();
      if (vpc == null && placement.privateIpv4() != null) {
        vpc = discovery.vpcOf(placement.privateIpv4());
        step.detail("VPC of " + placement.privateIpv4() + " (ec2:DescribeNetworkInterfaces): " + vpc);
      }
      step.fact("vpcId", vpc);
      List<Endpoint> found = discovery.describe(o.serviceName(), vpc);
      List<Object> all = new ArrayList<>();
      for (Endpoint e : found) {
        all.add(describe(e));
      }
      step.fact("endpoints", all);
      if (found.isEmpty()) {
        step.result(Verdict.FAIL, "no interface endpoint for " + o.serviceName() + " in "
            + (vpc == null ? "any VPC the caller can see" : vpc) + ": create one, or check --service and --region");
        return null;
      }
      Endpoint chosen = found.get(0);
      for (Endpoint e : found) {
        if (e.isAvailable()) {
          chosen = e;
          break;
        }
      }
      if (found.size() > 1 && vpc == null) {
        step.detail("several endpoints in " + found.stream().map(Endpoint::vpcId).distinct().toList()
            + " and the VPC is unknown: pass --vpc-id");
      }
      step.fact("endpointId", chosen.id());
      step.fact("state", chosen.state());
      step.detail(chosen.id() + " in " + chosen.vpcId() + ": " + chosen.state());
      step.detail("regional: " + chosen.regionalDnsName());
      chosen.zonalDnsNames().forEach((zone, name) -> step.detail("zonal " + zone + ": " + name));
      if (chosen.privateDnsName() != null) {
        step.detail("private DNS name: " + chosen.privateDnsName());
      }
      for (Endpoint.Eni eni : chosen.interfaces()) {
        step.detail("ENI " + eni.id() + " " + eni.privateIp() + " in " + eni.zoneName() + " (" + eni.zoneId() + ")");
      }
      if (!chosen.isAvailable()) {
        step.result(Verdict.FAIL, chosen.id() + " is " + chosen.state() + ": " + advice(chosen));
        return chosen;
      }
      if (found.size() > 1 && vpc == null) {
        step.result(Verdict.WARN, chosen.id() + " available, but several VPCs match: pass --vpc-id");
      } else {
        step.result(Verdict.OK, chosen.id() + " available in zones " + chosen.zonalDnsNames().keySet().stream()
            .sorted().toList());
      }
      if (chosen.interfaces().isEmpty()) {
        step.detail("no ENI zones: ec2:DescribeNetworkInterfaces may be denied; it is optional (zones are matched by "
            + "the AZ name in the zonal DNS names), needed only when the endpoint's account names zones differently");
      }
      return chosen;
    } catch (DiscoveryException e) {
      step.fact("reason", e.reason().name());
      Matcher m = ACTION.matcher(String.valueOf(e.getMessage()));
      String action = m.find() ? m.group() : null;
      step.fact("failedAction", e.reason() == DiscoveryException.Reason.ACCESS_DENIED ? action : null);
      step.fact("error", e.getMessage());
      step.result(Verdict.FAIL, switch (e.reason()) {
        case ACCESS_DENIED -> "access denied for " + action + ": " + e.getMessage();
        case THROTTLED -> "throttled by EC2 (RequestLimitExceeded): vpce keeps its last good answer and backs off; "
            + "many instances sharing the account's rate limit? " + e.getMessage();
        case NO_CREDENTIALS -> "no credentials: " + e.getMessage();
        case FAILED -> e.getMessage();
      });
      return null;
    }
  }

  private static Map<String, Object> describe(Endpoint e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("vpcId", e.vpcId());
    m.put("state", e.state());
    m.put("regionalDnsName", e.regionalDnsName());
    m.put("zonalDnsNames", new LinkedHashMap<>(new java.util.TreeMap<>(e.zonalDnsNames())));
    m.put("privateDnsName", e.privateDnsName());
    List<Object> enis = new ArrayList<>();
    for (Endpoint.Eni eni : e.interfaces()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", eni.id());
      x.put("privateIp", eni.privateIp());
      x.put("zoneName", eni.zoneName());
      x.put("zoneId", eni.zoneId());
      enis.add(x);
    }
    m.put("interfaces", enis);
    return m;
  }

  /** What a state means and what to do, as vpce's own errors say it. */
  static String advice(Endpoint e) {
    return switch (e.state()) {
      case "pendingAcceptance" -> "the service provider must accept the connection request before traffic can flow; "
          + "ask the provider to accept " + e.id() + " (or to turn on auto-accept)";
      case "pending" -> "AWS is still provisioning or modifying it; try again in a minute";
      case "rejected" -> "the service provider rejected it; ask the provider to accept it, or delete it and request "
          + "a new connection";
      case "failed" -> "it failed to be created or modified; read its lastError (aws ec2 describe-vpc-endpoints "
          + "--vpc-endpoint-ids " + e.id() + "), fix the cause and recreate it";
      case "deleting", "deleted" -> "it is going away; create a new interface endpoint for " + e.serviceName();
      case "expired" -> "the connection request was never accepted; create a new endpoint and ask the provider to "
          + "accept it";
      case "partial" -> "only partially available; vpce routes only to available endpoints";
      default -> "not available";
    };
  }
}
