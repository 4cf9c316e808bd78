package dev.vpce.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/** Argument checks whose messages name the setting, the value and what was expected. */
public final class Checks {
  private Checks() {}

  public static <T> T notNull(String setting, T value) {
    if (value == null) {
      throw new IllegalArgumentException(setting + " must not be null");
    }
    return value;
  }

  public static Duration positive(String setting, Duration value) {
    notNull(setting, value);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be greater than 0, but was " + value);
    }
    return value;
  }

  public static Duration notNegative(String setting, Duration value) {
    notNull(setting, value);
    if (value.isNegative()) {
      throw new IllegalArgumentException(setting + " must not be negative, but was " + value);
    }
    return value;
  }

  public static int atLeast(String setting, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(setting + " must be at least " + minimum + ", but was " + value);
    }
    return value;
  }

  public static String matches(String setting, String value, Pattern pattern, String expected) {
    notNull(setting, value);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(setting + " must be " + expected + ", but was '" + value + "'");
    }
    return value;
  }
}
