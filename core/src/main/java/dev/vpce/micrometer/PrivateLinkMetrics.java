package dev.vpce.micrometer;

import dev.vpce.BindingState;
import dev.vpce.BindingStatus;
import dev.vpce.BreakerState;
import dev.vpce.DnsNameStatus;
import dev.vpce.PrivateLink;
import dev.vpce.RefreshKind;
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
 *   <li>{@code vpce.refresh.failures} (counter): failed background refreshes (start-up, endpoint, DNS);
 *       one discovery round that fails counts once here;</li>
 *   <li>{@code vpce.binding.refresh.failures} (counter; tags {@code binding}, {@code kind} = {@code start_up},
 *       {@code endpoint}, {@code dns}): the same per binding and kind, from {@link PrivateLink#status()}; a
 *       failed discovery round counts for every discovered binding, a failed DNS refresh for every binding
 *       that uses the name;</li>
 *   <li>{@code vpce.bindings} (gauge; tag {@code state} = {@code starting}, {@code routed}, {@code failed},
 *       {@code closed}): how many bindings are in each lifecycle state;</li>
 *   <li>{@code vpce.dns.stale} (gauge): distinct DNS names served past their TTL because refreshes fail.</li>
 * </ul>
 *
 * <p>The gauges and per-binding counters read {@link PrivateLink#status()} when scraped, which never blocks
 * and adds nothing to {@code resolve}.
 *
 * <pre>{@code new PrivateLinkMetrics(privateLink).bindTo(meterRegistry);}</pre>
 */
public final class PrivateLinkMetrics implements MeterBinder {
  private final PrivateLink privateLink;

  /**
   * @param privateLink the instance to observe; its bindings are read once, by {@link #bindTo}
   * @throws IllegalArgumentException when privateLink is null
   */
  public PrivateLinkMetrics(PrivateLink privateLink) {
    if (privateLink == null) {
      throw new IllegalArgumentException("privateLink must not be null");
    }
    this.privateLink = privateLink;
  }

  /** Registers every meter listed on this class for the bindings the instance has now. */
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
    for (BindingStatus binding : privateLink.status().bindings()) {
      for (RefreshKind kind : RefreshKind.values()) {
        FunctionCounter.builder("vpce.binding.refresh.failures", privateLink, pl -> failures(pl, binding.host(), kind))
            .description("Background refreshes of a binding that failed, by kind")
            .tag("binding", binding.host())
            .tag("kind", kind.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
    for (BindingState state : BindingState.values()) {
      Gauge.builder("vpce.bindings", privateLink,
              pl -> pl.status().bindings().stream().filter(b -> b.state() == state).count())
          .description("Bindings in this lifecycle state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("vpce.dns.stale", privateLink, PrivateLinkMetrics::staleNames)
        .description("DNS names served past their TTL because refreshes fail")
        .register(registry);
  }

  private static double failures(PrivateLink pl, String host, RefreshKind kind) {
    BindingStatus b = pl.status().binding(host);
    return b == null ? 0 : b.refreshFailures().get(kind);
  }

  private static double staleNames(PrivateLink pl) {
    return pl.status().bindings().stream().flatMap(b -> b.dnsNames().stream()).filter(DnsNameStatus::stale)
        .map(DnsNameStatus::name).distinct().count();
  }

  private static double count(PrivateLink pl, String host, RouteTier tier) {
    Map<RouteTier, Long> counts = pl.routeCounts().get(host);
    return counts == null ? 0 : counts.getOrDefault(tier, 0L);
  }
}
