package dev.vpce.internal;

import dev.vpce.Placement;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this process runs, as the placement chain last said. An unknown placement is not cached for
 * good: the chain is asked again with back-off until it knows the zone, and then every binding's route
 * is rebuilt ({@code onKnown}).
 */
final class PlacementTracker {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final Placement explicit;
  private final PlacementChain chain;
  private final Scheduler scheduler;
  private final Backoff backoff;
  private final Events events;
  private final Consumer<Placement> onKnown;
  private volatile Placement current;
  private int unknownAttempts; // guarded by this
  private boolean retryScheduled; // guarded by this

  PlacementTracker(Placement explicit, PlacementChain chain, Scheduler scheduler, Backoff backoff, Events events,
      Consumer<Placement> onKnown) {
    this.explicit = explicit;
    this.chain = chain;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.events = events;
    this.onKnown = onKnown;
  }

  /** The placement the chain last gave; null before it first answered. */
  Placement current() {
    return current;
  }

  /** The placement, asking the chain first if it has never answered (on a background thread). */
  Placement get() {
    Placement p = current;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (current == null) {
        locate();
      }
      return current;
    }
  }

  /** Asks the chain; caller holds the lock. */
  private void locate() {
    if (explicit != null) {
      current = explicit;
      events.emit(l -> l.placementResolved(explicit));
      return;
    }
    PlacementChain.Outcome o = chain.locate();
    Placement found = o.placement();
    boolean wasUnknown = current != null && !current.isKnown();
    current = found;
    if (found.isKnown()) {
      LOG.info("vpce placement {} from {}{}", found.describeZone(), found.source().name().toLowerCase(
          java.util.Locale.ROOT), wasUnknown ? " after " + unknownAttempts + " unknown answer(s); rebuilding routes"
              : "");
      unknownAttempts = 0;
      events.emit(l -> l.placementResolved(found));
      if (wasUnknown) {
        onKnown.accept(found);
      }
      return;
    }
    unknownAttempts++;
    if (unknownAttempts == 1) {
      LOG.warn("vpce placement unknown, so routes are regional (no zonal affinity) until a source answers; tried {}",
          o.tried());
      events.emit(l -> l.placementResolved(found));
    } else {
      LOG.debug("vpce placement still unknown (attempt {}): {}", unknownAttempts, o.tried());
    }
    scheduleRetry();
  }

  private void scheduleRetry() {
    if (retryScheduled) {
      return;
    }
    retryScheduled = true;
    scheduler.schedule("placement", () -> {
      synchronized (this) {
        retryScheduled = false;
        locate();
      }
    }, backoff.delay(unknownAttempts));
  }
}
