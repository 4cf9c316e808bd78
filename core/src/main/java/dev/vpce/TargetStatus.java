package dev.vpce;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * The circuit breaker of one socket address (endpoint address and port) that clients reported outcomes for.
 *
 * @param address        the socket address
 * @param zone           the zone the address sits in (AZ ID when known, else AZ name), or null when not known
 * @param breaker        the breaker's state
 * @param recentFailures counted failed connects in a row (reset by a success); the breaker opens at the
 *                       builder's {@code breakerFailureThreshold}
 * @param nextTrialAt    when the next trial connection may go to it: the end of the open wait while
 *                       {@link BreakerState#OPEN}; while {@link BreakerState#HALF_OPEN} now, or when the trial
 *                       under way is given up; null while {@link BreakerState#CLOSED}
 */
public record TargetStatus(InetSocketAddress address, String zone, BreakerState breaker, int recentFailures,
    Instant nextTrialAt) {}
