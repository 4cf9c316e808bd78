package dev.vpce.internal;

import dev.vpce.EndpointUnavailableException;
import dev.vpce.discovery.DiscoveryException;

/**
 * Turns failures into what a person reads: one line, the root reason included, never a chain of
 * causes; and tells lasting causes (no credentials, permission denied, a configuration vpce cannot
 * guess) from transient ones.
 */
final class Failures {
  private static final int MAX = 400;

  private Failures() {}

  /** A cause that retrying will not fix by itself soon: callers waiting for start-up are released at once. */
  static boolean isLasting(Throwable t) {
    if (t instanceof DiscoveryException d) {
      return d.reason() == DiscoveryException.Reason.ACCESS_DENIED
          || d.reason() == DiscoveryException.Reason.NO_CREDENTIALS;
    }
    return t instanceof EndpointUnavailableException; // a configuration vpce cannot guess (Region, VPC)
  }

  /** The failure as callers of a binding see it: itself if already one, else wrapped with the binding named. */
  static EndpointUnavailableException unavailable(String host, String service, Exception e) {
    if (e instanceof EndpointUnavailableException u) {
      return u;
    }
    return new EndpointUnavailableException(host, service, "vpce [" + host + "] has no route: " + oneLine(e), e);
  }

  /** A short name for the kind of failure, to tell a new failure from a repeat in logs. */
  static String kind(Throwable t) {
    return t instanceof DiscoveryException d ? d.reason().name() : t.getClass().getSimpleName();
  }

  /** The failure in one line: its message, and its root cause's when that adds something. */
  static String oneLine(Throwable t) {
    String msg = firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t && root.getMessage() != null) {
      String r = firstLine(root.getMessage());
      if (!msg.contains(r)) {
        msg = msg + " (" + root.getClass().getSimpleName() + ": " + r + ")";
      }
    }
    return msg.length() > MAX ? msg.substring(0, MAX) + "…" : msg;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
