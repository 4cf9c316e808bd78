package dev.vpce.testkit;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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

/**
 * An HTTPS server on 127.0.0.1 for one logical hostname, with a certificate from a test CA made at run time
 * (no key is ever written to disk), that records the SNI and {@code Host} of every request. Put it behind
 * the zone fronts with {@link EmulatedEndpoint#target} and trust {@link #clientContext()} in the client.
 *
 * <p>Every path answers 200 with {@code served <path>}, except {@code /fail}, which answers 503. Responses to
 * {@code /close} and {@code /fail} carry {@code Connection: close}, so each such request needs a new
 * connection.
 */
public final class TlsServer implements AutoCloseable {
  private static final java.util.regex.Pattern HOSTNAME =
      java.util.regex.Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  static {
    // the JDK server writes headers and body apart; without TCP_NODELAY each response waits ~40 ms for a
    // delayed ACK. Read once, when the JDK's server classes load; a value set by the user wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * What one request carried.
   *
   * @param sni  the TLS server name indication, or null
   * @param host the {@code Host} header
   */
  public record Seen(String sni, String host) {}

  private final SSLContext clientContext;
  private final X509TrustManager trustManager;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  /**
   * Makes a CA and a certificate for {@code hostname}, and starts serving; for a field initializer or a
   * {@code @BeforeAll} that declares no checked exception.
   *
   * @param hostname the DNS name the certificate is for, such as {@code orders.internal.example.com}
   * @return a running server on loopback; close it when done
   * @throws IllegalArgumentException when the hostname is not a DNS name
   * @throws UncheckedIOException     when the server cannot bind on loopback
   * @throws IllegalStateException    when this JVM cannot make the test certificate
   */
  public static TlsServer start(String hostname) {
    Checks.notNull("hostname", hostname);
    if (!HOSTNAME.matcher(hostname).matches()) {
      throw new IllegalArgumentException("hostname must be a DNS name such as orders.internal.example.com, but was '"
          + hostname + "'");
    }
    try {
      return new TlsServer(hostname);
    } catch (IOException e) {
      throw new UncheckedIOException("the TLS test server for " + hostname + " could not start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the TLS test server for " + hostname + " could not make its certificate: "
          + e, e);
    }
  }

  /**
   * Makes a CA and a certificate for {@code hostname}, and starts serving; see {@link #start(String)}.
   *
   * @param hostname the DNS name the certificate is for
   * @throws Exception when the certificate cannot be made or the server cannot bind; {@link #start(String)} throws
   *     unchecked exceptions instead
   */
  public TlsServer(String hostname) throws Exception {
    TestCertificate certificate = TestCertificate.issue("vpce test CA", hostname);
    X509Certificate caCert = certificate.ca();
    KeyPair serverKeys = certificate.serverKeys();
    X509Certificate leafCert = certificate.server();

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

  /**
   * Where it listens.
   *
   * @return the loopback address and ephemeral port
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * A client TLS context that trusts only the test CA.
   *
   * @return the context; verification stays on, against the test CA
   */
  public SSLContext clientContext() {
    return clientContext;
  }

  /**
   * The trust manager behind {@link #clientContext()}, for clients that want it separately (OkHttp).
   *
   * @return the trust manager that trusts only the test CA
   */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /**
   * Every request since start or the last {@link #clearSeen()}, oldest first.
   *
   * @return an immutable snapshot, oldest first
   */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Forgets the requests seen so far. */
  public void clearSeen() {
    seen.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
