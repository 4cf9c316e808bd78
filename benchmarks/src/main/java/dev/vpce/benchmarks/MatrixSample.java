package dev.vpce.benchmarks;

import java.net.InetAddress;

/**
 * One request of one client in one scenario of {@link FailoverMatrix}.
 *
 * @param phase  0 healthy, 1 fault, 2 recovered: the phase the request started in
 * @param start  when it started, nanoseconds since the scenario's traffic began
 * @param end    when it ended, on the same scale
 * @param served the address that served it (null when it failed)
 * @param error  why it failed, or null
 * @param paid   failed connects vpce counted during it (vpce's clients only; 0 for the others)
 */
record MatrixSample(int phase, long start, long end, InetAddress served, String error, int paid) {
  boolean ok() {
    return error == null;
  }

  double millis() {
    return (end - start) / 1e6;
  }
}
