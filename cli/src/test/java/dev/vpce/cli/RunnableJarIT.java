package dev.vpce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.TlsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar the README tells people to run: {@code java -jar cli/target/vpce-cli.jar doctor ...}. */
class RunnableJarIT {
  record Exit(int code, String out) {}

  static Exit java(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("vpce.cli.jar"));
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // no DNS query and no metadata call leaves loopback from the child JVM either
        "-Djdk.net.hosts.file=" + System.getProperty("vpce.test.hosts"), "-Daws.disableEc2Metadata=true",
        "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().remove("ECS_CONTAINER_METADATA_URI_V4");
    Path err = Files.createTempFile("vpce-cli", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.err.print(Files.readString(err));
    return new Exit(p.exitValue(), out);
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    Exit e = java("--help");
    assertThat(e.code()).isZero();
    assertThat(e.out()).contains("usage: vpce doctor --host HOST").contains("exit codes: 0 every step OK");
  }

  @Test
  void doctorRunsFromTheJarAgainstAStaticBinding() throws Exception {
    String host = "orders.internal.example.com";
    try (TlsServer tls = TlsServer.start(host);
        LocalPrivateLink kit = LocalPrivateLink.defaults().build()) {
      kit.endpoint().target(tls.address());
      Exit e = java("doctor", "--host", host, "--regional-dns-name", kit.endpoint().regionalDnsName(),
          "--zonal", "us-east-1a=" + kit.endpoint().zonalDnsName("us-east-1a"), "--zone", "us-east-1a",
          "--dns-server", "127.0.0.1:" + kit.dns().address().getPort(), "--port",
          String.valueOf(kit.endpoint().port()), "--connect-timeout", "500ms", "--json");
      JsonNode json = new ObjectMapper().readTree(e.out());
      assertThat(json.get("verdict").asText()).isEqualTo("OK");
      assertThat(e.code()).isZero();
      assertThat(kit.endpoint().zone("us-east-1a").connections()).isPositive();
    }
  }
}
