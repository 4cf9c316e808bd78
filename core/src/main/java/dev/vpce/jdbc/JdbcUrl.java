package dev.vpce.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@code jdbc:vpce:<driver>://host[:port][/database][?parameters]} URL taken apart: the driver, the one
 * host and port, the {@code vpce*} parameters, and the URL the real driver gets (the same minus
 * {@code vpce:} and every {@code vpce*} parameter). Also reads the host and port of a plain driver URL.
 */
record JdbcUrl(Vendor vendor, String host, int port, Map<String, String> vpceParameters, List<String> others,
    String delegateUrl) {
  static final String PREFIX = "jdbc:vpce:";

  /** The drivers {@code jdbc:vpce:} wraps. */
  enum Vendor {
    POSTGRESQL("postgresql", 5432), MYSQL("mysql", 3306), MARIADB("mariadb", 3306);

    final String scheme;
    final int defaultPort;
    final String prefix;

    Vendor(String scheme, int defaultPort) {
      this.scheme = scheme;
      this.defaultPort = defaultPort;
      this.prefix = "jdbc:" + scheme + "://";
    }
  }

  private static final String EXPECTED = "jdbc:vpce:postgresql://host[:port]/database, jdbc:vpce:mysql://… or "
      + "jdbc:vpce:mariadb://… with one host";

  private static final Map<String, JdbcUrl> PARSED = new ConcurrentHashMap<>();
  private static final int MAX_PARSED = 256;
  private static final Pattern USER_PASSWORD = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&](password|sslpassword)=)[^&]*");

  /**
   * Parses a {@code jdbc:vpce:} URL; the message of any failure names the URL and what is expected. A pool
   * opens every connection with the same URL, so the answers for a few hundred URLs are kept.
   */
  static JdbcUrl parseVpce(String url) throws SQLException {
    JdbcUrl known = url == null ? null : PARSED.get(url);
    if (known != null) {
      return known;
    }
    if (url == null || !url.startsWith(PREFIX)) {
      throw bad(url, "it must start with " + PREFIX);
    }
    JdbcUrl parsed = parse(url, "jdbc:" + url.substring(PREFIX.length()));
    if (PARSED.size() < MAX_PARSED) {
      PARSED.put(url, parsed);
    }
    return parsed;
  }

  /** Parses a plain driver URL ({@code jdbc:postgresql://…}), or a {@code jdbc:vpce:} one. */
  static JdbcUrl parseAny(String url) throws SQLException {
    if (url != null && url.startsWith(PREFIX)) {
      return parseVpce(url);
    }
    return parse(url, url);
  }

  /** The URL for messages: a password in the user part or in a parameter is replaced by {@code ***}. */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    return PASSWORD_PARAMETER.matcher(USER_PASSWORD.matcher(url).replaceAll("$1***@")).replaceAll("$1***");
  }

  // Every connect parses its URL: the redacted form is made only for a message (two regex passes each time
  // cost a jdbc:vpce: connect more CPU than the rest of the parsing).
  private static JdbcUrl parse(String original, String plain) throws SQLException {
    if (plain == null) {
      throw bad(original, "it is null");
    }
    Vendor vendor = null;
    String rest = null;
    for (Vendor v : Vendor.values()) {
      if (plain.startsWith(v.prefix)) {
        vendor = v;
        rest = plain.substring(v.prefix.length());
      }
    }
    if (vendor == null) {
      throw bad(original, "the driver part must be postgresql://, mysql:// or mariadb:// (the host after //)");
    }
    int end = indexOfAny(rest, "/?");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    String userInfo = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at + 1);
      authority = authority.substring(at + 1);
    }
    if (authority.contains(",")) {
      throw bad(original, "it names several hosts (" + authority + "); jdbc:vpce: routes one host through its "
          + "binding: use one URL per host");
    }
    String host = authority;
    int port = vendor.defaultPort;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && !authority.endsWith("]")) {
      host = authority.substring(0, colon);
      String p = authority.substring(colon + 1);
      try {
        port = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw bad(original, "the port must be a number from 1 to 65535, but was '" + p + "'");
      }
    }
    if (host.isEmpty()) {
      throw bad(original, "it names no host");
    }
    String path = tail;
    String query = "";
    int q = tail.indexOf('?');
    if (q >= 0) {
      path = tail.substring(0, q);
      query = tail.substring(q + 1);
    }
    Map<String, String> vpce = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (isVpce(key)) {
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          value = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new SQLException("jdbc:vpce: parameter " + key + " has a malformed percent-encoding: '" + value
              + "' (" + e.getMessage() + ")", "08001");
        }
        if (vpce.put(key, value) != null) {
          throw new SQLException("jdbc:vpce: parameter " + key + " is given twice in " + redact(original), "08001");
        }
      } else {
        others.add(pair);
      }
    }
    String delegate = vendor.prefix + userInfo + authority + path
        + (others.isEmpty() ? "" : "?" + String.join("&", others));
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return new JdbcUrl(vendor, bare, port, Collections.unmodifiableMap(vpce), List.copyOf(others), original.startsWith(PREFIX) ? delegate : plain);
  }

  /** Whether a URL parameter or connection property belongs to vpce. */
  static boolean isVpce(String key) {
    return key.length() >= 4 && key.substring(0, 4).toLowerCase(Locale.ROOT).equals("vpce");
  }

  /** Whether the driver URL sets this parameter itself (names compared without case). */
  boolean hasParameter(String name) {
    for (String pair : others) {
      int eq = pair.indexOf('=');
      if ((eq < 0 ? pair : pair.substring(0, eq)).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** A malformed URL: the message shows it redacted. */
  private static SQLException bad(String url, String why) {
    return new SQLException("jdbc:vpce: malformed URL '" + redact(url) + "': " + why + "; expected " + EXPECTED,
        "08001");
  }
}
