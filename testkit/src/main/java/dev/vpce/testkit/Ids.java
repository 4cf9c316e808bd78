package dev.vpce.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic AWS-shaped IDs, so that the same builder input gives the same world in every run. */
final class Ids {
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Ids() {}

  static String hex(String prefix, int digits, String seed) {
    byte[] d = digest(seed);
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; sb.length() < prefix.length() + digits; i++) {
      sb.append(Character.forDigit((d[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf, 16));
    }
    return sb.toString();
  }

  static String alnum(int length, String seed) {
    byte[] d = digest(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALNUM.charAt((d[i] & 0xff) % ALNUM.length()));
    }
    return sb.toString();
  }

  static String subnetId(String vpcId, String zoneId) {
    return hex("subnet-", 17, vpcId + "/" + zoneId);
  }

  private static byte[] digest(String seed) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
