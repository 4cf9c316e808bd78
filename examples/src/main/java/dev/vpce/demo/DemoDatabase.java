package dev.vpce.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringWriter;
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
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An embedded PostgreSQL on loopback playing the on-premises database behind the endpoint, with TLS on and a
 * certificate for {@code hostname} from a CA made at start-up, so clients connect with
 * {@code sslmode=verify-full} on the logical hostname.
 */
public final class DemoDatabase implements AutoCloseable {
  private final EmbeddedPostgres server;
  private final Path rootCert;
  private final Path dir;

  private DemoDatabase(EmbeddedPostgres server, Path rootCert, Path dir) {
    this.server = server;
    this.rootCert = rootCert;
    this.dir = dir;
  }

  /** Starts PostgreSQL with a certificate for {@code hostname}. */
  public static DemoDatabase start(String hostname) throws Exception {
    Path dir = Files.createTempDirectory("vpce-demo-pg");
    Path root = dir.resolve("root.crt");
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    writeCertificates(hostname, root, cert, key);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", cert.toString())
        .setServerConfig("ssl_key_file", key.toString())
        .setServerConfig("max_connections", "100")
        .start();
    return new DemoDatabase(pg, root, dir);
  }

  /** Where PostgreSQL listens, on loopback. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
  }

  /** The CA certificate for {@code sslrootcert}. */
  public Path rootCert() {
    return rootCert;
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static void writeCertificates(String hostname, Path root, Path cert, Path key) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair caKeys = kpg.generateKeyPair();
    KeyPair serverKeys = kpg.generateKeyPair();
    Date from = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    Date to = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    X500Name caName = new X500Name("CN=vpce demo CA");
    X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
        caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(
        ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
        new X500Name("CN=" + hostname), serverKeys.getPublic());
    leaf.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
    leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(
        leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    Files.writeString(root, pem(caCert));
    Files.writeString(cert, pem(leafCert));
    Files.writeString(key, pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(out)) {
      pw.writeObject(o);
    }
    return out.toString();
  }
}
