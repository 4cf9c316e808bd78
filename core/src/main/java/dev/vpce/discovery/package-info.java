/**
 * How a binding's endpoint is found: {@link dev.vpce.discovery.EndpointDiscovery}, and its EC2 implementation
 * {@link dev.vpce.discovery.Ec2EndpointDiscovery} ({@code ec2:DescribeVpcEndpoints}, and
 * {@code ec2:DescribeNetworkInterfaces} to tie addresses to AZ IDs). Failures are
 * {@link dev.vpce.discovery.DiscoveryException}s with a reason.
 */
package dev.vpce.discovery;
