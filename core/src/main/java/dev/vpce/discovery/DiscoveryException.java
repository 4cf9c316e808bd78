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

  /** Why discovery failed. */
  private final Reason reason;

  /**
   * A discovery failure.
   *
   * @param reason  why it failed, which decides whether retrying can help
   * @param message what failed and what to do about it
   * @param cause   the AWS SDK's exception, or null
   */
  public DiscoveryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Why discovery failed.
   *
   * @return the reason; never null for exceptions vpce throws
   */
  public Reason reason() {
    return reason;
  }
}
