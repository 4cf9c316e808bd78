package dev.vpce;

/**
 * The endpoint exists but is not {@code available}, so it carries no traffic. {@link #state()} is the
 * wire state ({@code pendingAcceptance}, {@code pending}, {@code rejected}, {@code failed},
 * {@code deleting}, {@code deleted}, {@code expired}, {@code partial}); the message says what it means
 * and what to do.
 */
public class EndpointStateException extends EndpointUnavailableException {
  private static final long serialVersionUID = 1L;

  /** The endpoint ID ({@code vpce-…}). */
  private final String endpointId;
  /** The endpoint state as on the wire. */
  private final String state;

  /**
   * An endpoint in a state that carries no traffic.
   *
   * @param host the bound hostname
   * @param serviceName the service name
   * @param endpointId the endpoint ID
   * @param state the state as on the wire
   * @param message what the state means and what to do
   */
  public EndpointStateException(String host, String serviceName, String endpointId, String state, String message) {
    super(host, serviceName, message, null);
    this.endpointId = endpointId;
    this.state = state;
  }

  /**
   * The endpoint ID.
   *
   * @return the endpoint ID, for example {@code vpce-0a1b2c3d4e5f67890}
   */
  public String endpointId() {
    return endpointId;
  }

  /**
   * The state as on the wire.
   *
   * @return the state, for example {@code pendingAcceptance}
   */
  public String state() {
    return state;
  }
}
