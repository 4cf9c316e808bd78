package dev.vpce;

/**
 * The endpoint exists but is not {@code available}, so it carries no traffic. {@link #state()} is the
 * wire state ({@code pendingAcceptance}, {@code pending}, {@code rejected}, {@code failed},
 * {@code deleting}, {@code deleted}, {@code expired}, {@code partial}); the message says what it means
 * and what to do.
 */
public class EndpointStateException extends EndpointUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String endpointId;
  private final String state;

  public EndpointStateException(String host, String serviceName, String endpointId, String state, String message) {
    super(host, serviceName, message, null);
    this.endpointId = endpointId;
    this.state = state;
  }

  /** The endpoint ID. */
  public String endpointId() {
    return endpointId;
  }

  /** The state as on the wire. */
  public String state() {
    return state;
  }
}
