package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkListener;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything an {@link Engine} needs, checked and defaulted by {@code PrivateLink.Builder}.
 *
 * @param discoveryForRegion the discovery to use for a service's region; null when every binding is static
 * @param adaptiveConnectDeadline whether {@code connectTimeout} gives per-address estimates
 */
public record EngineSettings(
    List<Binding> bindings,
    Placement explicitPlacement,
    PlacementChain placementChain,
    String vpcId,
    Function<String, EndpointDiscovery> discoveryForRegion,
    NameResolver nameResolver,
    Duration staleAnswerLimit,
    Duration refreshInterval,
    Duration startupTimeout,
    int breakerFailureThreshold,
    Duration breakerOpenWait,
    Duration breakerMaxOpenWait,
    Duration breakerTrialTimeout,
    List<PrivateLinkListener> listeners,
    Clock clock,
    Supplier<Scheduler> scheduler,
    List<AutoCloseable> owned,
    boolean adaptiveConnectDeadline) {}
