package dev.vpce.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
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
 * A throwaway CA and a server certificate it signed for one DNS name (EC P-256, valid from a day ago to a day
 * ahead), for TLS on loopback in tests and demos: {@link TlsServer}'s, or a database's server certificate. The
 * certificate names the host in its subject alternative names, so clients verify the hostname as in production.
 *
 * @param ca         the CA's certificate, the one clients trust
 * @param server     the server's certificate, for {@code hostname}, signed by the CA
 * @param serverKeys the server's key pair
 */
public record TestCertificate(X509Certificate ca, X509Certificate server, KeyPair serverKeys) {
  /**
   * Makes a new CA and a server certificate for {@code hostname}.
   *
   * @param caName   the CA's common name, for telling test CAs apart, for example {@code "vpce test CA"}
   * @param hostname the DNS name the server certificate is for
   * @return the CA's and the server's certificates and the server's keys
   * @throws IllegalStateException when the JVM cannot make EC keys or sign (it names the hostname)
   */
  public static TestCertificate issue(String caName, String hostname) {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(256);
      KeyPair caKeys = kpg.generateKeyPair();
      KeyPair serverKeys = kpg.generateKeyPair();
      Date from = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
      Date to = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
      X500Name issuer = new X500Name("CN=" + caName);
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(issuer, BigInteger.ONE, from, to, issuer,
          caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(
          ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
      X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(issuer, BigInteger.TWO, from, to,
          new X500Name("CN=" + hostname), serverKeys.getPublic());
      leaf.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
      leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(
          leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
      return new TestCertificate(caCert, leafCert, serverKeys);
    } catch (Exception e) {
      throw new IllegalStateException("could not make a test certificate for " + hostname + ": " + e, e);
    }
  }

  /**
   * Writes the CA's certificate, the server's certificate and the server's private key (PKCS#8, readable by
   * the owner only, as PostgreSQL and MariaDB demand) as PEM files.
   *
   * @param caFile     where the CA's certificate goes
   * @param serverFile where the server's certificate goes
   * @param keyFile    where the server's private key goes
   * @throws IOException when a file cannot be written
   */
  public void writePem(Path caFile, Path serverFile, Path keyFile) throws IOException {
    Files.writeString(caFile, pem(ca));
    Files.writeString(serverFile, pem(server));
    Files.writeString(keyFile, pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(out)) {
      pw.writeObject(o);
    }
    return out.toString();
  }
}
