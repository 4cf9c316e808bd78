package dev.vpce.demo;

/**
 * One request of one client.
 *
 * @param client    the client's name, for example {@code vpce http}
 * @param phase     the phase it started in
 * @param startMs   when it started, in milliseconds since the traffic began
 * @param latencyMs how long it took, failed or not
 * @param zone      the zone that served it ({@code us-east-1b}), or null when it failed
 * @param error     why it failed, or null
 */
public record Sample(String client, int phase, long startMs, double latencyMs, String zone, String error) {
  public boolean ok() {
    return error == null;
  }
}
