package dev.vpce.testkit;

/**
 * An Availability Zone as the endpoint owner's account names it: the AZ name ({@code us-east-1a}), which
 * each account maps independently, and the AZ ID ({@code use1-az6}), which is the same physical place in
 * every account.
 *
 * @param name the AZ name in the endpoint owner's account
 * @param id   the AZ ID
 */
public record Zone(String name, String id) {
  /**
   * Rejects a missing name or ID, naming the field.
   *
   * @param name the AZ name in the endpoint owner's account, not null
   * @param id the AZ ID, not null
   */
  public Zone {
    Checks.notNull("zone.name", name);
    Checks.notNull("zone.id", id);
  }
}
