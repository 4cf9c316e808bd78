package dev.vpce.micrometer;

import dev.vpce.BreakerState;
import dev.vpce.PrivateLink;
import dev.vpce.RouteTier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;

/**
 * Micrometer meters for a {@link PrivateLink}. Optional: only this class needs {@code micrometer-core} on
 * the classpath.
 *
 * <ul>
 *   <li>{@code vpce.routes} (counter; tags {@code binding}, {@code tier} = {@code local_zone},
 *       {@code other_zone}, {@code regional}): routes handed out by {@code resolve}, by the tier of their
 *       first address;</li>
 *   <li>{@code vpce.breakers} (gauge; tag {@code state} = {@code closed}, {@code half_open}, {@code open}):
 *       how many endpoint socket addresses (address and port) have a breaker in each state; breakers of
 *       addresses that left every route drop out 10 minutes later;</li>
 *   <li>{@code vpce.refresh.failures} (counter): failed background refreshes (start-up, endpoint, DNS).</li>
 * </ul>
 *
 * <pre>{@code new PrivateLinkMetrics(privateLink).bindTo(meterRegistry);}</pre>
 */
public final class PrivateLinkMetrics implements MeterBinder {
  private final PrivateLink privateLink;

  public PrivateLinkMetrics(PrivateLink privateLink) {
    if (privateLink == null) {
      throw new IllegalArgumentException("privateLink must not be null");
    }
    this.privateLink = privateLink;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String host : privateLink.routeCounts().keySet()) {
      for (RouteTier tier : RouteTier.values()) {
        FunctionCounter.builder("vpce.routes", privateLink, pl -> count(pl, host, tier))
            .description("Routes handed out for new connections, by the tier of their first address")
            .tag("binding", host)
            .tag("tier", tier.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
    for (BreakerState state : BreakerState.values()) {
      Gauge.builder("vpce.breakers", privateLink,
              pl -> pl.breakerStates().values().stream().filter(state::equals).count())
          .description("Endpoint socket addresses (address and port) whose circuit breaker is in this state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    FunctionCounter.builder("vpce.refresh.failures", privateLink, PrivateLink::refreshFailures)
        .description("Background refreshes (start-up, endpoint metadata, DNS) that failed")
        .register(registry);
  }

  private static double count(PrivateLink pl, String host, RouteTier tier) {
    Map<RouteTier, Long> counts = pl.routeCounts().get(host);
    return counts == null ? 0 : counts.getOrDefault(tier, 0L);
  }
}
