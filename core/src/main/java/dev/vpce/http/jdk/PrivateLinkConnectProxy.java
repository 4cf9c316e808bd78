package dev.vpce.http.jdk;

import dev.vpce.PrivateLink;
import dev.vpce.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zonal-first routes for the JDK's {@code java.net.http.HttpClient}, which on Java 17 has no resolver hook
 * and only ever tries one address: a loopback HTTP {@code CONNECT} proxy run by vpce.
 *
 * <pre>{@code
 * try (PrivateLinkConnectProxy proxy = PrivateLinkConnectProxy.start(privateLink)) {
 *   HttpClient http = HttpClient.newBuilder().proxy(proxy.proxySelector()).build();
 *   http.send(HttpRequest.newBuilder(URI.create("https://orders.internal.example.com/")).build(), ...);
 * }
 * }</pre>
 *
 * <p>The selector sends only bound hosts through the proxy. For each {@code CONNECT host:port} the proxy
 * tries the route's addresses in order, each with the connect timeout, reports each TCP outcome, and then
 * only relays bytes: TLS runs end to end between the client and the server, so SNI, the certificate check
 * and the {@code Host} header stay on the hostname, and the proxy can neither see nor weaken them. Limits:
 * {@code https} only (plain {@code http} through a proxy is not tunnelled by the JDK client); a TLS
 * handshake failure is not seen by the proxy, so it neither counts against the address nor moves to the next.
 * The proxy listens on 127.0.0.1 only and accepts {@code CONNECT} only for bound hosts. Thread-safe;
 * {@link #close()} stops its threads.
 */
public final class PrivateLinkConnectProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final PrivateLink privateLink;
  private final Duration connectTimeout;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private PrivateLinkConnectProxy(PrivateLink privateLink, Duration connectTimeout) throws IOException {
    this.privateLink = privateLink;
    this.connectTimeout = connectTimeout;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "vpce-proxy-" + instance + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::acceptLoop);
  }

  /** Starts a proxy with a 2 s connect timeout per address. */
  public static PrivateLinkConnectProxy start(PrivateLink privateLink) throws IOException {
    return start(privateLink, Duration.ofSeconds(2));
  }

  /** Starts a proxy with this connect timeout per address. */
  public static PrivateLinkConnectProxy start(PrivateLink privateLink, Duration connectTimeout) throws IOException {
    return new PrivateLinkConnectProxy(Checks.notNull("privateLink", privateLink),
        Checks.positive("connectTimeout", connectTimeout));
  }

  /** Where the proxy listens (127.0.0.1). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Sends bound hosts through the proxy and everything else direct. */
  public ProxySelector proxySelector() {
    Proxy proxy = new Proxy(Proxy.Type.HTTP, address());
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String host = uri.getHost();
        return host != null && privateLink.isBound(host) ? List.of(proxy) : List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // the proxy is on loopback; nothing to learn
      }
    };
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> handle(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    Socket upstream = null;
    try {
      client.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String[] line = head.split("\r\n", 2)[0].split(" ");
      if (line.length < 3 || !line[0].equals("CONNECT")) {
        reply(client, "405 Method Not Allowed", "vpce's proxy only tunnels https (CONNECT)");
        return;
      }
      int colon = line[1].lastIndexOf(':');
      String host = colon < 0 ? line[1] : line[1].substring(0, colon);
      int port = colon < 0 ? 443 : Integer.parseInt(line[1].substring(colon + 1));
      if (!privateLink.isBound(host)) {
        reply(client, "403 Forbidden", "host " + host + " has no vpce binding");
        return;
      }
      try {
        upstream = connect(host, port);
      } catch (java.net.UnknownHostException noRoute) {
        reply(client, "502 Bad Gateway", noRoute.getMessage());
        return;
      }
      if (upstream == null) {
        reply(client, "502 Bad Gateway", "no address of " + host + " accepted a connection");
        return;
      }
      open.add(upstream);
      // a relay must not add Nagle's delay (40 ms with delayed ACKs) on top of the client's own writes
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      client.setSoTimeout(0);
      client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      Socket up = upstream;
      AtomicInteger finished = new AtomicInteger();
      threads.execute(() -> {
        pump(up, client);
        if (finished.incrementAndGet() == 2) {
          close(client, up);
        }
      });
      pump(client, up);
      if (finished.incrementAndGet() == 2) {
        close(client, up);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("vpce proxy connection ended: {}", e.toString());
      close(client, upstream);
    }
  }

  private Socket connect(String host, int port) throws IOException {
    for (InetAddress a : privateLink.resolve(host)) {
      Socket s = new Socket();
      try {
        long start = System.nanoTime();
        s.connect(new InetSocketAddress(a, port), (int) connectTimeout.toMillis());
        privateLink.connectSucceeded(new InetSocketAddress(a, port), Duration.ofNanos(System.nanoTime() - start));
        return s;
      } catch (IOException e) {
        privateLink.connectFailed(new InetSocketAddress(a, port), e);
        s.close();
      }
    }
    return null;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before the end of the CONNECT request");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 16 * 1024) {
        throw new IOException("CONNECT request head over 16 KB");
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private void reply(Socket client, String status, String why) throws IOException {
    byte[] body = why.getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    close(client, null);
  }

  /** Copies until EOF, then half-closes the other side; an error ends the tunnel. */
  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      close(from, to);
    }
  }

  private void close(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        open.remove(s);
      }
    }
  }

  /** Stops accepting, closes every tunnel and stops every thread. Idempotent. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      close(s, null);
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
