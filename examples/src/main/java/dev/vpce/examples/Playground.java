package dev.vpce.examples;

import dev.vpce.PrivateLink;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import dev.vpce.testkit.ZoneFront;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the examples' {@code main} methods talk to on a laptop: a {@link LocalPrivateLink} (three zones, the
 * instance in {@code us-east-1a}) with an HTTPS server for {@link #HOST} behind it, and a {@link PrivateLink}
 * wired to it. In production the PrivateLink comes from {@code PrivateLink.builder()} instead, and the server is
 * the real service.
 */
public final class Playground implements AutoCloseable {
  /** The hostname the application uses; the kit's certificate is for this name. */
  public static final String HOST = "orders.internal.example.com";

  private final LocalPrivateLink kit;
  private final TlsServer server;
  private final PrivateLink privateLink;

  private Playground(LocalPrivateLink kit, TlsServer server, PrivateLink privateLink) {
    this.kit = kit;
    this.server = server;
    this.privateLink = privateLink;
  }

  /** Starts the kit and the server, and binds {@link #HOST} to the kit's endpoint. */
  public static Playground start() {
    LocalPrivateLink kit = LocalPrivateLink.defaults().build();
    TlsServer server = TlsServer.start(HOST);
    kit.endpoint().target(server.address());
    PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build();
    return new Playground(kit, server, privateLink);
  }

  public LocalPrivateLink kit() {
    return kit;
  }

  /** The HTTPS server; trust its {@link TlsServer#clientContext()}. */
  public TlsServer server() {
    return server;
  }

  public PrivateLink privateLink() {
    return privateLink;
  }

  /** {@code https://orders.internal.example.com:<port><path>}: the hostname stays, only the route changes. */
  public URI url(String path) {
    return URI.create("https://" + HOST + ":" + kit.endpoint().port() + path);
  }

  /** Connections each zone's front has accepted so far, by zone. */
  public Map<String, Integer> connectionsByZone() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (ZoneFront f : kit.endpoint().fronts()) {
      m.put(f.zone().name(), f.connections());
    }
    return m;
  }

  @Override
  public void close() {
    privateLink.close();
    server.close();
    kit.close();
  }
}
