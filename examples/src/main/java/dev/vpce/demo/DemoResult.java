package dev.vpce.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run measured.
 *
 * @param clients  one summary per client, in the order vpce http, status quo http, vpce jdbc, status quo jdbc
 * @param phases   per client and phase
 * @param samples  every request
 * @param summary  the summary table as printed
 * @param html     the HTML report written
 */
public record DemoResult(List<ClientSummary> clients, List<PhaseStats> phases, List<Sample> samples,
    String summary, Path html) {
  /** The client with this name. */
  public ClientSummary client(String name) {
    return clients.stream().filter(c -> c.client().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no client named '" + name + "' in " + clients));
  }
}
