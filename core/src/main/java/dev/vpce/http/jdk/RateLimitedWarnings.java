package dev.vpce.http.jdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * WARN lines that repeat at most once per interval and key (for example per host and status), so that a
 * refused burst logs one line with the number it stands for instead of a line per connection. Thread-safe.
 */
final class RateLimitedWarnings {
  private static final int MAX_KEYS = 1_000;

  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private final Map<String, Window> windows = new HashMap<>();

  private static final class Window {
    Instant nextAllowed;
    int suppressed;
  }

  RateLimitedWarnings(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Logs {@code message} at WARN unless a line with this key was logged less than the interval ago; a
   * logged line says how many were left out since the last one. Returns whether it logged.
   */
  boolean warn(String key, String message) {
    Instant now = clock.instant();
    int suppressed;
    synchronized (windows) {
      Window w = windows.get(key);
      if (w != null && now.isBefore(w.nextAllowed)) {
        w.suppressed++;
        return false;
      }
      if (w == null) {
        if (windows.size() >= MAX_KEYS) {
          windows.clear();
        }
        w = new Window();
        windows.put(key, w);
      }
      suppressed = w.suppressed;
      w.suppressed = 0;
      w.nextAllowed = now.plus(interval);
    }
    if (suppressed > 0) {
      log.warn("{} ({} more like it in the last {} s)", message, suppressed, interval.toSeconds());
    } else {
      log.warn("{}", message);
    }
    return true;
  }
}
