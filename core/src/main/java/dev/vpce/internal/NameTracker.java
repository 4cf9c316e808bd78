package dev.vpce.internal;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which DNS names each binding keeps fresh in the {@link DnsCache}. A name no binding uses any more is
 * forgotten; a name that failed to resolve stays tracked, so the cache keeps retrying it with back-off.
 */
final class NameTracker {
  private final DnsCache dns;
  private final Map<String, Set<String>> namesByHost = new ConcurrentHashMap<>();

  NameTracker(DnsCache dns) {
    this.dns = dns;
  }

  /**
   * Keeps a name fresh from now on, asking for these record types; throws when its first resolution fails
   * (it is retried regardless).
   */
  void track(String name, IpAddressType types) throws IOException {
    dns.track(name, types);
  }

  /** The names a binding uses now: the ones it no longer uses, and no other binding does, are forgotten. */
  synchronized void retain(String host, Set<String> names) {
    Set<String> old = namesByHost.put(host, Set.copyOf(names));
    if (old == null) {
      return;
    }
    for (String name : old) {
      if (!names.contains(name) && namesByHost.values().stream().noneMatch(s -> s.contains(name))) {
        dns.forget(name);
      }
    }
  }

  boolean uses(String host, String name) {
    Set<String> s = namesByHost.get(host);
    return s != null && s.contains(name);
  }

  Set<String> names(String host) {
    return namesByHost.getOrDefault(host, Set.of());
  }
}
