package dev.vpce.spring;

import dev.vpce.dns.NameResolver;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Loads and initialises vpce's heavier dependencies (dnsjava's record-type tables, resilience4j) on a daemon
 * thread while Spring prepares the context, as Boot's own {@code BackgroundPreinitializer} does for its
 * libraries, so that building the {@code PrivateLink} bean later does not pay for that class loading on the
 * main thread. Only when vpce has bindings and is enabled; no sockets, no DNS, no threads of its own beyond
 * this one, which ends when done. Turned off, like Boot's, by the system property
 * {@code spring.backgroundpreinitializer.ignore=true}.
 */
public final class VpceBackgroundPreinitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (Boolean.getBoolean("spring.backgroundpreinitializer.ignore") || !configured(event.getEnvironment())) {
      return;
    }
    Thread t = new Thread(VpceBackgroundPreinitializer::preinitialize, "vpce-preinitializer");
    t.setDaemon(true);
    t.start();
  }

  static boolean configured(ConfigurableEnvironment env) {
    if (!env.getProperty("vpce.enabled", Boolean.class, true)) {
      return false;
    }
    Map<String, Object> bindings = Binder.get(env).bind("vpce.bindings", Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
    return !bindings.isEmpty();
  }

  private static void preinitialize() {
    try {
      NameResolver.dnsjava(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)), Duration.ofSeconds(1));
      CircuitBreakerRegistry.ofDefaults().circuitBreaker("vpce-preinitializer");
    } catch (RuntimeException | LinkageError ignored) {
      // only a warm-up: whatever failed here fails again, with a proper error, where it is really used
    }
  }
}
