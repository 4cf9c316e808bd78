package dev.vpce.jdbc;

import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkClosedException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The {@code jdbc:vpce:} driver: {@code jdbc:vpce:postgresql://ledger-db.corp.example.com:5432/ledger},
 * {@code jdbc:vpce:mysql://…} and {@code jdbc:vpce:mariadb://…} connect through the real driver with the same
 * URL minus {@code vpce:} and minus every {@code vpce*} parameter, with vpce's socket factory for that driver,
 * so the TCP connection follows the binding's route while TLS verifies the URL's hostname. Where the
 * {@code PrivateLink} comes from is described on {@link VpceJdbc}. Registered through
 * {@code META-INF/services/java.sql.Driver}.
 *
 * <p>{@code vpce*} parameters, in the URL or in the connection properties (the URL wins):
 * {@code vpceServiceName} (discover the endpoint of this service), or {@code vpceRegionalDnsName} (a static
 * endpoint) with optional {@code vpceZonalDnsNames=zone:name,…}; {@code vpceZone} / {@code vpceZoneId}
 * (placement override); {@code vpceDnsServers=ip[:port],…}; {@code vpceStartupTimeout=10s}; with
 * {@code vpceServiceName} only, {@code vpceRegion} (the Region of the EC2 API) and {@code vpceEc2Endpoint}
 * (for example the VPC's EC2 interface endpoint); the EC2 credentials come from the AWS SDK's default chain.
 */
public final class VpceDriver implements Driver {
  // by name: each factory's class needs its driver on the classpath, and an application has one or two
  private static final String POSTGRES_FACTORY = "dev.vpce.jdbc.PostgresSocketFactory";
  private static final String MARIADB_FACTORY = "dev.vpce.jdbc.MariaDbSocketFactory";
  private static final String MYSQL_FACTORY = "dev.vpce.jdbc.MySqlSocketFactory";
  /** Delegate URL to the driver that takes it; an application has a few URLs, so a bound suffices. */
  private static final Map<String, Driver> REAL_DRIVERS = new ConcurrentHashMap<>();
  private static final int MAX_REAL_DRIVERS = 256;

  static {
    try {
      DriverManager.registerDriver(new VpceDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(JdbcUrl.PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // DriverManager asks every driver; the contract is null for other URLs
    }
    JdbcUrl u = JdbcUrl.parseVpce(url);
    Map<String, String> parameters = new LinkedHashMap<>();
    Properties delegateInfo = new Properties();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        if (JdbcUrl.isVpce(key)) {
          parameters.put(key, info.getProperty(key));
        } else {
          delegateInfo.setProperty(key, info.getProperty(key));
        }
      }
    }
    parameters.putAll(u.vpceParameters());
    UrlConfig config = UrlConfig.parse(u.host(), parameters);
    if (u.hasParameter("socketFactory") || delegateInfo.getProperty("socketFactory") != null) {
      throw new SQLException("jdbc:vpce: socketFactory is set for " + u.host() + ", but jdbc:vpce: installs vpce's "
          + "own socket factory; remove socketFactory, or use the plain driver URL with vpce's socket factory",
          "08001");
    }
    PrivateLink link = VpceJdbc.registeredFor(u.host());
    if (link == null) {
      if (!config.describesBinding() && VpceJdbc.closedFor(u.host()) != null) {
        throw closed(u.host(), null);
      }
      if (!config.describesBinding()) {
        throw new SQLException("jdbc:vpce: no PrivateLink binds " + u.host() + ": register one with "
            + "VpceJdbc.register(privateLink), or describe the binding in the URL with "
            + UrlConfig.SERVICE_NAME + "=<service name> or " + UrlConfig.REGIONAL_DNS_NAME + "=<regional DNS name>",
            "08001");
      }
      link = VpceJdbc.shared(config);
    }
    String id = VpceJdbc.idOf(link);
    switch (u.vendor()) {
      case POSTGRESQL -> {
        delegateInfo.setProperty("socketFactory", POSTGRES_FACTORY);
        delegateInfo.setProperty("socketFactoryArg", id);
      }
      case MARIADB -> {
        delegateInfo.setProperty("socketFactory", MARIADB_FACTORY);
        delegateInfo.setProperty(VpceJdbc.LINK_OPTION, id);
      }
      case MYSQL -> delegateInfo.setProperty("socketFactory", MYSQL_FACTORY);
    }
    Driver real = realDriver(u);
    PrivateLink previous = VpceJdbc.CHOSEN.get();
    VpceJdbc.CHOSEN.set(link);
    try {
      return real.connect(u.delegateUrl(), delegateInfo);
    } catch (SQLException e) {
      throw translate(e, u.host());
    } finally {
      if (previous == null) {
        VpceJdbc.CHOSEN.remove();
      } else {
        VpceJdbc.CHOSEN.set(previous);
      }
    }
  }

  /** The driver's exception, or 08001 naming the binding and each address tried when vpce's route failed. */
  static SQLException translate(SQLException e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PrivateLinkClosedException c) {
        SQLException out = closed(host, c);
        out.addSuppressed(e);
        return out;
      }
      if (t instanceof ZonalConnectException z) {
        SQLException out = new SQLException(z.getMessage(), "08001", z.getCause());
        out.addSuppressed(e);
        return out;
      }
      if (t instanceof UnknownHostException uh && uh.getClass().getName().startsWith("dev.vpce.")) {
        SQLException out = new SQLException(uh.getMessage(), "08001", uh);
        out.addSuppressed(e);
        return out;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }

  /** 08001 for a host whose only {@code PrivateLink} was closed. */
  static SQLException closed(String host, PrivateLinkClosedException cause) {
    return new SQLException("jdbc:vpce: the PrivateLink that binds " + host + " is closed, so vpce cannot route "
        + "the connection: register an open PrivateLink for " + host + " with VpceJdbc.register (and call "
        + "VpceJdbc.unregister before closing one), or describe the binding in the URL", "08001", cause);
  }

  /**
   * The driver DriverManager picks for the delegate URL: the first registered one that accepts it. Kept per
   * URL, since asking it again costs every connect pgJDBC's whole URL parse (with a look for a .pgpass file)
   * in {@code acceptsURL}; a kept driver is used while it is still registered, and registration only ever
   * appends, so it stays the first that accepts the URL.
   */
  private static Driver realDriver(JdbcUrl u) throws SQLException {
    String url = u.delegateUrl();
    Driver known = REAL_DRIVERS.get(url);
    if (known != null && registered(known)) {
      return known;
    }
    Driver found = findRealDriver(u);
    if (known != null) {
      REAL_DRIVERS.remove(url, known);
    }
    if (REAL_DRIVERS.size() < MAX_REAL_DRIVERS) {
      REAL_DRIVERS.put(url, found);
    }
    return found;
  }

  private static boolean registered(Driver driver) {
    for (Enumeration<Driver> e = DriverManager.getDrivers(); e.hasMoreElements(); ) {
      if (e.nextElement() == driver) {
        return true;
      }
    }
    return false;
  }

  private static Driver findRealDriver(JdbcUrl u) throws SQLException {
    try {
      return DriverManager.getDriver(u.delegateUrl());
    } catch (SQLException e) {
      String artifact = switch (u.vendor()) {
        case POSTGRESQL -> "org.postgresql:postgresql";
        case MYSQL -> "com.mysql:mysql-connector-j";
        case MARIADB -> "org.mariadb.jdbc:mariadb-java-client";
      };
      throw new SQLException("jdbc:vpce: no JDBC driver accepts jdbc:" + u.vendor().scheme + ": URLs; add "
          + artifact + " to the classpath", "08001", e);
    }
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return new DriverPropertyInfo[0];
    }
    JdbcUrl u = JdbcUrl.parseVpce(url);
    List<DriverPropertyInfo> out = new ArrayList<>(List.of(realDriver(u).getPropertyInfo(u.delegateUrl(), info)));
    for (String name : UrlConfig.KNOWN) {
      DriverPropertyInfo p = new DriverPropertyInfo(name, u.vpceParameters().get(name));
      p.description = "vpce: see dev.vpce.jdbc.VpceDriver";
      out.add(p);
    }
    return out.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false; // it is as compliant as the driver it wraps
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("vpce logs through SLF4J (logger dev.vpce.jdbc)");
  }
}
