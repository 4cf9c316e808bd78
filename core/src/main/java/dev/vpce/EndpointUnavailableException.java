package dev.vpce;

import java.net.UnknownHostException;

/**
 * A bound hostname has no route: its endpoint is missing, not available, or could not be discovered or
 * resolved. An {@link UnknownHostException}, so HTTP clients report it as they report DNS failures.
 * The message names the binding, the service, the endpoint and the zone, and says what to do.
 */
public class EndpointUnavailableException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final String serviceName;

  public EndpointUnavailableException(String host, String serviceName, String message, Throwable cause) {
    super(message);
    this.host = host;
    this.serviceName = serviceName;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** The bound hostname. */
  public String host() {
    return host;
  }

  /** The service name, or null for a static binding. */
  public String serviceName() {
    return serviceName;
  }
}
