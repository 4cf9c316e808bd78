package dev.vpce.testing;

import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.Account;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.Zone;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Points a {@link PrivateLink} at a running {@link LocalPrivateLink}, for an application's own tests. Optional:
 * only this class needs {@code vpce-testkit} (test scope) on the classpath; the kit does not depend on vpce.
 *
 * <pre>{@code
 * PrivateLink privateLink = LocalPrivateLinks.builder(kit)
 *     .bind("orders.internal.example.com", kit.endpoint().serviceName())
 *     .build();
 * }</pre>
 *
 * <p>The builder is the production one with every AWS and network input taken from the kit: the kit's EC2 API
 * emulator with the caller account's static credentials and the kit's Region, the kit's DNS server, the kit's
 * instance zone and VPC as an explicit {@link #placement placement} (move the instance with
 * {@code kit.instanceZone(..)} before calling this), and {@link #STARTUP_TIMEOUT}. Nothing it builds contacts the real instance metadata
 * service or AWS. Any setting may be overridden; to test placement itself, use
 * {@code PlacementSource.imds(kit.imds().endpoint())} with your own builder.
 */
public final class LocalPrivateLinks {
  /** How long the kit's DNS server gets per query; it answers on loopback in microseconds. */
  public static final Duration DNS_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The start-up timeout: the first EC2 call of a cold test JVM loads the SDK's EC2 model, which on a busy
   * build machine can take longer than the production default.
   */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private LocalPrivateLinks() {}

  /**
   * A {@link PrivateLink.Builder} wired to the kit, as the kit's caller account; add bindings and build.
   *
   * @param kit a started kit
   * @return a builder with the kit's EC2 endpoint, credentials, Region, DNS server and placement; no bindings yet
   * @throws IllegalArgumentException when kit is null
   */
  public static PrivateLink.Builder builder(LocalPrivateLink kit) {
    if (kit == null) {
      throw new IllegalArgumentException("kit must not be null");
    }
    return builder(kit, kit.callerAccount());
  }

  /**
   * Where the kit's instance runs now, as an explicit placement in this account's naming: Region, AZ name,
   * AZ ID and VPC. Explicit, so a test's first call already has its zone (the first IMDS call of a cold JVM
   * can outlast the production placement budget).
   *
   * @param kit a started kit
   * @param account the account whose AZ names to use
   * @return an explicit placement in the instance's current zone
   */
  public static Placement placement(LocalPrivateLink kit, Account account) {
    Zone zone = kit.instanceZone();
    return new Placement(kit.region(), account.zoneName(zone.id()), zone.id(), kit.vpcId(), null,
        PlacementSourceKind.EXPLICIT);
  }

  /**
   * A {@link PrivateLink.Builder} wired to the kit, calling EC2 as this account of the kit.
   *
   * @param kit a started kit
   * @param account the account whose credentials sign the EC2 calls and whose AZ names the placement uses
   * @return a builder wired to the kit; no bindings yet
   * @throws IllegalArgumentException when kit or account is null
   */
  public static PrivateLink.Builder builder(LocalPrivateLink kit, Account account) {
    if (kit == null) {
      throw new IllegalArgumentException("kit must not be null");
    }
    if (account == null) {
      throw new IllegalArgumentException("account must not be null");
    }
    return PrivateLink.builder()
        .region(kit.region())
        .ec2Endpoint(kit.ec2().endpoint())
        .ec2Credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), DNS_TIMEOUT))
        .placement(placement(kit, account))
        .startupTimeout(STARTUP_TIMEOUT);
  }
}
