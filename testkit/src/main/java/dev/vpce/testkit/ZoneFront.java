package dev.vpce.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP front of one endpoint in one zone: it listens on the zone's loopback address (the emulated
 * ENI address) and forwards each connection to the endpoint's target, the real server a test provides.
 *
 * <p>Its {@link BackendMode} and added latency switch at run time without a restart. It counts the
 * connections it accepted, so a test can assert which zone served it. Thread-safe.
 */
public final class ZoneFront {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce.testkit");
  private static final int BACKLOG = 64;
  private static final Duration FILL_PROBE = Duration.ofMillis(200);
  private static final int MAX_FILLERS = 16;

  private final EmulatedEndpoint endpoint;
  private final Zone zone;
  private final InetSocketAddress address;
  private final ExecutorService workers;
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Socket> fillers = new ArrayList<>();
  private final AtomicBoolean warnedNoTarget = new AtomicBoolean();

  private volatile BackendMode mode = BackendMode.HEALTHY;
  private volatile Duration latency = Duration.ZERO;
  private ServerSocket listener; // guarded by this; null while refusing
  private Thread acceptor; // guarded by this; null unless accepting
  private boolean closed; // guarded by this

  ZoneFront(EmulatedEndpoint endpoint, Zone zone, ServerSocket bound, ExecutorService workers) {
    this.endpoint = endpoint;
    this.zone = zone;
    this.address = (InetSocketAddress) bound.getLocalSocketAddress();
    this.workers = workers;
    this.listener = bound;
    startAccepting(bound);
  }

  /**
   * The zone this front serves.
   *
   * @return the zone, in the owner's AZ name and its AZ ID
   */
  public Zone zone() {
    return zone;
  }

  /**
   * The emulated ENI address and port a client connects to.
   *
   * @return the loopback address and the endpoint's shared port
   */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The emulated ENI IP address.
   *
   * @return the loopback address of this zone
   */
  public InetAddress ip() {
    return address.getAddress();
  }

  /**
   * The current mode.
   *
   * @return how new connections are answered now
   */
  public BackendMode mode() {
    return mode;
  }

  /**
   * Switches how new connections are answered. Connections already open stay open.
   *
   * @param newMode how to answer new connections: healthy, refuse, blackhole or reset
   * @return this front, for chaining
   */
  public synchronized ZoneFront mode(BackendMode newMode) {
    Checks.notNull("mode", newMode);
    if (closed) {
      throw new IllegalStateException("the LocalPrivateLink is closed");
    }
    if (newMode == mode) {
      return this;
    }
    closeListener();
    try {
      switch (newMode) {
        case REFUSE -> listener = null;
        case BLACKHOLE -> listener = blackhole();
        case HEALTHY, RESET -> {
          listener = bind(address, BACKLOG);
          startAccepting(listener);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not switch " + describe() + " to " + newMode, e);
    }
    mode = newMode;
    return this;
  }

  /**
   * Delays each accepted connection by this much before any byte is forwarded.
   *
   * @param added the delay, zero for none
   * @return this front, for chaining
   */
  public ZoneFront latency(Duration added) {
    this.latency = Checks.notNegative("latency", added);
    return this;
  }

  /**
   * The added latency.
   *
   * @return the delay each accepted connection gets; zero by default
   */
  public Duration latency() {
    return latency;
  }

  /**
   * How many connections this front has accepted (healthy and reset alike) since start or reset.
   *
   * @return the number of accepted connections
   */
  public int connections() {
    return connections.get();
  }

  synchronized void reset() {
    mode(BackendMode.HEALTHY);
    latency = Duration.ZERO;
    connections.set(0);
  }

  synchronized void close() {
    closed = true;
    closeListener();
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  static ServerSocket bind(InetSocketAddress at, int backlog) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(at, backlog);
      return s;
    } catch (IOException e) {
      closeQuietly(s);
      throw e;
    }
  }

  /** Binds with the smallest backlog and fills the accept queue, so Linux drops further SYNs. */
  private ServerSocket blackhole() throws IOException {
    ServerSocket s = bind(address, 1);
    for (int i = 0; i < MAX_FILLERS; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(address, (int) FILL_PROBE.toMillis());
        fillers.add(filler);
      } catch (SocketTimeoutException full) {
        closeQuietly(filler);
        return s;
      }
    }
    closeQuietly(s);
    throw new IOException("the accept queue of " + address + " did not fill after " + MAX_FILLERS
        + " connections; this kernel does not drop SYNs on a full queue");
  }

  private void closeListener() {
    if (listener != null) {
      closeQuietly(listener);
      listener = null;
    }
    if (acceptor != null) {
      // the JDK releases the port only once the thread blocked in accept() has left it
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      acceptor = null;
    }
    for (Socket f : fillers) {
      closeQuietly(f);
    }
    fillers.clear();
  }

  private void startAccepting(ServerSocket s) {
    Thread t = new Thread(() -> acceptLoop(s), "vpce-testkit-front-" + zone.name() + "-" + address.getPort());
    t.setDaemon(true);
    t.start();
    acceptor = t;
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException closedOrFailed) {
        return;
      }
      connections.incrementAndGet();
      if (mode == BackendMode.RESET) {
        reset(client);
      } else {
        open.add(client);
        workers.execute(() -> serve(client));
      }
    }
  }

  private static void reset(Socket client) {
    try {
      client.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing below still ends the connection
    }
    closeQuietly(client);
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try {
      Duration delay = latency;
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      InetSocketAddress target = endpoint.target();
      if (target == null) {
        if (warnedNoTarget.compareAndSet(false, true)) {
          LOG.warn("vpce-testkit [{}] closes every connection: endpoint {} has no target to forward to; give it "
              + "one with EndpointSpec.target(..) or EmulatedEndpoint.target(..)", describe(), endpoint.id());
        }
        end(client, null); // nothing to forward to: an orderly close
        return;
      }
      warnedNoTarget.set(false);
      upstream = new Socket();
      open.add(upstream);
      upstream.connect(target, 5_000);
      // a relay must not add Nagle's delay on top of the client's own writes
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      Socket up = upstream;
      AtomicInteger finished = new AtomicInteger();
      Runnable done = () -> {
        if (finished.incrementAndGet() == 2) {
          end(client, up);
        }
      };
      workers.execute(() -> {
        pump(up, client);
        done.run();
      });
      pump(client, up);
      done.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end(client, upstream);
    } catch (IOException e) {
      end(client, upstream); // the target refused: end this connection only
    }
  }

  /** Copies until EOF, then half-closes the other side; an error ends both. */
  private static void pump(Socket from, Socket to) {
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
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void end(Socket client, Socket upstream) {
    closeQuietly(client);
    open.remove(client);
    if (upstream != null) {
      closeQuietly(upstream);
      open.remove(upstream);
    }
  }

  private String describe() {
    return "front of " + endpoint.id() + " in " + zone.name() + " at " + address;
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // nothing to do
    }
  }

  @Override
  public String toString() {
    return describe() + " (" + mode + ", " + connections.get() + " connections)";
  }
}
