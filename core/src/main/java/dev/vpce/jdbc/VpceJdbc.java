package dev.vpce.jdbc;

import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.internal.Checks;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where vpce's JDBC driver and socket factories find the {@code PrivateLink} for a database host. Drivers
 * build socket factories by class name, so they reach the application's {@code PrivateLink} through this
 * JVM-wide registry. For a host, in this order:
 * <ol>
 *   <li>a {@code PrivateLink} registered here with {@link #register} that binds the host (the first one
 *       registered wins; the Spring Boot starter registers its bean here);</li>
 *   <li>for {@code jdbc:vpce:} URLs only, the URL's own {@code vpce*} parameters, from which one shared
 *       {@code PrivateLink} is built per distinct configuration, reused by every connection with the same
 *       parameters and closed when the JVM shuts down. Socket factories also find those, by host, once a
 *       {@code jdbc:vpce:} URL has built them.</li>
 * </ol>
 * A {@code PrivateLink} that was closed is skipped; when only closed ones bind a host, its connections fail
 * with an {@code SQLException} (08001) that names the host and says the {@code PrivateLink} is closed,
 * rather than leaving the binding for the system resolver. Unregister a {@code PrivateLink} before closing it.
 * Thread-safe.
 */
public final class VpceJdbc {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce.jdbc");
  private static final String ID_PREFIX = "vpce-link-";
  private static final List<PrivateLink> REGISTERED = new CopyOnWriteArrayList<>();
  private static final Map<String, PrivateLink> SHARED = new ConcurrentHashMap<>();
  private static final Map<String, PrivateLink> BY_ID = new ConcurrentHashMap<>();
  private static final Map<PrivateLink, String> IDS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_ID = new AtomicLong();
  private static final List<TierWatcher> WATCHERS = new CopyOnWriteArrayList<>();
  private static final Object SHUTDOWN_LOCK = new Object();
  private static boolean shutdownHook; // guarded by SHUTDOWN_LOCK
  private static final PrivateLinkListener LISTENER = new PrivateLinkListener() {
    @Override
    public void routeTierChanged(String host, RouteTier previous, Route current) {
      for (TierWatcher w : WATCHERS) {
        w.tierChanged(host, current.tier());
      }
    }
  };

  /** The connection option through which the {@code jdbc:vpce:} driver names its {@code PrivateLink} to MariaDB. */
  static final String LINK_OPTION = "dev.vpce.link";
  /**
   * The {@code PrivateLink} the {@code jdbc:vpce:} driver chose for the connect running on this thread
   * (MySQL Connector/J hands its socket factory no custom property).
   */
  static final ThreadLocal<PrivateLink> CHOSEN = new ThreadLocal<>();

  private VpceJdbc() {}

  /** Hears a binding's route tier change; {@link PoolFailback} is one. */
  interface TierWatcher {
    void tierChanged(String host, RouteTier tier);
  }

  /**
   * Makes a {@code PrivateLink} available to {@code jdbc:vpce:} URLs and vpce socket factories for every
   * host it binds. The application still owns it and closes it; {@link #unregister} it before.
   * Registering it again does nothing.
   *
   * @param privateLink the instance to register, not null
   */
  public static void register(PrivateLink privateLink) {
    Checks.notNull("privateLink", privateLink);
    synchronized (REGISTERED) {
      if (!REGISTERED.contains(privateLink)) {
        REGISTERED.add(privateLink);
      }
    }
  }

  /**
   * Removes a {@code PrivateLink} from the registry; returns whether it was registered.
   *
   * @param privateLink the instance to remove, not null
   * @return true when it was registered
   */
  public static boolean unregister(PrivateLink privateLink) {
    Checks.notNull("privateLink", privateLink);
    boolean removed = REGISTERED.remove(privateLink);
    String id = IDS.remove(privateLink);
    if (id != null) {
      BY_ID.remove(id);
    }
    EngineShim.forget(privateLink);
    return removed;
  }

  /**
   * The registered {@code PrivateLink}s, in registration order.
   *
   * @return an immutable copy of the registry
   */
  public static List<PrivateLink> registered() {
    return List.copyOf(REGISTERED);
  }

  /**
   * A listener to add to a {@code PrivateLink}'s builder so that {@link PoolFailback}s hear its route tier
   * changes at once (without it they notice on their next probe). {@code PrivateLink}s built from
   * {@code jdbc:vpce:} parameters have it already.
   *
   * @return the shared listener; adding it to several builders is fine
   */
  public static PrivateLinkListener listener() {
    return LISTENER;
  }

  /** The first registered {@code PrivateLink} that binds host and is not closed, or null. */
  static PrivateLink registeredFor(String host) {
    return openFor(REGISTERED, host);
  }

  /**
   * The {@code PrivateLink} for a host: a registered one, else one a {@code jdbc:vpce:} URL built; closed
   * ones are skipped. Null when no open one binds the host.
   */
  static PrivateLink find(String host) {
    PrivateLink pl = registeredFor(host);
    return pl != null ? pl : openFor(SHARED.values(), host);
  }

  /** A closed {@code PrivateLink} (registered, or built from a URL) that binds host, or null. */
  static PrivateLink closedFor(String host) {
    for (Iterable<PrivateLink> links : List.<Iterable<PrivateLink>>of(REGISTERED, SHARED.values())) {
      for (PrivateLink pl : links) {
        if (EngineShim.isBound(pl, host) && EngineShim.isClosed(pl, host)) {
          return pl;
        }
      }
    }
    return null;
  }

  private static PrivateLink openFor(Iterable<PrivateLink> links, String host) {
    for (PrivateLink pl : links) {
      if (EngineShim.isBound(pl, host) && !EngineShim.isClosed(pl, host)) {
        return pl;
      }
    }
    return null;
  }

  /** The shared {@code PrivateLink} for a URL configuration, built on first use. */
  static PrivateLink shared(UrlConfig config) throws SQLException {
    PrivateLink pl = SHARED.get(config.key());
    if (pl != null) {
      return pl;
    }
    synchronized (SHARED) {
      pl = SHARED.get(config.key());
      if (pl == null) {
        try {
          pl = config.build();
        } catch (IllegalArgumentException e) {
          throw new SQLException("jdbc:vpce: the vpce parameters for " + config.host() + " do not make a valid "
              + "binding: " + e.getMessage(), "08001", e);
        }
        SHARED.put(config.key(), pl);
        closeAtShutdown();
        LOG.info("vpce [{}] built a shared PrivateLink from jdbc:vpce: parameters ({})", config.host(),
            config.serviceName() != null ? config.serviceName() : config.regionalDnsName());
      }
      return pl;
    }
  }

  private static void closeAtShutdown() {
    synchronized (SHUTDOWN_LOCK) {
      if (shutdownHook) {
        return;
      }
      shutdownHook = true;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (PrivateLink pl : new ArrayList<>(SHARED.values())) {
          pl.close();
        }
      }, "vpce-jdbc-shutdown"));
    }
  }

  /** An ID that names a {@code PrivateLink} in driver properties (pgJDBC's socketFactoryArg). */
  static String idOf(PrivateLink privateLink) {
    return IDS.computeIfAbsent(privateLink, pl -> {
      String id = ID_PREFIX + NEXT_ID.incrementAndGet();
      BY_ID.put(id, pl);
      return id;
    });
  }

  /** The {@code PrivateLink} an ID names, or null when the value is not such an ID. */
  static PrivateLink byId(String id) {
    return id == null || !id.startsWith(ID_PREFIX) ? null : BY_ID.get(id);
  }

  static void watch(TierWatcher watcher) {
    WATCHERS.add(watcher);
  }

  static void unwatch(TierWatcher watcher) {
    WATCHERS.remove(watcher);
  }

  /**
   * How socket factories find the {@code PrivateLink} for a host: the one the {@code jdbc:vpce:} driver
   * chose (given by ID), else the registry (closed ones skipped); null when nothing binds the host, which
   * then connects as usual. When only closed {@code PrivateLink}s bind the host, one of them, so that the
   * connect fails with {@link dev.vpce.PrivateLinkClosedException} naming the host instead of quietly
   * leaving the binding for the system resolver.
   */
  static java.util.function.Function<String, PrivateLink> lookup(String id) {
    return host -> {
      PrivateLink chosen = byId(id);
      if (chosen != null && EngineShim.isBound(chosen, host)) {
        return chosen; // the driver checked it a moment ago; if it closed since, the connect says so
      }
      PrivateLink pl = find(host);
      if (pl == null) {
        pl = closedFor(host);
      }
      if (pl == null) {
        warnUnbound(host);
      }
      return pl;
    };
  }

  private static final Map<String, Boolean> WARNED = new ConcurrentHashMap<>();

  private static void warnUnbound(String host) {
    if (WARNED.size() < 1000 && WARNED.putIfAbsent(host.toLowerCase(java.util.Locale.ROOT), Boolean.TRUE) == null) {
      LOG.warn("vpce [{}] a vpce socket factory was asked for a host no PrivateLink binds; connecting through "
          + "the system resolver. Register a PrivateLink that binds it with VpceJdbc.register", host);
    }
  }
}
