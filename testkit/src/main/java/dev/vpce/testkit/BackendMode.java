package dev.vpce.testkit;

/** How a zone's front answers a new TCP connection. Switchable at run time with {@link ZoneFront#mode}. */
public enum BackendMode {
  /** Accept and forward to the endpoint's target. */
  HEALTHY,
  /** Nothing listens: every connect fails at once with "connection refused". */
  REFUSE,
  /**
   * The listener's accept queue is full, so Linux drops the SYN and a connect times out: the same symptom
   * as an unreachable zone.
   */
  BLACKHOLE,
  /** The TCP handshake completes, then the front resets the connection (RST) before any data. */
  RESET
}
