package dev.vpce.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA made at run time (never checked in), a server certificate for one logical hostname, and an
 * HTTPS server on 127.0.0.1 that records the SNI and {@code Host} it received. {@code /fail} answers 503;
 * every response says {@code Connection: close} when the path is {@code /close}.
 */
public final class TlsFixture implements AutoCloseable {
  public record Seen(String sni, String host) {}

  public final SSLContext clientContext;
  public final X509TrustManager trustManager;
  public final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  public TlsFixture(String hostname) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair caKeys = kpg.generateKeyPair();
    KeyPair serverKeys = kpg.generateKeyPair();
    Date from = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    Date to = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    X500Name caName = new X500Name("CN=vpce test CA");
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

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", serverKeys.getPrivate(), new char[0], new Certificate[] {leafCert, caCert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      String sni = null;
      if (((HttpsExchange) exchange).getSSLSession() instanceof ExtendedSSLSession ext) {
        for (SNIServerName n : ext.getRequestedServerNames()) {
          if (n instanceof SNIHostName h) {
            sni = h.getAsciiName();
          }
        }
      }
      seen.add(new Seen(sni, exchange.getRequestHeaders().getFirst("Host")));
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      int status = path.equals("/fail") ? 503 : 200;
      byte[] body = ("served " + path).getBytes(StandardCharsets.UTF_8);
      if (path.equals("/close") || path.equals("/fail")) {
        exchange.getResponseHeaders().set("Connection", "close");
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Throws unless every recorded request carried this SNI and this Host (with any port). */
  public static void check(List<Seen> seen, String hostname) throws IOException {
    for (Seen s : seen) {
      if (!hostname.equals(s.sni()) || s.host() == null || !s.host().startsWith(hostname)) {
        throw new IOException("expected SNI and Host " + hostname + " but saw " + s);
      }
    }
  }
}
