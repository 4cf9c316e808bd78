package dev.vpce.jdbc;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkClosedException;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every call the JDBC layer makes into the engine's routing and outcome API, in one place. */
final class EngineShim {
  /** Local-zone addresses learned from routes whose first address was in the local zone, per link. */
  private static final Map<PrivateLink, Map<InetAddress, String>> LOCAL = new ConcurrentHashMap<>();

  private EngineShim() {}

  static boolean isBound(PrivateLink link, String host) {
    return link.isBound(host);
  }

  /**
   * Whether the link was closed: its route for a bound host answers {@link PrivateLinkClosedException}.
   * One route read (what {@code resolve} would do first); a binding still starting may wait for start-up
   * here, as its first connect would.
   */
  static boolean isClosed(PrivateLink link, String host) {
    try {
      link.route(host);
      return false;
    } catch (PrivateLinkClosedException e) {
      return true;
    } catch (UnknownHostException | RuntimeException e) {
      return false; // not closed: unbound, not started, or unavailable; the connect reports it
    }
  }

  /** The socket addresses for one new connection, best first; may put an address due for a trial first. */
  static List<InetSocketAddress> resolve(PrivateLink link, String host, int port) throws UnknownHostException {
    learnLocalZone(link, host);
    List<InetAddress> route = link.resolve(host);
    List<InetSocketAddress> out = new ArrayList<>(route.size());
    for (InetAddress a : route) {
      out.add(new InetSocketAddress(a, port));
    }
    return out;
  }

  /** The binding's route now, as socket addresses, without taking a trial. */
  static List<InetSocketAddress> routeAddresses(PrivateLink link, String host, int port) throws UnknownHostException {
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetAddress a : learnLocalZone(link, host).addresses()) {
      out.add(new InetSocketAddress(a, port));
    }
    return out;
  }

  /** The TCP connect to target succeeded, in connectTime (the connect only). */
  static void connectSucceeded(PrivateLink link, InetSocketAddress target, Duration connectTime) {
    link.connectSucceeded(target, connectTime);
  }

  /** The connect to target failed; returns whether it counted against the target. */
  static boolean connectFailed(PrivateLink link, InetSocketAddress target, IOException cause) {
    return link.connectFailed(target, cause);
  }

  /**
   * The connect timeout for target when it is not the last address tried: the engine's adaptive deadline,
   * never more than callerTimeout.
   */
  static Duration connectTimeout(PrivateLink link, InetSocketAddress target, Duration callerTimeout) {
    return link.connectTimeout(target, callerTimeout);
  }

  /** The tier of the binding's route now, without taking a trial; null when it has none. */
  static RouteTier tier(PrivateLink link, String host) {
    try {
      return learnLocalZone(link, host).tier();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The zone of an address for messages: the zone of its ENI when discovery knows it, the local zone when
   * a route has shown it there, else {@code regional} (an address of the regional name, zone not known).
   */
  static String zoneOf(PrivateLink link, String host, InetAddress address) {
    Endpoint ep = link.endpoint(host);
    if (ep != null) {
      for (Endpoint.Eni eni : ep.interfaces()) {
        if (hasAddress(eni, address)) {
          return "zone " + (eni.zoneName() != null && eni.zoneId() != null
              ? eni.zoneName() + " (" + eni.zoneId() + ")" : eni.zoneName() != null ? eni.zoneName() : eni.zoneId());
        }
      }
    }
    String local = LOCAL.getOrDefault(link, Map.of()).get(address);
    return local != null ? "local zone " + local : "regional";
  }

  /**
   * Whether an ENI holds the address. IPv4 literals compare as text (one canonical form); IPv6 ones are
   * parsed, since EC2 writes them compressed ({@code 2600:1f18::1}) and the JDK does not.
   */
  static boolean hasAddress(Endpoint.Eni eni, InetAddress address) {
    for (String ip : eni.ips()) {
      if (ip.indexOf(':') < 0) {
        if (ip.equals(address.getHostAddress())) {
          return true;
        }
      } else if (address instanceof java.net.Inet6Address
          && (Character.digit(ip.charAt(0), 16) >= 0 || ip.charAt(0) == ':')) {
        try {
          if (InetAddress.getByName(ip).equals(address)) { // hex or ':' first, with ':': parsed, never looked up
            return true;
          }
        } catch (UnknownHostException e) {
          // not an IPv6 literal: not this address
        }
      }
    }
    return false;
  }

  /**
   * The binding's route, read once per connect (one volatile read and a map lookup); when its first
   * address is in the local zone, remembers that address's zone for messages (a map write only when the
   * first address changes).
   */
  private static Route learnLocalZone(PrivateLink link, String host) throws UnknownHostException {
    Route r = link.route(host);
    if (r.tier() == RouteTier.LOCAL_ZONE && r.localZone() != null) {
      InetAddress first = r.addresses().get(0);
      Map<InetAddress, String> known = LOCAL.computeIfAbsent(link, k -> new ConcurrentHashMap<>());
      if (!r.localZone().equals(known.get(first))) {
        known.put(first, r.localZone());
      }
    }
    return r;
  }

  /** An explicit placement by AZ name, AZ ID or both. */
  static Placement explicitPlacement(String zoneName, String zoneId) {
    return new Placement(null, zoneName, zoneId, null, null, PlacementSourceKind.EXPLICIT);
  }

  /** Forgets what was learned about a closed link. */
  static void forget(PrivateLink link) {
    LOCAL.remove(link);
  }
}
