package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalPrivateLinkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPrivateLinkExtensionIT {
  @Test
  @Order(1)
  void injectsTheStandardWorld(LocalPrivateLink kit) {
    assertThat(kit.region()).isEqualTo("us-east-1");
    assertThat(kit.endpoint().id()).isEqualTo(LocalPrivateLink.DEFAULT_ENDPOINT_ID);
    assertThat(kit.instanceZone().name()).isEqualTo("us-east-1a");
    kit.ec2().fault(Ec2Fault.THROTTLING);
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    kit.endpoint().state("deleting");
  }

  @Test
  @Order(2)
  void resetsTheWorldBeforeEachTest(LocalPrivateLink kit) {
    assertThat(kit.endpoint().zone("us-east-1a").mode()).isEqualTo(BackendMode.HEALTHY);
    assertThat(kit.endpoint().state()).isEqualTo("available");
    assertThat(kit.ec2().calls()).isZero();
  }

  @Test
  @Order(3)
  void closeStopsEveryThreadItStartedAndIsIdempotent() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    LocalPrivateLink other = LocalPrivateLink.defaults().build();
    other.endpoint().zone("us-east-1b").mode(BackendMode.BLACKHOLE);
    other.imds().fault(MetadataFault.HANG);
    HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(other.imds().endpoint().resolve("/latest/api/token"))
        .header("X-aws-ec2-metadata-token-ttl-seconds", "60").PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    try (Socket s = new Socket()) {
      s.connect(other.endpoint().zone("us-east-1a").address(), 2_000);
    }
    other.close();
    other.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> !before.contains(t) && t.isAlive())
        .filteredOn(t -> !t.getName().startsWith("HttpClient-") && !t.getName().startsWith("ForkJoinPool")
            && !t.getName().startsWith("awaitility"))
        .isEmpty());
  }
}
