package dev.vpce.internal;

import dev.vpce.Placement;
import dev.vpce.placement.PlacementSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks placement sources in order within one time budget, and takes the first that knows the zone.
 * When none does, the placement is unknown (not an error): routes are regional, and one WARN gives the
 * likely cause.
 */
public final class PlacementChain {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final List<PlacementSource> sources;
  private final Duration budget;

  public PlacementChain(List<PlacementSource> sources, Duration budget) {
    this.sources = List.copyOf(sources);
    this.budget = budget;
  }

  public Placement locate() {
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> tried = new ArrayList<>();
    for (PlacementSource source : sources) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        tried.add(source.name() + ": not asked, the " + budget.toMillis() + " ms budget was spent");
        continue;
      }
      try {
        Placement p = source.locate(Duration.ofNanos(left));
        if (p == null) {
          tried.add(source.name() + ": does not apply here");
        } else if (!p.isKnown()) {
          tried.add(source.name() + ": no zone");
        } else {
          LOG.info("vpce placement {} from {}", p.describeZone(), source.name());
          return p;
        }
      } catch (IOException | RuntimeException e) {
        tried.add(source.name() + ": " + e.getMessage());
      }
    }
    LOG.warn("vpce placement unknown, so routes are regional (no zonal affinity). Tried {}", tried);
    return Placement.UNKNOWN;
  }
}
