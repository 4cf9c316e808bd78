package dev.vpce.cli;

import dev.vpce.Placement;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The Region EC2 calls go to and the credentials they are signed with; only for discovered bindings. */
final class CredentialsCheck {
  private CredentialsCheck() {}

  /** The Region and whether credentials resolved. */
  record Result(String region, boolean credentials) {}

  static Result run(DoctorOptions o, Placement placement, AwsCredentialsProvider provider, Step step) {
    if (o.isStatic()) {
      step.result(Verdict.SKIP, "not needed: a static binding makes no AWS call");
      return new Result(null, false);
    }
    String region = o.region();
    String regionFrom = "--region";
    if (region == null && placement.region() != null) {
      region = placement.region();
      regionFrom = "the placement";
    }
    if (region == null) {
      try {
        region = new DefaultAwsRegionProviderChain().getRegion().id();
        regionFrom = "the SDK's Region chain (AWS_REGION, profile)";
      } catch (SdkException e) {
        region = null;
      }
    }
    step.fact("region", region);
    step.fact("regionFrom", region == null ? null : regionFrom);
    if (region == null) {
      step.result(Verdict.FAIL, "no Region for the EC2 API: pass --region or set AWS_REGION");
    }
    try {
      AwsCredentials c = provider.resolveCredentials();
      String key = c.accessKeyId();
      String masked = key.length() <= 8 ? "****" : key.substring(0, 4) + "..." + key.substring(key.length() - 4);
      // providerName() is the SDK's short feature ID (for example "e"), not a name: show the provider's class
      String from = provider.getClass().getSimpleName();
      step.fact("accessKeyId", masked);
      step.fact("provider", from);
      step.fact("sdkProviderId", c.providerName().orElse(null));
      if (region != null) {
        step.result(Verdict.OK, "Region " + region + " (from " + regionFrom + "), access key " + masked + " from "
            + from);
      }
      return new Result(region, true);
    } catch (SdkException | IllegalStateException e) {
      step.fact("provider", null);
      step.fact("error", e.getMessage());
      step.result(Verdict.FAIL, "no AWS credentials: " + e.getMessage());
      return new Result(region, false);
    }
  }
}
