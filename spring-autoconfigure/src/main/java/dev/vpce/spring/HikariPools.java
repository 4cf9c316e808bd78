package dev.vpce.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.jdbc.PoolFailback;
import dev.vpce.jdbc.VpceJdbc;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The HikariCP side of {@link VpceHikariPostProcessor}: puts vpce's socket factory into a bound pool's data
 * source properties and ties a {@link PoolFailback} to it. Loaded with the context's first {@code DataSource}
 * bean, not before.
 */
final class HikariPools {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final Map<HikariDataSource, PoolFailback> failbacks = new ConcurrentHashMap<>();

  /** Routes the bean when it is a Hikari pool whose JDBC URL host the {@code PrivateLink} binds. */
  void route(Object bean, String beanName, ObjectProvider<PrivateLink> privateLink) {
    if (!(bean instanceof HikariDataSource pool)) {
      return;
    }
    JdbcUrlHost url = JdbcUrlHost.parse(pool.getJdbcUrl());
    if (url == null) {
      return; // no jdbcUrl (a dataSourceClassName), another driver, or several hosts: not vpce's
    }
    PrivateLink pl = privateLink.getIfUnique();
    if (pl == null || !pl.isBound(url.host())) {
      return;
    }
    VpceJdbc.register(pl); // VpceJdbcRegistration may not have been created yet; registering again does nothing
    if (!url.vpce()) {
      String own = pool.getDataSourceProperties().getProperty(JdbcUrlHost.SOCKET_FACTORY_PROPERTY);
      if (own != null && !own.equals(url.socketFactory())) {
        LOG.warn("vpce [{}] DataSource bean '{}' sets its own socketFactory {}: vpce leaves it, so its connections "
            + "do not route zonal-first; remove it to let vpce set {}", url.host(), beanName, own, url.socketFactory());
        return;
      }
      try {
        pool.addDataSourceProperty(JdbcUrlHost.SOCKET_FACTORY_PROPERTY, url.socketFactory());
      } catch (IllegalStateException sealed) {
        throw new IllegalStateException("vpce [" + url.host() + "] the HikariCP pool of DataSource bean '" + beanName
            + "' was started before vpce could set its socket factory (new HikariDataSource(config) starts it): "
            + "create the bean unstarted (new HikariDataSource() and setters, or Boot's DataSourceBuilder), set "
            + "the data source property socketFactory=" + url.socketFactory() + " yourself, or use a jdbc:vpce: "
            + "URL", sealed);
      }
    }
    failbacks.put(pool, PoolFailback.forHikari(pool));
    LOG.info("vpce [{}] DataSource bean '{}' routes zonal-first ({}) with pool fail-back", url.host(), beanName,
        url.vpce() ? "jdbc:vpce: URL" : url.socketFactory());
  }

  /** The fail-back tied to a pool, or null. */
  PoolFailback failback(Object pool) {
    return failbacks.get(pool);
  }

  /** Closes the fail-back tied to a pool, if any. */
  void close(Object pool) {
    PoolFailback failback = failbacks.remove(pool);
    if (failback != null) {
      failback.close();
    }
  }
}
