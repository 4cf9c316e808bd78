package dev.vpce.spring;

/**
 * {@code vpce.startup.wait-for-bindings} is on and a binding has no route at start-up. The message is the
 * endpoint state's message from vpce (what the state means and what to do).
 */
public class VpceStartupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String host;

  public VpceStartupException(String host, Throwable cause) {
    super("vpce binding " + host + " has no route at start-up: " + cause.getMessage(), cause);
    this.host = host;
  }

  /** The binding's host. */
  public String host() {
    return host;
  }
}
