package dev.vpce;

import java.net.UnknownHostException;

/**
 * {@link PrivateLink#resolve} was called after {@link PrivateLink#close()}, or a caller waiting for
 * start-up was released because the instance closed. An {@link UnknownHostException}, so adapters hand
 * it to callers as they hand any failed lookup.
 */
public class PrivateLinkClosedException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /**
   * A call on a closed instance.
   *
   * @param host the hostname asked for
   */
  public PrivateLinkClosedException(String host) {
    super("vpce [" + host + "] this PrivateLink is closed; build a new one to resolve bound hosts again");
  }
}
