package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.Endpoint;
import dev.vpce.Placement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoint a static binding describes, for a placement: no AWS call. */
final class StaticEndpoints {
  private StaticEndpoints() {}

  /** The binding's names; without explicit zonal names, the local zone's is derived by the documented rule. */
  static Endpoint of(Binding binding, Placement p) {
    Map<String, String> zonal = new LinkedHashMap<>(binding.zonalDnsNames());
    if (zonal.isEmpty() && p != null && p.zoneName() != null && Names.isRegionalName(binding.regionalDnsName())) {
      zonal.put(p.zoneName(), Names.zonalNameFor(binding.regionalDnsName(), p.zoneName()));
    }
    return new Endpoint(null, null, null, "available", null, binding.regionalDnsName(), zonal, null, List.of(),
        binding.dnsRecordIpType());
  }
}
