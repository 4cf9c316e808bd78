package dev.vpce.testkit;

import java.net.InetAddress;
import java.time.Duration;
import java.util.regex.Pattern;

/** Argument checks whose messages name the field, the value and what was expected. */
final class Checks {
  private Checks() {}

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  static String matches(String field, String value, Pattern pattern, String expected) {
    notNull(field, value);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be " + expected + ", but was '" + value + "'");
    }
    return value;
  }

  static Duration notNegative(String field, Duration value) {
    notNull(field, value);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, but was " + value);
    }
    return value;
  }

  /** A DNS TTL: zero or more, and at most 2^31 - 1 s, which is all 32 bits on the wire allow (RFC 2181). */
  static Duration dnsTtl(String field, Duration value) {
    notNegative(field, value);
    if (value.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " must be at most " + Integer.MAX_VALUE + " s (a DNS TTL), but was "
          + value);
    }
    return value;
  }

  static InetAddress loopbackV6(String field, String literal) {
    notNull(field, literal);
    try {
      InetAddress a = literal.contains(":") ? InetAddress.getByName(literal) : null;
      if (a instanceof java.net.Inet6Address && a.isLoopbackAddress()) {
        return a;
      }
    } catch (Exception e) {
      // reported below
    }
    throw new IllegalArgumentException(field + " must be the IPv6 loopback address ::1, but was '" + literal + "'");
  }

  static InetAddress loopbackV4(String field, String literal) {
    notNull(field, literal);
    if (!literal.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      throw new IllegalArgumentException(
          field + " must be an IPv4 address in 127.0.0.0/8, but was '" + literal + "'");
    }
    try {
      return InetAddress.getByName(literal);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          field + " must be an IPv4 address in 127.0.0.0/8, but was '" + literal + "'", e);
    }
  }
}
