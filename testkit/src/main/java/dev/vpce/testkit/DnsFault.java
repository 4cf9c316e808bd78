package dev.vpce.testkit;

/** A failure the DNS server can answer a name with. */
public enum DnsFault {
  /** Rcode NXDOMAIN: the name does not exist. */
  NXDOMAIN,
  /** Rcode SERVFAIL: the server failed to answer. */
  SERVFAIL,
  /** No answer at all, over UDP and TCP alike: the client times out. */
  TIMEOUT
}
