package dev.vpce.cli;

import dev.vpce.BindingState;
import dev.vpce.BindingStatus;
import dev.vpce.Endpoint;
import dev.vpce.EndpointStatus;
import dev.vpce.discovery.DiscoveryException;
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
 * The endpoint as vpce found it ({@code DescribeVpcEndpoints}, then {@code DescribeNetworkInterfaces}, through the
 * doctor's PrivateLink): its state, zones and names from the status snapshot, and from the raw calls the IAM
 * action that was refused, if any.
 */
final class EndpointCheck {
  private static final Pattern ACTION = Pattern.compile("ec2:(\\w+)");

  private EndpointCheck() {}

  /**
   * The EC2 client the doctor's PrivateLink discovers with: the Region from the credentials step, one attempt per
   * call (vpce retries with back-off itself), bounded timeouts, {@code --ec2-endpoint} if given.
   */
  static Ec2Client client(DoctorOptions o, String region, AwsCredentialsProvider credentials) {
    Ec2ClientBuilder b = Ec2Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(10)).build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (o.ec2Endpoint() != null) {
      b.endpointOverride(o.ec2Endpoint());
    }
    return b.build();
  }

  /** Why no EC2 call was made (a static binding, no credentials or no Region), or null when one was. */
  static String skipped(DoctorOptions o, CredentialsCheck.Result creds) {
    if (o.isStatic()) {
      return "static binding: no EC2 call; names from the command line";
    }
    if (!creds.credentials()) {
      return "no credentials, so no EC2 call (see credentials)";
    }
    return creds.region() == null ? "no Region, so no EC2 call (see credentials)" : null;
  }

  /**
   * The verdict on the endpoint: what vpce concluded ({@code binding}, from the status snapshot: the endpoint,
   * its state, why it was chosen, the binding's state and last error), its zones, names and ENIs
   * ({@code endpoint}, from the same PrivateLink), and from the raw calls ({@code calls}) every endpoint the answer
   * listed and, on a failed call, its reason and the IAM action refused.
   */
  static void report(DoctorOptions o, String region, BindingStatus binding, Endpoint endpoint,
      RecordingDiscovery calls, Step step) {
    step.fact("ec2Endpoint", o.ec2Endpoint() != null ? o.ec2Endpoint().toString()
        : "https://ec2." + region + ".amazonaws.com");
    step.fact("ec2Calls", calls.calls());
    if (calls.vpcLookup() != null) {
      step.detail(calls.vpcLookup());
    }
    List<Object> all = new ArrayList<>();
    if (calls.lastAnswer() != null) {
      calls.lastAnswer().forEach(e -> all.add(describe(e)));
    }
    step.fact("endpoints", all);
    step.fact("bindingState", binding.state().name());
    step.fact("lastError", binding.lastError());
    step.fact("lastGoodDiscovery", binding.lastGoodDiscovery() == null ? null
        : binding.lastGoodDiscovery().toString());
    EndpointStatus e = binding.endpoint();
    if (e != null && e.id() != null) {
      step.fact("endpointId", e.id());
      step.fact("state", e.state());
      step.fact("vpcId", e.vpcId());
      step.fact("region", e.region());
      step.fact("chosenBecause", e.chosenBecause());
      step.detail(e.id() + " in " + e.vpcId() + ", Region " + e.region() + ": " + e.state() + " (" + e.chosenBecause()
          + ")");
    }
    if (endpoint != null) {
      step.detail("regional: " + endpoint.regionalDnsName());
      new java.util.TreeMap<>(endpoint.zonalDnsNames()).forEach((zone, name) -> step.detail("zonal " + zone + ": "
          + name));
      if (endpoint.privateDnsName() != null) {
        step.detail("private DNS name: " + endpoint.privateDnsName());
      }
      for (Endpoint.Eni eni : endpoint.interfaces()) {
        step.detail("ENI " + eni.id() + " " + eni.privateIp() + " in " + eni.zoneName() + " (" + eni.zoneId() + ")");
      }
    }
    step.detail("vpce: binding " + binding.state() + (binding.lastError() == null ? ""
        : "; last error: " + binding.lastError()));
    DiscoveryException failure = calls.lastFailure();
    if (failure != null) {
      step.fact("reason", failure.reason().name());
      Matcher m = ACTION.matcher(String.valueOf(failure.getMessage()));
      String action = m.find() ? m.group() : null;
      step.fact("failedAction", failure.reason() == DiscoveryException.Reason.ACCESS_DENIED ? action : null);
      step.fact("error", failure.getMessage());
    }
    if (e == null || e.id() == null) {
      step.result(Verdict.FAIL, failure != null ? failed(failure)
          : "no endpoint: " + (binding.lastError() != null ? binding.lastError()
              : "none found for " + o.serviceName() + " within --startup-timeout"));
      return;
    }
    if (!"available".equals(e.state())) {
      step.result(binding.route() != null ? Verdict.WARN : Verdict.FAIL, e.id() + " is " + e.state() + ": "
          + advice(e.id(), e.serviceName(), e.state()) + (binding.route() != null
              ? " (vpce keeps its last good route)" : ""));
      return;
    }
    if (binding.state() == BindingState.FAILED) {
      step.result(Verdict.FAIL, "vpce cannot use " + e.id() + ": " + binding.lastError());
      return;
    }
    String zones = endpoint == null ? "" : " in zones " + endpoint.zonalDnsNames().keySet().stream().sorted().toList();
    if (failure != null) {
      step.result(Verdict.WARN, e.id() + " available" + zones + ", but the last EC2 call failed: " + failed(failure));
    } else {
      step.result(Verdict.OK, e.id() + " available" + zones);
    }
    if (endpoint != null && endpoint.interfaces().isEmpty()) {
      step.detail("no ENI zones: ec2:DescribeNetworkInterfaces may be denied; it is optional (zones are matched by "
          + "the AZ name in the zonal DNS names), needed only when the endpoint's account names zones differently");
    }
  }

  private static String failed(DiscoveryException e) {
    Matcher m = ACTION.matcher(String.valueOf(e.getMessage()));
    String action = m.find() ? m.group() : null;
    return switch (e.reason()) {
      case ACCESS_DENIED -> "access denied for " + action + ": " + e.getMessage();
      case THROTTLED -> "throttled by EC2 (RequestLimitExceeded): vpce keeps its last good answer and backs off; "
          + "many instances sharing the account's rate limit? " + e.getMessage();
      case NO_CREDENTIALS -> "no credentials: " + e.getMessage();
      case FAILED -> e.getMessage();
    };
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
  static String advice(String id, String serviceName, String state) {
    return switch (state) {
      case "pendingAcceptance" -> "the service provider must accept the connection request before traffic can flow; "
          + "ask the provider to accept " + id + " (or to turn on auto-accept)";
      case "pending" -> "AWS is still provisioning or modifying it; try again in a minute";
      case "rejected" -> "the service provider rejected it; ask the provider to accept it, or delete it and request "
          + "a new connection";
      case "failed" -> "it failed to be created or modified; read its lastError (aws ec2 describe-vpc-endpoints "
          + "--vpc-endpoint-ids " + id + "), fix the cause and recreate it";
      case "deleting", "deleted" -> "it is going away; create a new interface endpoint for " + serviceName;
      case "expired" -> "the connection request was never accepted; create a new endpoint and ask the provider to "
          + "accept it";
      case "partial" -> "only partially available; vpce routes only to available endpoints";
      default -> "not available";
    };
  }
}
