package dev.vpce.internal;

import dev.vpce.Endpoint;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * An endpoint as a binding routes to it: the endpoint, its local zone's name (null when routing
 * regional), the zone each known address sits in, and the DNS names kept fresh for it.
 */
record BoundEndpoint(Endpoint endpoint, String localName, String localZone, Map<InetAddress, String> zoneOf,
    Set<String> names) {}
