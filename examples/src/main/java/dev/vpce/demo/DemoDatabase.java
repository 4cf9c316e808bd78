package dev.vpce.demo;

import dev.vpce.testkit.TestCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

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
    TestCertificate.issue("vpce demo CA", hostname).writePem(root, cert, key);
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

}
