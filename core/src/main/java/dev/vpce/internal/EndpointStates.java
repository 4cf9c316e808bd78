package dev.vpce.internal;

import dev.vpce.Endpoint;
import dev.vpce.EndpointStateException;
import dev.vpce.Placement;
import java.time.Duration;
import java.util.Set;

/** What each endpoint state means: whether it ends a route, and the message that says what to do. */
final class EndpointStates {
  /** States that mean the endpoint is gone or refused for good: they end a route. */
  static final Set<String> ENDING = Set.of("rejected", "failed", "expired", "deleting", "deleted");

  private EndpointStates() {}

  static boolean endsRoute(String state) {
    return state != null && ENDING.stream().anyMatch(s -> s.equalsIgnoreCase(state));
  }

  static EndpointStateException exception(String host, Endpoint ep, Placement p, Duration refreshInterval) {
    String id = ep.id();
    String what = switch (ep.state()) {
      case "pendingAcceptance" -> "is pendingAcceptance: the service provider must accept the connection request "
          + "before traffic can flow; ask the provider to accept " + id + " (or to turn on auto-accept)";
      case "pending" -> "is pending: AWS is still provisioning or modifying it; vpce looks again every "
          + Math.max(1, refreshInterval.toSeconds()) + " s";
      case "rejected" -> "was rejected by the service provider; ask the provider to accept it, or delete it and "
          + "request a new connection";
      case "failed" -> "failed to be created or modified; read its lastError (aws ec2 describe-vpc-endpoints "
          + "--vpc-endpoint-ids " + id + "), fix the cause and recreate it";
      case "deleting" -> "is being deleted; create a new interface endpoint for " + ep.serviceName();
      case "deleted" -> "has been deleted; create a new interface endpoint for " + ep.serviceName();
      case "expired" -> "expired: the connection request was never accepted; create a new endpoint and ask the "
          + "provider to accept it";
      case "partial" -> "is only partially available; vpce routes only to available endpoints";
      default -> "is in state '" + ep.state() + "', not available";
    };
    return new EndpointStateException(host, ep.serviceName(), id, ep.state(), "vpce [" + host + "] endpoint "
        + id + " for " + ep.serviceName() + " " + what + " (zone " + (p == null ? "unknown zone" : p.describeZone())
        + ")");
  }
}
