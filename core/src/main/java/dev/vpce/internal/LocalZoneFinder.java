package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the endpoint's name in this process's zone and starts tracking the names a route needs. Does DNS
 * lookups, so callers hold no lock while calling it. A local zonal name that does not resolve yet is
 * kept: the DNS cache retries it, and the route turns zonal when it answers.
 */
final class LocalZoneFinder {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final DnsCache dns;
  private final NameTracker names;

  LocalZoneFinder(DnsCache dns, NameTracker names) {
    this.dns = dns;
    this.names = names;
  }

  /**
   * The endpoint's addresses by zone, and which of its names this binding tracks.
   *
   * @param closed whether the binding has closed: a lookup that failed because of that is no news to warn about
   */
  BoundEndpoint bind(String host, Endpoint ep, Placement p, BooleanSupplier closed) {
    try {
      names.track(ep.regionalDnsName(), ep.dnsRecordIpType());
    } catch (IOException e) {
      if (!closed.getAsBoolean()) {
        LOG.warn("vpce [{}] the regional name {} does not resolve yet ({}); retrying", host, ep.regionalDnsName(),
            Failures.oneLine(e));
      }
    }
    ZoneKeys keys = ZoneKeys.of(ep, p);
    String here = keys.key(p);
    Map<InetAddress, String> zoneOf = new HashMap<>();
    Set<InetAddress> localEnis = new HashSet<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      String zone = keys.key(eni);
      for (InetAddress a : addresses(host, eni)) {
        if (zone != null) {
          zoneOf.put(a, zone);
        }
        if (here != null && here.equals(zone)) {
          localEnis.add(a);
        }
      }
    }
    Map<String, List<InetAddress>> zonalAnswers = new LinkedHashMap<>();
    for (Map.Entry<String, String> z : ep.zonalDnsNames().entrySet()) {
      try {
        zonalAnswers.put(z.getKey(), dns.lookupOnce(z.getValue(), ep.dnsRecordIpType()).addresses());
      } catch (IOException e) {
        LOG.debug("vpce [{}] zonal name {} did not resolve: {}", host, z.getValue(), e.toString());
      }
    }
    String localKey = localZonalKey(host, ep, p, keys, here, zoneOf, zonalAnswers);
    for (Map.Entry<String, List<InetAddress>> a : zonalAnswers.entrySet()) {
      // the local zone's name answers for this process's zone, whatever AZ name it carries
      String zone = a.getKey().equals(localKey) ? here : keys.key(a.getKey());
      for (InetAddress addr : a.getValue()) {
        zoneOf.putIfAbsent(addr, zone);
      }
    }
    String localName = localKey == null ? null : ep.zonalDnsNames().get(localKey);
    if (localName != null) {
      try {
        names.track(localName, ep.dnsRecordIpType());
      } catch (IOException e) {
        if (!closed.getAsBoolean()) {
          LOG.warn("vpce [{}] the local zone's name {} does not resolve ({}); {} until it does", host,
              localName, Failures.oneLine(e), localEnis.isEmpty() ? "routing regional"
                  : "the regional name's answers for this zone's interfaces go first");
        }
      }
    }
    Set<String> tracked = new HashSet<>();
    tracked.add(ep.regionalDnsName());
    if (localName != null) {
      tracked.add(localName);
    }
    names.retain(host, tracked);
    // the route prefers this zone when a zonal name serves it, or when EC2 says which addresses are in it
    String localZone = localName != null ? localKey : localEnis.isEmpty() ? null : here;
    return new BoundEndpoint(ep, localName, localZone, localZone == null ? null : here, Map.copyOf(zoneOf),
        Set.copyOf(tracked));
  }

  /**
   * An ENI's IPv4 and IPv6 addresses. Literals only: {@code InetAddress.getByName(null)} would be the
   * loopback address, so an ENI with no IPv4 address (IPv6-only) must not be asked for one.
   */
  private static List<InetAddress> addresses(String host, Endpoint.Eni eni) {
    List<InetAddress> out = new ArrayList<>(2);
    for (String ip : eni.ips()) {
      try {
        out.add(InetAddress.getByName(ip));
      } catch (UnknownHostException e) {
        LOG.debug("vpce [{}] ENI {} has no usable address {}", host, eni.id(), ip);
      }
    }
    return out;
  }

  /**
   * The key in {@code ep.zonalDnsNames()} of this process's zone ({@code here}, a {@link ZoneKeys} key), or null.
   * {@code eniZones} holds the zone of each address of the endpoint's interfaces.
   */
  private String localZonalKey(String host, Endpoint ep, Placement p, ZoneKeys keys, String here,
      Map<InetAddress, String> eniZones, Map<String, List<InetAddress>> answers) {
    if (here == null) {
      return null;
    }
    // 1. the zonal name that answers with an interface of our zone: right whatever AZ name it carries (shared VPC)
    for (Map.Entry<String, List<InetAddress>> a : answers.entrySet()) {
      if (a.getValue().stream().anyMatch(addr -> here.equals(eniZones.get(addr)))) {
        return a.getKey();
      }
    }
    boolean localEnis = eniZones.containsValue(here);
    if (!ep.interfaces().isEmpty() && !localEnis) {
      LOG.info("vpce [{}] the endpoint has no interface in zone {}; routing regional", host, p.describeZone());
      return null;
    }
    // 2. names keyed by zone: an AZ ID matches across accounts; an AZ name only within one account; an AZ ID finds
    // the AZ name of its zone through the interfaces. Never a name that answers with another zone's interface
    // (the AZ name in a zonal name is the endpoint owner's: in a shared VPC it may be another zone's name here)
    List<String> candidates = new ArrayList<>();
    if (p.zoneId() != null) {
      candidates.add(p.zoneId());
    }
    if (p.zoneName() != null) {
      candidates.add(p.zoneName());
    }
    for (String zone : new TreeSet<>(ep.zonalDnsNames().keySet())) {
      if (here.equals(keys.key(zone))) {
        candidates.add(zone);
      }
    }
    for (String zone : candidates) {
      List<InetAddress> answer = answers.getOrDefault(zone, List.of());
      if (ep.zonalDnsNames().containsKey(zone)
          && answer.stream().noneMatch(addr -> eniZones.containsKey(addr) && !here.equals(eniZones.get(addr)))) {
        return zone;
      }
    }
    if (localEnis) {
      LOG.info("vpce [{}] the endpoint has no zonal name for zone {}; its interfaces there go first in the regional "
          + "name's answers", host, p.describeZone());
    } else if (p.zoneName() == null && !ep.zonalDnsNames().isEmpty()) {
      LOG.warn("vpce [{}] placement has only the AZ ID {}, and the zonal names carry AZ names; allow "
          + "ec2:DescribeNetworkInterfaces, set VPCE_AVAILABILITY_ZONE, or key static zonal names by AZ ID. "
          + "Routing regional", host, p.zoneId());
    } else {
      LOG.info("vpce [{}] the endpoint has no zonal name for zone {}; routing regional", host, p.describeZone());
    }
    return null;
  }
}
