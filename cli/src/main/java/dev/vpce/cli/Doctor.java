package dev.vpce.cli;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Runs the doctor's steps in order, each with what the steps before it found. Uses only vpce's public API. */
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
    Placement placement = PlacementCheck.run(o, report.add(new Step("placement")));
    CredentialsCheck.Result creds = CredentialsCheck.run(o, placement, credentials,
        report.add(new Step("credentials")));
    Endpoint endpoint = creds.credentials() || o.isStatic()
        ? EndpointCheck.run(o, placement, creds.region(), credentials, report.add(new Step("endpoint")))
        : skipped(report, "endpoint", "no credentials, so no EC2 call (see credentials)");
    NameResolver resolver = o.dnsServers().isEmpty() ? NameResolver.system()
        : NameResolver.dnsjava(o.dnsServers(), o.dnsTimeout());
    List<DnsCheck.Target> targets = DnsCheck.run(o, DnsCheck.names(o, endpoint), resolver,
        report.add(new Step("dns")));
    Step connect = report.add(new Step("connect"));
    SSLContext tls = null;
    if (o.tls()) {
      try {
        tls = Trust.context(o.caFile());
      } catch (GeneralSecurityException | IOException e) {
        connect.result(Verdict.FAIL, "cannot set up TLS trust: " + e.getMessage());
        report.add(new Step("route")).result(Verdict.SKIP, "not checked: TLS trust failed");
        return report;
      }
    }
    List<ConnectCheck.Outcome> outcomes = ConnectCheck.run(o, targets, tls, connect);
    Step route = report.add(new Step("route"));
    if (!o.isStatic() && endpoint == null) {
      route.result(Verdict.SKIP, "not checked: no endpoint to route to (see endpoint)");
    } else {
      RouteCheck.run(o, placement, creds.region(), credentials, resolver, targets, outcomes, route);
    }
    return report;
  }

  private static Endpoint skipped(Report report, String name, String why) {
    report.add(new Step(name)).result(Verdict.SKIP, why);
    return null;
  }
}
