package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.Placement;
import java.util.HashMap;
import java.util.Map;

/**
 * One key per zone for a binding: the AZ ID wherever it is known, else the AZ name as given. Zones reach vpce
 * by ID (the endpoint's network interfaces, a placement by ID, static zonal names keyed by ID) and by name
 * (the AZ name in a zonal DNS name, a placement by name, static zonal names keyed by name); every zone is
 * compared through {@link #key} so that one zone never counts as two. The AZ name to AZ ID map comes from
 * the endpoint's interfaces ({@code DescribeNetworkInterfaces} gives both for each) and from a placement
 * that gives both.
 *
 * <p>AZ names are per account: the map is the caller account's naming (interfaces described by the caller,
 * the caller's placement). A zonal DNS name carries the endpoint owner's AZ name, which in a shared VPC may
 * be another zone; such a name maps to the caller's zone of that name. Immutable.
 */
final class ZoneKeys {
  private final Map<String, String> idByName;

  private ZoneKeys(Map<String, String> idByName) {
    this.idByName = Map.copyOf(idByName);
  }

  /** The keys an endpoint's interfaces and this placement (null or unknown allowed) give. */
  static ZoneKeys of(Endpoint ep, Placement p) {
    Map<String, String> idByName = new HashMap<>();
    for (Endpoint.Eni eni : ep.interfaces()) {
      if (eni.zoneName() != null && eni.zoneId() != null) {
        idByName.putIfAbsent(eni.zoneName(), eni.zoneId());
      }
    }
    if (p != null && p.zoneName() != null && p.zoneId() != null) {
      idByName.putIfAbsent(p.zoneName(), p.zoneId());
    }
    return new ZoneKeys(idByName);
  }

  /** The key of a zone given by AZ name or AZ ID: its AZ ID when known, else what was given; null for null. */
  String key(String nameOrId) {
    if (nameOrId == null) {
      return null;
    }
    return idByName.getOrDefault(nameOrId, nameOrId);
  }

  /** The key of an interface's zone. */
  String key(Endpoint.Eni eni) {
    return eni.zoneId() != null ? eni.zoneId() : key(eni.zoneName());
  }

  /** The key of this process's zone, or null when the placement is unknown. */
  String key(Placement p) {
    if (p == null || !p.isKnown()) {
      return null;
    }
    return p.zoneId() != null ? p.zoneId() : key(p.zoneName());
  }
}
