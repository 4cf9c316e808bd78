package dev.vpce.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.vpce.PrivateLink;
import dev.vpce.RouteTier;
import dev.vpce.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a HikariCP pool to the binding of its host so that it returns to the local zone soon after the zone
 * recovers, not after {@code maxLifetime}. While the binding's route is degraded (its first address is not
 * in the local zone), every new connection goes elsewhere; when the route returns to the local zone, the
 * pool's connections are soft-evicted ({@link HikariPoolMXBean#softEvictConnections()}): idle ones are
 * closed at once, in-use ones when they are returned, and the pool refills in the local zone.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);   // jdbc:vpce:postgresql://ledger-db.corp.example.com/…
 * PoolFailback failback = PoolFailback.forHikari(pool);   // close it before the pool
 * }</pre>
 *
 * <p>A pool that opens no new connection would never try the local zone again, so while the route is
 * degraded and the local address is due for its breaker trial, a probe makes one TCP connection to it
 * (reported to the engine like any other) and closes it after a short wait that shows whether the server
 * resets it. Route tier changes arrive through {@link VpceJdbc#listener()} when the {@code PrivateLink}
 * has it, and are checked on every probe tick otherwise. One daemon thread, stopped by {@link #close()}.
 */
public final class PoolFailback implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce.jdbc");
  /** How long a probe waits to see whether the server resets a connection it accepted. */
  static final Duration PROBE_LISTEN = Duration.ofMillis(200);

  private final PrivateLink link;
  private final String host;
  private final int port;
  private final Runnable evict;
  private final Duration probeTimeout;
  private final ScheduledExecutorService probes;
  private boolean degraded; // guarded by this
  private volatile boolean closed;
  private volatile long evictions;
  private final VpceJdbc.TierWatcher watcher = this::tierChanged;

  PoolFailback(PrivateLink link, String host, int port, Runnable evict, Duration probeInterval,
      Duration probeTimeout) {
    this.link = link;
    this.host = host;
    this.port = port;
    this.evict = evict;
    this.probeTimeout = probeTimeout;
    this.probes = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vpce-jdbc-failback-" + host);
      t.setDaemon(true);
      return t;
    });
    VpceJdbc.watch(watcher);
    probes.scheduleWithFixedDelay(this::tick, probeInterval.toMillis(), probeInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Ties a pool whose {@code jdbcUrl} names a bound host ({@code jdbc:vpce:…}, or a plain driver URL with a
   * vpce socket factory) to that host's binding; probes once a second.
   *
   * @param pool a started or configured Hikari pool whose URL host is bound
   * @return the tie; close it before the pool
   * @throws IllegalArgumentException when the pool has no {@code jdbcUrl} or no {@code PrivateLink} binds its host
   */
  public static PoolFailback forHikari(HikariDataSource pool) {
    return forHikari(pool, Duration.ofSeconds(1));
  }

  /**
   * As {@link #forHikari(HikariDataSource)}, probing at this interval while the route is degraded.
   *
   * @param pool a started or configured Hikari pool whose URL host is bound
   * @param probeInterval how often the route is checked while it is degraded; must be positive
   * @return the tie; close it before the pool
   */
  public static PoolFailback forHikari(HikariDataSource pool, Duration probeInterval) {
    Checks.notNull("pool", pool);
    Checks.positive("probeInterval", probeInterval);
    String url = pool.getJdbcUrl();
    if (url == null) {
      throw new IllegalArgumentException("pool.jdbcUrl must be set (PoolFailback reads the host from it), but the "
          + "pool " + pool.getPoolName() + " has none");
    }
    JdbcUrl u;
    PrivateLink link;
    try {
      u = JdbcUrl.parseAny(url);
      link = VpceJdbc.registeredFor(u.host());
      if (link == null && url.startsWith(JdbcUrl.PREFIX)) {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String key : pool.getDataSourceProperties().stringPropertyNames()) {
          if (JdbcUrl.isVpce(key)) {
            parameters.put(key, pool.getDataSourceProperties().getProperty(key));
          }
        }
        parameters.putAll(u.vpceParameters());
        UrlConfig config = UrlConfig.parse(u.host(), parameters);
        link = config.describesBinding() ? VpceJdbc.shared(config) : null;
      }
      if (link == null) {
        link = VpceJdbc.find(u.host());
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("pool.jdbcUrl: " + e.getMessage(), e);
    }
    if (link == null) {
      throw new IllegalArgumentException("no PrivateLink binds " + u.host() + ", the host of pool.jdbcUrl '"
          + JdbcUrl.redact(url) + "': register one with VpceJdbc.register, or use jdbc:vpce: parameters");
    }
    Supplier<HikariPoolMXBean> bean = pool::getHikariPoolMXBean;
    String name = pool.getPoolName();
    return new PoolFailback(link, u.host(), u.port(), () -> {
      HikariPoolMXBean b = bean.get();
      if (b != null) {
        LOG.info("vpce [{}] the local zone is healthy again: soft-evicting the connections of pool {} so it "
            + "refills there ({} active, {} idle)", u.host(), name, b.getActiveConnections(), b.getIdleConnections());
        b.softEvictConnections();
      }
    }, probeInterval, Duration.ofSeconds(1));
  }

  /**
   * How many times the pool was soft-evicted since this was created.
   *
   * @return the number of soft evictions since creation
   */
  public long evictions() {
    return evictions;
  }

  private void tierChanged(String changedHost, RouteTier tier) {
    if (host.equalsIgnoreCase(changedHost)) {
      observe(tier);
    }
  }

  private void observe(RouteTier tier) {
    if (tier == null || closed) {
      return;
    }
    boolean evictNow;
    synchronized (this) {
      if (tier != RouteTier.LOCAL_ZONE) {
        if (!degraded) {
          LOG.info("vpce [{}] route degraded ({}): new pool connections go there until the local zone recovers",
              host, tier);
        }
        degraded = true;
        return;
      }
      evictNow = degraded;
      degraded = false;
    }
    if (evictNow) {
      // on the failback's own thread: listeners must be fast, and this may be a pool thread reporting a connect
      try {
        probes.execute(() -> {
          evictions++;
          evict.run();
        });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile: the pool is on its own again
      }
    }
  }

  private void tick() {
    try {
      RouteTier tier = EngineShim.tier(link, host);
      observe(tier);
      if (tier != null && tier != RouteTier.LOCAL_ZONE) {
        probe();
        observe(EngineShim.tier(link, host));
      }
    } catch (RuntimeException e) {
      LOG.warn("vpce [{}] pool fail-back probe failed; next tick retries", host, e);
    }
  }

  /** One TCP connection to the address due for its trial, when there is one. */
  private void probe() {
    List<InetSocketAddress> normal;
    List<InetSocketAddress> handed;
    try {
      normal = EngineShim.routeAddresses(link, host, port);
      handed = EngineShim.resolve(link, host, port);
    } catch (IOException e) {
      return;
    }
    if (handed.isEmpty() || normal.isEmpty() || handed.get(0).equals(normal.get(0))) {
      return; // no trial is due for the preferred address
    }
    InetSocketAddress target = handed.get(0);
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(target, (int) probeTimeout.toMillis());
      long connectNanos = System.nanoTime() - start;
      s.setSoTimeout((int) PROBE_LISTEN.toMillis());
      InputStream in = s.getInputStream();
      try {
        if (in.read() < 0) {
          throw new java.io.EOFException("the server closed the connection before it said anything");
        }
      } catch (SocketTimeoutException quiet) {
        // the server waits for the client to speak first: the connection is good
      }
      EngineShim.connectSucceeded(link, target, Duration.ofNanos(connectNanos));
    } catch (IOException e) {
      EngineShim.connectFailed(link, target, e);
    }
  }

  /** Stops probing and listening. The pool is left as it is. */
  @Override
  public void close() {
    closed = true;
    VpceJdbc.unwatch(watcher);
    probes.shutdownNow();
  }
}
