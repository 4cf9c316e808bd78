package dev.vpce.internal;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLinkListener;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything an {@link Engine} needs, checked and defaulted by {@code PrivateLink.Builder}.
 *
 * @param region             the caller's Region for EC2, or null to take the placement's or the SDK's
 * @param discovery          the discovery the application gave, or null for the default
 * @param discoveryForRegion the default discovery for the caller's Region; null when every binding is static
 * @param random             the source of jitter (seeded in tests)
 * @param adaptiveConnectDeadline whether {@code connectTimeout} gives per-address estimates
 */
public record EngineSettings(
    List<Binding> bindings,
    Placement explicitPlacement,
    PlacementChain placementChain,
    String vpcId,
    String region,
    EndpointDiscovery discovery,
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
    Random random,
    List<AutoCloseable> owned,
    boolean adaptiveConnectDeadline) {}
