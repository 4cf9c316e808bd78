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
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

/**
 * Routes every {@link HikariDataSource} bean whose JDBC URL host the {@link PrivateLink} binds, with no change
 * to the URL: before the pool starts (it starts on the first {@code getConnection}), vpce's socket factory for
 * the URL's driver goes into the pool's data source properties, and a {@link PoolFailback} is tied to the pool
 * so that it returns to the local zone after a recovery; the fail-back is closed before the pool.
 * {@code jdbc:vpce:} URLs get no socket factory (their driver adds it) but get the fail-back too. Runs after
 * Boot has bound {@code spring.datasource.hikari.*} (post-initialisation), so the application's own data
 * source properties are seen; a {@code socketFactory} the application set itself is kept.
 */
final class VpceHikariPostProcessor implements DestructionAwareBeanPostProcessor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final ObjectProvider<PrivateLink> privateLink;
  private final Map<HikariDataSource, PoolFailback> failbacks = new ConcurrentHashMap<>();

  VpceHikariPostProcessor(ObjectProvider<PrivateLink> privateLink) {
    this.privateLink = privateLink;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool) {
      route(pool, beanName);
    }
    return bean;
  }

  private void route(HikariDataSource pool, String beanName) {
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
  PoolFailback failback(HikariDataSource pool) {
    return failbacks.get(pool);
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    return bean instanceof HikariDataSource;
  }

  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) {
    PoolFailback failback = failbacks.remove(bean);
    if (failback != null) {
      failback.close(); // before the pool closes
    }
  }
}
