package dev.vpce.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Routes HikariCP {@code DataSource}s whose JDBC URL host is bound: see {@link VpceHikariPostProcessor}. Only
 * when HikariCP is on the classpath and there is a {@link PrivateLink} bean.
 */
@AutoConfiguration(after = VpceAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBean(PrivateLink.class)
public class VpceDataSourceAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceDataSourceAutoConfiguration() {}


  /** Static: a post-processor is created before other beans, and must not pull the {@code PrivateLink} early. */
  @Bean
  static VpceHikariPostProcessor vpceHikariPostProcessor(ObjectProvider<PrivateLink> privateLink) {
    return new VpceHikariPostProcessor(privateLink);
  }
}
