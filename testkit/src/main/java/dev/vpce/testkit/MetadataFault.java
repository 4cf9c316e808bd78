package dev.vpce.testkit;

/** A failure the IMDS and ECS task metadata emulators can answer with. */
public enum MetadataFault {
  /**
   * The request never gets an answer. For IMDS only the token {@code PUT} hangs, which is what a
   * container behind the default hop limit of 1 sees; for ECS the task metadata request hangs.
   */
  HANG,
  /** Metadata reads answer 401, as for a missing or expired token. */
  UNAUTHORIZED,
  /** Metadata reads answer 404. */
  NOT_FOUND,
  /** Every request answers 500. */
  SERVER_ERROR
}
