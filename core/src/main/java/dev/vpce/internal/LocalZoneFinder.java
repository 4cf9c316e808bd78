package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import dev.vpce.dns.DnsAnswer;
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

  BoundEndpoint bind(String host, Endpoint ep, Placement p) {
    try {
      names.track(ep.regionalDnsName(), ep.dnsRecordIpType());
    } catch (IOException e) {
      LOG.warn("vpce [{}] the regional name {} does not resolve yet ({}); retrying", host, ep.regionalDnsName(),
          Failures.oneLine(e));
    }
    Map<InetAddress, String> zoneOf = new HashMap<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      for (InetAddress a : addresses(host, eni)) {
        zoneOf.put(a, eni.zoneId() != null ? eni.zoneId() : eni.zoneName());
      }
    }
    Map<String, List<InetAddress>> zonalAnswers = new LinkedHashMap<>();
    for (Map.Entry<String, String> z : ep.zonalDnsNames().entrySet()) {
      try {
        DnsAnswer a = dns.lookupOnce(z.getValue(), ep.dnsRecordIpType());
        zonalAnswers.put(z.getKey(), a.addresses());
        for (InetAddress addr : a.addresses()) {
          zoneOf.putIfAbsent(addr, z.getKey());
        }
      } catch (IOException e) {
        LOG.debug("vpce [{}] zonal name {} did not resolve: {}", host, z.getValue(), e.toString());
      }
    }
    String localKey = localZoneKey(host, ep, p, zonalAnswers);
    String localName = localKey == null ? null : ep.zonalDnsNames().get(localKey);
    if (localName != null) {
      try {
        names.track(localName, ep.dnsRecordIpType());
      } catch (IOException e) {
        LOG.warn("vpce [{}] the local zone's name {} does not resolve ({}); routing regional until it does", host,
            localName, Failures.oneLine(e));
      }
    }
    Set<String> tracked = new HashSet<>();
    tracked.add(ep.regionalDnsName());
    if (localName != null) {
      tracked.add(localName);
    }
    names.retain(host, tracked);
    return new BoundEndpoint(ep, localName, localName == null ? null : localKey, Map.copyOf(zoneOf),
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

  /** The key in {@code ep.zonalDnsNames()} of this process's zone, or null. */
  private String localZoneKey(String host, Endpoint ep, Placement p, Map<String, List<InetAddress>> answers) {
    if (p == null || !p.isKnown()) {
      return null;
    }
    // 1. ENIs say which addresses are in our zone (by AZ ID when we know it): the shared-VPC-safe way
    Set<InetAddress> local = new HashSet<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      boolean mine = p.zoneId() != null ? p.zoneId().equals(eni.zoneId()) : p.zoneName().equals(eni.zoneName());
      if (mine) {
        local.addAll(addresses(host, eni));
      }
    }
    if (!local.isEmpty()) {
      for (Map.Entry<String, List<InetAddress>> a : answers.entrySet()) {
        if (a.getValue().stream().anyMatch(local::contains)) {
          return a.getKey();
        }
      }
    }
    if (!ep.interfaces().isEmpty() && local.isEmpty()) {
      LOG.info("vpce [{}] the endpoint has no interface in zone {}; routing regional", host, p.describeZone());
      return null;
    }
    // 2. names keyed by zone: an AZ ID matches across accounts; an AZ name only within one account
    if (p.zoneId() != null && ep.zonalDnsNames().containsKey(p.zoneId())) {
      return p.zoneId();
    }
    if (p.zoneName() != null && ep.zonalDnsNames().containsKey(p.zoneName())) {
      return p.zoneName();
    }
    if (p.zoneName() == null && !ep.zonalDnsNames().isEmpty()) {
      LOG.warn("vpce [{}] placement has only the AZ ID {}, and the zonal names carry AZ names; allow "
          + "ec2:DescribeNetworkInterfaces, set VPCE_AVAILABILITY_ZONE, or key static zonal names by AZ ID. "
          + "Routing regional", host, p.zoneId());
    } else {
      LOG.info("vpce [{}] the endpoint has no zonal name for zone {}; routing regional", host, p.describeZone());
    }
    return null;
  }
}
