package dev.vpce.internal;

import dev.vpce.Endpoint;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * An endpoint as a binding routes to it: the endpoint; its local zone's name (null when none serves this
 * process's zone); the local zone as routes show it (the key of {@code localName} in the endpoint's zonal
 * names, or {@code localKey} when only the interfaces tie addresses to this zone; null when routing regional);
 * the local zone's {@link ZoneKeys} key (AZ ID when known; null exactly when {@code localZone} is); the
 * {@link ZoneKeys} key of the zone each known address sits in; and the DNS names kept fresh for it.
 */
record BoundEndpoint(Endpoint endpoint, String localName, String localZone, String localKey,
    Map<InetAddress, String> zoneOf, Set<String> names) {}
