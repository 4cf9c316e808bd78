package dev.vpce;

/** The state of the circuit breaker of one socket address (endpoint address and port). */
public enum BreakerState {
  /** Connects succeed, or too few failed in a row to matter: the address takes new connections in its place. */
  CLOSED,
  /** Failed connects in a row opened it: the address goes behind the healthy ones until its trial. */
  OPEN,
  /** The open wait has passed: one trial connection decides between {@code CLOSED} and {@code OPEN}. */
  HALF_OPEN
}
