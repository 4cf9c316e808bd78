package dev.vpce.discovery;

import java.io.IOException;

/** Endpoint discovery failed; {@link #reason()} tells a throttled call from a missing permission. */
public class DiscoveryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why discovery failed. */
  public enum Reason {
    /** The API throttled the caller ({@code RequestLimitExceeded}); back off and keep the last good data. */
    THROTTLED,
    /** The caller lacks a permission; the message names the IAM action. Lasts until someone fixes it. */
    ACCESS_DENIED,
    /** No AWS credentials were found; the message carries the SDK's reason. Lasts until someone fixes it. */
    NO_CREDENTIALS,
    /** Anything else: network, server error, malformed answer. */
    FAILED
  }

  private final Reason reason;

  public DiscoveryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
