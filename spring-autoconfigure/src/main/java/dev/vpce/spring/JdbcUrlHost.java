package dev.vpce.spring;

import java.util.Locale;

/**
 * The one host of a pgJDBC, MySQL Connector/J or MariaDB Connector/J URL ({@code jdbc:postgresql://host:port/db},
 * also behind {@code jdbc:vpce:}), and vpce's socket factory for that driver. Other URLs (several hosts, no
 * host, other drivers) are not routed by the starter and parse to null.
 *
 * @param host          the URL's host as written
 * @param vpce          whether the URL starts with {@code jdbc:vpce:}, whose driver adds the socket factory itself
 * @param socketFactory the class name of vpce's socket factory for the URL's driver
 */
record JdbcUrlHost(String host, boolean vpce, String socketFactory) {
  static final String VPCE_PREFIX = "jdbc:vpce:";
  /** The connection property each of the three drivers reads its socket factory class from. */
  static final String SOCKET_FACTORY_PROPERTY = "socketFactory";

  static JdbcUrlHost parse(String url) {
    if (url == null) {
      return null;
    }
    boolean vpce = url.startsWith(VPCE_PREFIX);
    String plain = vpce ? "jdbc:" + url.substring(VPCE_PREFIX.length()) : url;
    String factory;
    String rest;
    if (plain.startsWith("jdbc:postgresql://")) {
      factory = "dev.vpce.jdbc.PostgresSocketFactory";
      rest = plain.substring("jdbc:postgresql://".length());
    } else if (plain.startsWith("jdbc:mysql://")) {
      factory = "dev.vpce.jdbc.MySqlSocketFactory";
      rest = plain.substring("jdbc:mysql://".length());
    } else if (plain.startsWith("jdbc:mariadb://")) {
      factory = "dev.vpce.jdbc.MariaDbSocketFactory";
      rest = plain.substring("jdbc:mariadb://".length());
    } else {
      return null;
    }
    int end = indexOfAny(rest, "/?");
    String authority = end < 0 ? rest : rest.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1); // MySQL and MariaDB allow user:password@
    if (authority.isEmpty() || authority.indexOf(',') >= 0 || authority.indexOf('(') >= 0) {
      return null; // no host, several hosts or MySQL's address=(…) form
    }
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = authority.substring(1, close);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    return host.isEmpty() ? null : new JdbcUrlHost(host.toLowerCase(Locale.ROOT), vpce, factory);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
