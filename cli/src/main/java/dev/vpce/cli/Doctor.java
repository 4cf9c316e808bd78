package dev.vpce.cli;

import dev.vpce.Binding;
import dev.vpce.BindingStatus;
import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkStatus;
import dev.vpce.discovery.Ec2EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Runs the doctor's steps. It builds a real {@link PrivateLink} with the same inputs as the application's
 * (placement chain, Region, EC2, resolver), waits for its start-up, probes on its own what vpce's status cannot
 * say (each placement source, the system resolver, a timed connect to every address), reports the connects to
 * it, and then takes ONE {@link PrivateLink#status()} snapshot: placement, endpoint, vpce's DNS answers, route
 * and breakers in the report all come from it. Uses only vpce's public API.
 */
final class Doctor {
  private final DoctorOptions options;
  private final AwsCredentialsProvider credentials;

  Doctor(DoctorOptions options, AwsCredentialsProvider credentials) {
    this.options = options;
    this.credentials = credentials;
  }

  Report run() {
    DoctorOptions o = options;
    Report report = new Report(o.host(), o.target());
    Step placementStep = report.add(new Step("placement"));
    Step credentialsStep = report.add(new Step("credentials"));
    Step endpointStep = report.add(new Step("endpoint"));
    Step dnsStep = report.add(new Step("dns"));
    Step connectStep = report.add(new Step("connect"));
    Step routeStep = report.add(new Step("route"));

    Placement probed = PlacementCheck.probe(o, placementStep);
    CredentialsCheck.Result creds = CredentialsCheck.run(o, probed, credentials, credentialsStep);
    String noEc2 = EndpointCheck.skipped(o, creds);
    boolean canStart = o.isStatic() || noEc2 == null;
    NameResolver resolver = o.dnsServers().isEmpty() ? NameResolver.system()
        : NameResolver.servers(o.dnsServers(), o.dnsTimeout());
    RecordingDiscovery discovery = null;
    Ec2Client ec2 = null;
    if (!o.isStatic() && canStart) {
      ec2 = EndpointCheck.client(o, creds.region(), credentials);
      discovery = new RecordingDiscovery(Ec2EndpointDiscovery.create(ec2));
    }
    PrivateLink privateLink = null;
    try {
      if (canStart) {
        try {
          privateLink = build(o, creds.region(), resolver, discovery);
        } catch (IllegalArgumentException e) {
          routeStep.fact("error", e.getMessage());
          routeStep.result(Verdict.FAIL, "vpce rejects this configuration: " + e.getMessage());
        }
      }
      if (privateLink != null) {
        try {
          privateLink.route(o.host()); // waits for start-up, up to --startup-timeout
        } catch (UnknownHostException e) {
          // the binding's state and last error in the snapshot say why; the route step reports them
        }
      }
      Endpoint endpoint = privateLink == null ? null : privateLink.endpoint(o.host());
      List<DnsCheck.Lookup> lookups = DnsCheck.lookup(DnsCheck.names(o, endpoint), resolver);
      List<DnsCheck.Target> targets = DnsCheck.targets(lookups, endpoint);
      connect(o, targets, privateLink, connectStep);
      PrivateLinkStatus status = privateLink == null ? null : privateLink.status();
      BindingStatus binding = status == null ? null : status.binding(o.host());
      report.status(status);

      PlacementCheck.report(probed, status, placementStep);
      if (noEc2 != null) {
        endpointStep.result(Verdict.SKIP, noEc2);
      } else if (binding != null) {
        EndpointCheck.report(o, creds.region(), binding, endpoint, discovery, endpointStep);
      } else {
        endpointStep.result(Verdict.SKIP, "not checked: vpce did not start (see route)");
      }
      DnsCheck.report(o, lookups, binding, targets.size(), dnsStep);
      if (binding != null) {
        Map<InetAddress, String> zones = new HashMap<>();
        targets.forEach(t -> zones.put(t.address(), t.zone()));
        RouteCheck.report(o.port(), binding, zones, routeStep);
      } else if (!canStart) {
        routeStep.result(Verdict.SKIP, "not checked: vpce cannot start without an EC2 call (see credentials)");
      }
    } finally {
      if (privateLink != null) {
        privateLink.close();
      }
      if (ec2 != null) {
        ec2.close();
      }
    }
    return report;
  }

  private static void connect(DoctorOptions o, List<DnsCheck.Target> targets, PrivateLink privateLink, Step step) {
    SSLContext tls = null;
    if (o.tls()) {
      try {
        tls = Trust.context(o.caFile());
      } catch (GeneralSecurityException | IOException e) {
        step.result(Verdict.FAIL, "cannot set up TLS trust: " + e.getMessage());
        return;
      }
    }
    ConnectCheck.run(o, targets, tls, privateLink, step);
  }

  /**
   * The PrivateLink the application would have on this host: the same binding, placement chain (or the
   * {@code --zone} override), Region, EC2 calls and resolver. One failed connect opens an address's breaker, so
   * that the route shows at once what a client would meet; discovered bindings do not bind the private DNS name.
   */
  private static PrivateLink build(DoctorOptions o, String region, NameResolver resolver,
      RecordingDiscovery discovery) {
    Binding.Builder binding = Binding.builder(o.host());
    if (o.isStatic()) {
      binding.regionalDnsName(o.regionalDnsName());
      o.zonalDnsNames().forEach(binding::zonalDnsName);
    } else {
      binding.serviceName(o.serviceName()).bindPrivateDnsName(false);
    }
    PrivateLink.Builder b = PrivateLink.builder()
        .bind(binding.build())
        .nameResolver(resolver)
        .startupTimeout(o.startupTimeout())
        .breakerFailureThreshold(1);
    if (o.zoneName() != null || o.zoneId() != null) {
      b.placement(PlacementCheck.explicit(o));
    } else {
      b.placementSources(PlacementCheck.sources(o)).placementBudget(o.placementTimeout());
    }
    if (!o.isStatic()) {
      b.discovery(discovery);
      if (region != null) {
        b.region(region);
      }
      if (o.vpcId() != null) {
        b.vpcId(o.vpcId());
      }
    }
    return b.build();
  }
}
