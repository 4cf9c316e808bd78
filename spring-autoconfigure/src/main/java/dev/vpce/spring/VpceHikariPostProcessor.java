package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.jdbc.PoolFailback;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

/**
 * Routes every {@code HikariDataSource} bean whose JDBC URL host the {@link PrivateLink} binds, with no change
 * to the URL: before the pool starts (it starts on the first {@code getConnection}), vpce's socket factory for
 * the URL's driver goes into the pool's data source properties, and a {@link PoolFailback} is tied to the pool
 * so that it returns to the local zone after a recovery; the fail-back is closed before the pool.
 * {@code jdbc:vpce:} URLs get no socket factory (their driver adds it) but get the fail-back too. Runs after
 * Boot has bound {@code spring.datasource.hikari.*} (post-initialisation), so the application's own data
 * source properties are seen; a {@code socketFactory} the application set itself is kept.
 *
 * <p>Boot calls a post-processor for every bean of the context. This one touches no HikariCP, JDBC driver or
 * fail-back class until a {@link DataSource} bean shows up ({@link HikariPools} holds that part), so an
 * application without one pays nothing for it at start-up.
 */
final class VpceHikariPostProcessor implements DestructionAwareBeanPostProcessor {
  private final ObjectProvider<PrivateLink> privateLink;
  private volatile HikariPools pools; // made for the first DataSource bean

  VpceHikariPostProcessor(ObjectProvider<PrivateLink> privateLink) {
    this.privateLink = privateLink;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource) {
      pools().route(bean, beanName, privateLink);
    }
    return bean;
  }

  private HikariPools pools() {
    HikariPools p = pools;
    if (p == null) {
      synchronized (this) {
        p = pools;
        if (p == null) {
          pools = p = new HikariPools();
        }
      }
    }
    return p;
  }

  /** The fail-back tied to a pool, or null. */
  PoolFailback failback(Object pool) {
    HikariPools p = pools;
    return p == null ? null : p.failback(pool);
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    HikariPools p = pools;
    return p != null && bean instanceof DataSource && p.failback(bean) != null;
  }

  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) {
    HikariPools p = pools;
    if (p != null) {
      p.close(bean); // the fail-back, before the pool closes
    }
  }
}
