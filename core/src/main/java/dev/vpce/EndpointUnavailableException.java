package dev.vpce;

import java.net.UnknownHostException;

/**
 * A bound hostname has no route: its endpoint is missing, not available, or could not be discovered or
 * resolved. An {@link UnknownHostException}, so HTTP clients report it as they report DNS failures.
 * The message names the binding, the service, the endpoint and the zone, and says what to do.
 */
public class EndpointUnavailableException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /** The bound hostname that has no route. */
  private final String host;
  /** The service name of a discovered binding, or null for a static binding. */
  private final String serviceName;

  /**
   * A binding without a route.
   *
   * @param host the bound hostname
   * @param serviceName the service name, or null for a static binding
   * @param message what failed and what to do, naming the binding
   * @param cause the underlying failure, or null
   */
  public EndpointUnavailableException(String host, String serviceName, String message, Throwable cause) {
    super(message);
    this.host = host;
    this.serviceName = serviceName;
    if (cause != null) {
      initCause(cause);
    }
  }

  /**
   * The bound hostname.
   *
   * @return the hostname the caller asked for
   */
  public String host() {
    return host;
  }

  /**
   * The service name, or null for a static binding.
   *
   * @return the service name, or null
   */
  public String serviceName() {
    return serviceName;
  }
}
