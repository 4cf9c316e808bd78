package dev.vpce.testkit;

import java.util.Map;

/**
 * An AWS account in the emulated world, with the static credentials that identify it to the EC2
 * emulator and its own AZ-name mapping.
 *
 * <p>The emulator tells accounts apart by the access key ID in the request's SigV4 {@code Credential}
 * scope, as AWS does. {@code DescribeAvailabilityZones}, {@code DescribeSubnets} and
 * {@code DescribeNetworkInterfaces} answer with the calling account's AZ names; zonal endpoint DNS names
 * always carry the endpoint owner's names.
 *
 * @param id              the 12-digit account ID
 * @param accessKeyId     the access key ID to sign requests with
 * @param secretAccessKey the secret key (the emulator does not verify signatures)
 * @param zoneNamesById   this account's AZ name for each AZ ID
 */
public record Account(String id, String accessKeyId, String secretAccessKey, Map<String, String> zoneNamesById) {
  /**
   * Copies the zone mapping, so the account stays as built.
   *
   * @param id the 12-digit account ID
   * @param accessKeyId the access key ID
   * @param secretAccessKey the secret key
   * @param zoneNamesById the account's AZ name for each AZ ID, not null
   */
  public Account {
    zoneNamesById = Map.copyOf(zoneNamesById);
  }

  /**
   * This account's name for the zone with the given AZ ID.
   *
   * @param zoneId an AZ ID such as {@code use1-az6}
   * @return the AZ name in this account
   * @throws IllegalArgumentException when the account has no zone with that ID
   */
  public String zoneName(String zoneId) {
    String name = zoneNamesById.get(zoneId);
    if (name == null) {
      throw new IllegalArgumentException("account " + id + " has no zone with AZ ID '" + zoneId + "'");
    }
    return name;
  }
}
