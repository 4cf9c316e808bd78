package dev.vpce.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.demo.DemoDatabase;
import dev.vpce.jdbc.PoolFailback;
import dev.vpce.jdbc.PostgresSocketFactory;
import dev.vpce.jdbc.VpceJdbc;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.LocalPrivateLink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * JDBC with HikariCP, two ways: a {@code jdbc:vpce:} URL, and an unchanged {@code jdbc:postgresql:} URL with
 * vpce's socket factory as a driver property. Either way the URL keeps the logical hostname, so
 * {@code sslmode=verify-full} verifies it; only the TCP connection follows the zonal-first route. The
 * {@link PrivateLink} comes from the registry: register it once at start-up.
 */
public final class JdbcExample {
  /** The database's logical hostname; its certificate is for this name. */
  public static final String HOST = "ledger-db.corp.example.com";

  private JdbcExample() {}

  /**
   * Makes {@code privateLink} the one {@code jdbc:vpce:} URLs and vpce's socket factories use for the hosts it
   * binds. Build it with {@code .listener(VpceJdbc.listener())} so {@link PoolFailback} hears tier changes at once.
   */
  public static void register(PrivateLink privateLink) {
    VpceJdbc.register(privateLink);
  }

  /** A pool on a {@code jdbc:vpce:postgresql://…} URL: no code but the URL. */
  public static HikariDataSource vpceUrlPool(String vpceUrl) {
    if (!vpceUrl.startsWith("jdbc:vpce:")) {
      throw new IllegalArgumentException("vpceUrl has the value '" + vpceUrl + "'; expected a jdbc:vpce: URL");
    }
    HikariConfig config = settings();
    config.setJdbcUrl(vpceUrl);
    return new HikariDataSource(config);
  }

  /** A pool on an unchanged {@code jdbc:postgresql://…} URL, with vpce's socket factory as a driver property. */
  public static HikariDataSource socketFactoryPool(String postgresUrl) {
    if (!postgresUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("postgresUrl has the value '" + postgresUrl
          + "'; expected a jdbc:postgresql: URL");
    }
    HikariConfig config = settings();
    config.setJdbcUrl(postgresUrl);
    config.addDataSourceProperty("socketFactory", PostgresSocketFactory.class.getName());
    return new HikariDataSource(config);
  }

  /** README's pool settings for PrivateLink. */
  private static HikariConfig settings() {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setKeepaliveTime(Duration.ofSeconds(60).toMillis()); // well inside the endpoint's 350 s idle timeout
    config.setIdleTimeout(Duration.ofSeconds(300).toMillis());
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis()); // twice the driver's connectTimeout=4 and more
    return config;
  }

  /** One query: the server's view of the session, to show it is TLS. */
  public static String whoAmI(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      r.next();
      return r.getString(1) + (r.getBoolean(2) ? " over TLS" : " in plain text");
    }
  }

  public static void main(String[] args) throws Exception {
    // pgJDBC looks the hostname up in the JVM once before vpce's socket connects; keep that lookup local
    if (System.getProperty("jdk.net.hosts.file") == null) {
      java.nio.file.Path hosts = java.nio.file.Files.createTempFile("vpce-hosts", "");
      java.nio.file.Files.writeString(hosts, "127.0.0.1 localhost\n");
      System.setProperty("jdk.net.hosts.file", hosts.toString());
    }
    try (DemoDatabase db = DemoDatabase.start(HOST);
        LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      kit.endpoint().target(db.address());
      try (PrivateLink privateLink = LocalPrivateLinks.builder(kit)
          .bind(HOST, kit.endpoint().serviceName())
          .listener(VpceJdbc.listener())
          .build()) {
        register(privateLink);
        String params = "?user=postgres&sslmode=verify-full&sslrootcert=" + db.rootCert() + "&connectTimeout=4";
        String path = HOST + ":" + kit.endpoint().port() + "/postgres" + params;
        try (HikariDataSource a = vpceUrlPool("jdbc:vpce:postgresql://" + path);
            PoolFailback failback = PoolFailback.forHikari(a);
            HikariDataSource b = socketFactoryPool("jdbc:postgresql://" + path)) {
          System.out.println("jdbc:vpce: " + whoAmI(a) + "; socket factory: " + whoAmI(b)
              + "; connections by zone " + kit.endpoint().fronts().stream()
                  .map(f -> f.zone().name() + "=" + f.connections()).toList());
        } finally {
          VpceJdbc.unregister(privateLink);
        }
      }
    }
  }
}
