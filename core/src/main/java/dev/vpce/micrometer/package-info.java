/**
 * Micrometer meters (optional dependency): {@link dev.vpce.micrometer.PrivateLinkMetrics} publishes routes per
 * tier, breakers per state and refresh failures.
 */
package dev.vpce.micrometer;
