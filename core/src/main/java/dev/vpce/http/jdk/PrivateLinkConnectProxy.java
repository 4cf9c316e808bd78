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
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ServerSocketFactory;
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
 * <p>The selector sends bound hosts through the proxy and asks the selector that was in place before
 * (the JVM default when the proxy started, or {@link Builder#previousProxySelector}) about every other
 * host, so an application behind an egress proxy keeps it. For each {@code CONNECT host:port} the proxy
 * tries the route's addresses in order, reports each TCP outcome, and then only relays bytes: TLS runs end
 * to end between the client and the server, so SNI, the certificate check and the {@code Host} header stay
 * on the hostname, and the proxy can neither see nor weaken them.
 *
 * <p>Safeguards: it tunnels only to bound hosts and only to the {@link Builder#allowedPorts allowed ports}
 * (443 unless configured), serves at most {@link Builder#maxConnections} connections at once on a bounded
 * set of threads and refuses more with {@code 503}, closes a tunnel after {@link Builder#idleTimeout} of
 * silence (below PrivateLink's 350 s), and keeps accepting through accept errors such as running out of file
 * descriptors, with back-off. If accepting ever stops, the listening socket is closed, so clients get a
 * refused connection rather than a wait in the backlog. A refusal carries vpce's reason in the status line's
 * reason phrase and the body, and is logged at WARN at most once a minute per host and kind.
 *
 * <p>Limits: {@code https} only (plain {@code http} through a proxy is not tunnelled by the JDK client); a
 * TLS handshake failure is not seen by the proxy, so it neither counts against the address nor moves to the
 * next. The proxy listens on 127.0.0.1 only. Thread-safe; {@link #close()} stops its threads.
 */
public final class PrivateLinkConnectProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration PRIVATELINK_IDLE_TIMEOUT = Duration.ofSeconds(350);
  private static final Duration MIN_ACCEPT_PAUSE = Duration.ofMillis(10);
  private static final Duration MAX_ACCEPT_PAUSE = Duration.ofSeconds(1);
  private static final int MAX_REASON = 200;

  private final PrivateLink privateLink;
  private final Duration connectTimeout;
  private final Set<Integer> allowedPorts;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration handshakeTimeout;
  private final ProxySelector previous;
  private final Clock clock;
  private final ServerSocket server;
  private final String name;
  private final Semaphore permits;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor refusals;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final RateLimitedWarnings warnings;
  private final LongAdder acceptFailures = new LongAdder();
  private volatile boolean closed;

  private PrivateLinkConnectProxy(Builder b, ProxySelector previous) throws IOException {
    this.privateLink = b.privateLink;
    this.connectTimeout = b.connectTimeout;
    this.allowedPorts = Set.copyOf(b.allowedPorts);
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.previous = previous;
    this.clock = b.clock;
    this.warnings = new RateLimitedWarnings(LOG, clock, Duration.ofMinutes(1));
    this.server = b.serverSockets.createServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.name = "vpce-proxy-" + INSTANCES.incrementAndGet();
    this.permits = new Semaphore(maxConnections);
    // a connection uses at most two threads (one per direction); the permits bound the queue
    this.workers = new ThreadPoolExecutor(2 * maxConnections, 2 * maxConnections, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads(name + "-"));
    this.workers.allowCoreThreadTimeOut(true);
    this.refusals = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
        threads(name + "-refusals-"), (task, pool) -> ((Refusal) task).drop());
    this.refusals.allowCoreThreadTimeOut(true);
    this.acceptor = threads(name + "-accept-").newThread(this::acceptLoop);
    acceptor.start();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts a proxy with the defaults of {@link Builder}.
   *
   * @param privateLink the instance whose bound hosts the proxy tunnels; the caller keeps closing it
   * @return a running proxy on 127.0.0.1; close it when done
   * @throws IOException when no loopback port can be bound
   */
  public static PrivateLinkConnectProxy start(PrivateLink privateLink) throws IOException {
    return builder(privateLink).start();
  }

  /**
   * A builder for a proxy in front of this {@code PrivateLink}.
   *
   * @param privateLink the instance whose bound hosts the proxy tunnels, not null
   * @return a builder with the defaults described on each of its methods
   * @throws NullPointerException when privateLink is null
   */
  public static Builder builder(PrivateLink privateLink) {
    return new Builder(Checks.notNull("privateLink", privateLink));
  }

  /**
   * Where the proxy listens (127.0.0.1).
   *
   * @return the loopback address and ephemeral port to give the JDK client as its proxy
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /**
   * Whether the proxy is still accepting connections.
   *
   * @return false once {@link #close()} ran or the listening socket was closed
   */
  public boolean isAccepting() {
    return !closed && !server.isClosed();
  }

  /**
   * Sends bound hosts through the proxy and asks the previous selector about everything else; connect
   * failures to proxies other than this one are passed on to it too.
   *
   * @return a selector for {@code HttpClient.Builder.proxy(..)}
   */
  public ProxySelector proxySelector() {
    InetSocketAddress self = address();
    Proxy proxy = new Proxy(Proxy.Type.HTTP, self);
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String host = uri.getHost();
        return host != null && privateLink.isBound(host) ? List.of(proxy) : previous.select(uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        if (!self.equals(sa)) {
          previous.connectFailed(uri, sa, ioe);
        }
      }
    };
  }

  // ---------------------------------------------------------------- accepting

  private void acceptLoop() {
    Duration pause = MIN_ACCEPT_PAUSE;
    try {
      while (!closed) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException e) {
          if (closed || server.isClosed()) {
            return;
          }
          acceptFailures.increment();
          warnings.warn("accept", "vpce proxy " + address() + " could not accept a connection (" + e.getMessage()
              + "); still listening, next try in " + pause.toMillis() + " ms");
          Thread.sleep(pause.toMillis());
          pause = pause.multipliedBy(2).compareTo(MAX_ACCEPT_PAUSE) > 0 ? MAX_ACCEPT_PAUSE : pause.multipliedBy(2);
          continue;
        }
        pause = MIN_ACCEPT_PAUSE;
        admit(client);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException defect) {
      if (!closed) {
        LOG.error("vpce proxy {} stopped accepting and closed its socket: {}", address(), defect.toString(), defect);
      }
    } catch (Error e) {
      LOG.error("vpce proxy {} stopped accepting and closed its socket: {}", address(), e.toString());
      throw e;
    } finally {
      // never leave the socket open while nobody accepts: clients would wait in the backlog forever
      closeQuietly(server);
    }
  }

  private void admit(Socket client) {
    open.add(client);
    if (!permits.tryAcquire()) {
      Refusal r = new Refusal(client);
      refusals.execute(r);
      return;
    }
    try {
      workers.execute(() -> {
        try {
          handle(client);
        } finally {
          permits.release();
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      permits.release();
      closeQuietly(client);
    }
  }

  /** Answers a connection over the limit with 503 and the reason, on one bounded thread. */
  private final class Refusal implements Runnable {
    final Socket client;

    Refusal(Socket client) {
      this.client = client;
    }

    @Override
    public void run() {
      String why = "vpce proxy is full: " + maxConnections + " connections are open (maxConnections "
          + maxConnections + "); try again later";
      warnings.warn("full", "vpce proxy " + address() + " refused a connection: " + why);
      try {
        client.setSoTimeout(1_000);
        readHead(client.getInputStream());
      } catch (IOException | RuntimeException ignored) {
        // answer anyway
      }
      try {
        reply(client, 503, why);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }

    void drop() {
      closeQuietly(client);
    }
  }

  // ---------------------------------------------------------------- one connection

  private void handle(Socket client) {
    Socket upstream = null;
    try {
      client.setSoTimeout((int) handshakeTimeout.toMillis());
      String head = readHead(client.getInputStream());
      String[] line = head.split("\r\n", 2)[0].split(" ");
      if (line.length < 3 || !line[0].equals("CONNECT")) {
        reply(client, 405, "vpce's proxy only tunnels https (CONNECT), but got " + (line.length > 0 ? line[0] : ""));
        return;
      }
      String authority = line[1];
      int colon = authority.lastIndexOf(':');
      String host = colon < 0 ? authority : authority.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = colon < 0 ? 443 : Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        refuse(client, host, 400, "CONNECT " + authority + " has no valid port");
        return;
      }
      if (!privateLink.isBound(host)) {
        refuse(client, host, 403, "host " + host + " has no vpce binding; the proxy tunnels only bound hosts");
        return;
      }
      if (!allowedPorts.contains(port)) {
        refuse(client, host, 403, "port " + port + " of " + host + " is not allowed; allowedPorts are "
            + new TreeSet<>(allowedPorts));
        return;
      }
      List<InetAddress> route;
      try {
        route = privateLink.resolve(host);
      } catch (UnknownHostException noRoute) {
        refuse(client, host, 502, String.valueOf(noRoute.getMessage()));
        return;
      }
      List<String> failures = new ArrayList<>();
      upstream = connect(route, port, failures);
      if (upstream == null) {
        refuse(client, host, 502, "no address of " + host + ":" + port + " accepted a connection: "
            + String.join("; ", failures));
        return;
      }
      // a relay must not add Nagle's delay (40 ms with delayed ACKs) on top of the client's own writes
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      OutputStream out = client.getOutputStream();
      out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Socket up = upstream;
      Tunnel tunnel = new Tunnel(client, up, idleTimeout, clock, () -> {
        open.remove(client);
        open.remove(up);
      });
      tunnel.run(workers);
      if (tunnel.closedForIdleness()) {
        LOG.debug("vpce [{}] proxy closed a tunnel idle for {} s", host, idleTimeout.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(client);
      closeQuietly(upstream);
    } catch (IOException | RuntimeException e) {
      LOG.debug("vpce proxy connection ended: {}", e.toString());
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** Tries each address in order; the last gets the full connect timeout, the others the adaptive one. */
  private Socket connect(List<InetAddress> route, int port, List<String> failures) throws IOException {
    for (int i = 0; i < route.size(); i++) {
      InetSocketAddress target = new InetSocketAddress(route.get(i), port);
      Duration timeout = i == route.size() - 1 ? connectTimeout : privateLink.connectTimeout(target, connectTimeout);
      Socket s = new Socket();
      open.add(s);
      long started = System.nanoTime();
      try {
        s.connect(target, (int) Math.max(1, timeout.toMillis()));
        privateLink.connectSucceeded(target, Duration.ofNanos(System.nanoTime() - started));
        return s;
      } catch (IOException e) {
        privateLink.connectFailed(target, e);
        closeQuietly(s);
        failures.add(target.getAddress().getHostAddress() + " " + e.getMessage());
        if (closed) {
          throw e;
        }
      }
    }
    return null;
  }

  private void refuse(Socket client, String host, int status, String why) throws IOException {
    warnings.warn(host + " " + status, "vpce [" + host + "] proxy refused a tunnel with " + status + ": " + why);
    reply(client, status, why);
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

  /** The reason phrase of a refusal: vpce's reason on one line of printable ASCII, shortened if long. */
  static String reasonPhrase(String why) {
    StringBuilder b = new StringBuilder("vpce: ");
    for (char c : why.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    return b.length() <= MAX_REASON ? b.toString() : b.substring(0, MAX_REASON - 3) + "...";
  }

  private void reply(Socket client, int status, String why) throws IOException {
    byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 " + status + " " + reasonPhrase(why) + "\r\nContent-Type: text/plain; charset=utf-8"
        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    client.shutdownOutput();
    closeQuietly(client);
  }

  private void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      open.remove(s);
    }
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Accept errors survived since start (for example running out of file descriptors). */
  long acceptFailures() {
    return acceptFailures.sum();
  }

  /** Stops accepting, closes every connection and tunnel and stops every thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(server);
    acceptor.interrupt();
    for (Socket s : open) {
      closeQuietly(s);
    }
    workers.shutdownNow();
    refusals.shutdownNow();
    try {
      acceptor.join(5_000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
      refusals.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " on " + address() + " (allowedPorts " + new TreeSet<>(allowedPorts) + ", maxConnections "
        + maxConnections + ", idleTimeout " + idleTimeout + ")";
  }

  /**
   * Options of the proxy, checked when set and when {@link #start()} is called; each names itself in its
   * error. A builder can start several proxies.
   */
  public static final class Builder {
    private final PrivateLink privateLink;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Set<Integer> allowedPorts = Set.of(443);
    private int maxConnections = 256;
    private Duration idleTimeout = Duration.ofSeconds(300);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private ProxySelector previousProxySelector;
    private Clock clock = Clock.systemUTC();
    private ServerSocketFactory serverSockets = ServerSocketFactory.getDefault();

    private Builder(PrivateLink privateLink) {
      this.privateLink = privateLink;
    }

    /**
     * The connect timeout for the last address of a route, and the ceiling for the others; default 2 s.
     *
     * @param connectTimeout the timeout; must be positive
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * The only ports a bound host may be tunnelled to; default 443. A {@code CONNECT} to another port is
     * refused with 403 before any connection, so it can never count against an address.
     *
     * @param ports one or more ports from 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException when no port or a port out of range is given
     */
    public Builder allowedPorts(int... ports) {
      if (ports == null || ports.length == 0) {
        throw new IllegalArgumentException("allowedPorts must name at least one port, but was "
            + Arrays.toString(ports));
      }
      Set<Integer> set = new TreeSet<>();
      for (int p : ports) {
        if (p < 1 || p > 65_535) {
          throw new IllegalArgumentException("allowedPorts must be ports between 1 and 65535, but has " + p);
        }
        set.add(p);
      }
      this.allowedPorts = Set.copyOf(set);
      return this;
    }

    /**
     * How many client connections the proxy serves at once (each uses up to two threads); more are refused
     * with 503 and the reason. Default 256.
     *
     * @param maxConnections the limit; at least 1
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = Checks.atLeast("maxConnections", maxConnections, 1);
      return this;
    }

    /**
     * How long a tunnel may carry no byte in either direction before the proxy closes it; must stay below
     * PrivateLink's 350 s idle timeout, after which the flow would be dropped without a word. Default 300 s.
     *
     * @param idleTimeout the idle limit; positive and below 350 s
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      Checks.positive("idleTimeout", idleTimeout);
      if (idleTimeout.compareTo(PRIVATELINK_IDLE_TIMEOUT) >= 0) {
        throw new IllegalArgumentException("idleTimeout must be below PrivateLink's idle timeout of 350 s, but was "
            + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * How long a client may take to send its {@code CONNECT} request; default 10 s.
     *
     * @param handshakeTimeout the limit; must be positive
     * @return this builder
     */
    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = Checks.positive("handshakeTimeout", handshakeTimeout);
      return this;
    }

    /**
     * Where unbound hosts go: the selector the application used before. Default: the JVM-wide
     * {@link ProxySelector#getDefault()} when {@link #start()} runs, or direct connections when there is none;
     * {@link HttpClient.Builder#NO_PROXY} forces direct connections.
     *
     * @param previousProxySelector the selector for unbound hosts, not null
     * @return this builder
     */
    public Builder previousProxySelector(ProxySelector previousProxySelector) {
      this.previousProxySelector = Checks.notNull("previousProxySelector", previousProxySelector);
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    Builder serverSockets(ServerSocketFactory serverSockets) {
      this.serverSockets = Checks.notNull("serverSockets", serverSockets);
      return this;
    }

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts accepting.
     *
     * @return the running proxy; close it when done
     * @throws IOException when no loopback port can be bound
     */
    public PrivateLinkConnectProxy start() throws IOException {
      ProxySelector previous = previousProxySelector;
      if (previous == null) {
        ProxySelector system = ProxySelector.getDefault();
        previous = system != null ? system : HttpClient.Builder.NO_PROXY;
      }
      return new PrivateLinkConnectProxy(this, previous);
    }
  }
}
