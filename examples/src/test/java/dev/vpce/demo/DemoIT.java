package dev.vpce.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, end to end with very short phases: what its summary says, not how fast. */
class DemoIT {
  @Test
  void vpceFailsNoRequestWhileTheStatusQuoFailsAndTheReportIsWritten(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Path html = dir.resolve("report.html");

    DemoResult result = Demo.run(new DemoOptions(Duration.ofSeconds(2), false, false, html),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(result.clients()).extracting(ClientSummary::client).containsExactlyElementsOf(Demo.CLIENTS);
    assertThat(result.clients()).allSatisfy(c -> assertThat(c.requests()).isPositive());
    // vpce: not one failed request through every phase, for HTTP and JDBC
    assertThat(result.client("vpce http").failed()).isZero();
    assertThat(result.client("vpce jdbc").failed()).isZero();
    // the status quo: DNS down outlasts its cached answer, so its lookups fail, and the summary counts each one
    long statusQuoFailed = result.samples().stream().filter(s -> s.client().startsWith("status quo") && !s.ok()).count();
    assertThat(statusQuoFailed).isPositive();
    assertThat(result.client("status quo http").failed() + result.client("status quo jdbc").failed())
        .isEqualTo(statusQuoFailed);
    assertThat(result.samples()).filteredOn(s -> s.client().startsWith("status quo") && !s.ok()
        && s.phase() == Phase.DNS_DOWN.ordinal()).isNotEmpty();
    // zonal first: healthy, vpce's own zone serves it (most requests: on a busy machine the adaptive connect
    // deadline may pass a slow connect on); refusing, it never gets an answer from that zone
    for (String vpce : new String[] {"vpce http", "vpce jdbc"}) {
      var healthy = result.samples().stream().filter(s -> s.client().equals(vpce) && s.phase() == Phase.HEALTHY.ordinal())
          .toList();
      assertThat(healthy).isNotEmpty();
      assertThat(healthy.stream().filter(s -> "us-east-1a".equals(s.zone())).count()).isGreaterThan(healthy.size() / 2);
    }
    assertThat(result.samples()).filteredOn(s -> s.client().startsWith("vpce") && s.phase() == Phase.REFUSING.ordinal())
        .isNotEmpty().allSatisfy(s -> assertThat(s.zone()).isIn("us-east-1b", "us-east-1c"));
    // every phase reported for every client, the summary printed as returned
    assertThat(result.phases()).hasSize(Phase.values().length * Demo.CLIENTS.size());
    for (Phase p : Phase.values()) {
      assertThat(printed).contains(p.label());
    }
    assertThat(printed).contains(result.summary());
    assertThat(result.summary()).contains("| vpce http ", "| status quo jdbc ");
    // the HTML report: self-contained, the same summary and an SVG timeline
    assertThat(result.html()).isEqualTo(html.toAbsolutePath());
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "status quo jdbc", "DNS down")
        .doesNotContain("<script", "<link", "src=", "href=");
  }

  @Test
  void httpOnlyLeavesTheDatabaseOut(@TempDir Path dir) throws Exception {
    DemoResult result = Demo.run(new DemoOptions(Duration.ofMillis(500), true, false, dir.resolve("r.html")),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(result.clients()).extracting(ClientSummary::client).containsExactly("vpce http", "status quo http");
    assertThat(result.client("vpce http").failed()).isZero();
  }
}
