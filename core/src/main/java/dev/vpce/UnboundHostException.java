package dev.vpce;

import java.net.UnknownHostException;

/** {@link PrivateLink#resolve} was asked for a hostname that has no binding; adapters then use system DNS. */
public class UnboundHostException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /**
   * A host without a binding.
   *
   * @param host the hostname asked for
   */
  public UnboundHostException(String host) {
    super("vpce has no binding for host '" + host + "'; it is resolved by the system resolver");
  }
}
