package dev.vpce.benchmarks;

import dev.vpce.spring.VpceProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A stand-in for any starter, for {@link SpringStartup}'s third side: an auto-configuration, listed in an imports
 * file of its own ({@code target/stand-in}, on that side's classpath only), with the same condition as vpce's
 * and the same {@code VpceProperties} bound, that makes one bean from them and does nothing else. That side runs
 * vpce's starter jar with its auto-configurations excluded, so what it measures is what Boot charges a starter
 * for being one, before the starter does any work of its own.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "vpce", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(VpceProperties.class)
public class StandInStarter {
  /** Created by Spring Boot's auto-configuration. */
  public StandInStarter() {}

  /**
   * The one bean.
   *
   * @param properties the bound {@code vpce.*} properties
   * @return a string made from them
   */
  @Bean
  public String standInBean(VpceProperties properties) {
    return properties.bindings().keySet() + " " + properties.placement().zoneName() + " " + properties.dns().servers();
  }
}
