package dev.vpce;

/**
 * The endpoint a binding uses, as the last discovery answer (or the static binding) described it.
 *
 * @param id            the endpoint ID ({@code vpce-…}), or null for a static binding
 * @param serviceName   the service name, or null for a static binding
 * @param state         the endpoint state as on the wire ({@code available}, {@code pendingAcceptance}, …)
 * @param vpcId         the endpoint's VPC, or null when not known
 * @param region        the endpoint's Region (from its regional DNS name, else the configured or placement
 *                      Region), or null when not known
 * @param chosenBecause why this endpoint was chosen, for a person to read: for example "the only endpoint of
 *                      the service in vpc-…", or "static binding"
 */
public record EndpointStatus(String id, String serviceName, String state, String vpcId, String region,
    String chosenBecause) {}
