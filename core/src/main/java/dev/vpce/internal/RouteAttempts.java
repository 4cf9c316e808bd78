package dev.vpce.internal;

/**
 * Which connect of a route the current thread is making, for clients that resolve and then connect to each
 * address in turn on the same thread (HttpClient 5's classic operator, OkHttp without fast fallback). The
 * resolver says how many addresses it handed out; each connect asks whether it is the last, which keeps the
 * caller's full timeout. A connect with no route of this thread counts as the last: the safe answer.
 */
public final class RouteAttempts {
  private static final ThreadLocal<int[]> REMAINING = ThreadLocal.withInitial(() -> new int[1]);

  private RouteAttempts() {}

  /** This thread's next connects follow a route of this many addresses (0 for an unbound host). */
  public static void started(int addresses) {
    REMAINING.get()[0] = addresses;
  }

  /** Counts one connect of this thread's route; true when it is the route's last address (or beyond it). */
  public static boolean nextIsLast() {
    int[] r = REMAINING.get();
    int left = r[0];
    if (left > 0) {
      r[0] = left - 1;
    }
    return left <= 1;
  }
}
