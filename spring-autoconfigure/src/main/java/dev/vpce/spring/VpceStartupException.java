package dev.vpce.spring;

/**
 * {@code vpce.startup.wait-for-bindings} is on and a binding has no route at start-up. The message is the
 * endpoint state's message from vpce (what the state means and what to do).
 */
public class VpceStartupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The host of the binding that had no route. */
  private final String host;

  /**
   * @param host  the binding's host, as in {@code vpce.bindings.<name>.host}
   * @param cause why it has no route: vpce's {@code EndpointUnavailableException}, whose message names the
   *              endpoint's state and what to do
   */
  public VpceStartupException(String host, Throwable cause) {
    super("vpce binding " + host + " has no route at start-up: " + cause.getMessage(), cause);
    this.host = host;
  }

  /**
   * The binding that had no route when start-up waited for it.
   *
   * @return the binding's host, for example {@code orders.internal.example.com}
   */
  public String host() {
    return host;
  }
}
