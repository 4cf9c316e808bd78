package dev.vpce.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.dns.NameResolver;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.TlsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StaticAndSharedVpcIT {
  static final String HOST = Playground.HOST;

  @RegisterExtension
  static final LocalPrivateLinkExtension KIT = new LocalPrivateLinkExtension();

  @Test
  void staticBindingRoutesZonalFirstWithoutAnyAwsCall(LocalPrivateLink kit) throws Exception {
    try (TlsServer server = TlsServer.start(HOST);
        PrivateLink privateLink = StaticBindingExample.bind(LocalPrivateLinks.builder(kit), HOST,
            kit.endpoint().regionalDnsName(), Map.of("us-east-1a", kit.endpoint().zonalDnsName("us-east-1a")))
            .build()) {
      kit.endpoint().target(server.address());
      Route route = privateLink.route(HOST);
      assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(route.addresses().get(0)).isEqualTo(kit.endpoint().address("us-east-1a"));
      kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
      try (CloseableHttpClient http = HttpClient5Example.client(privateLink, server.clientContext())) {
        assertThat(HttpClient5Example.get(http, URI.create("https://" + HOST + ":" + kit.endpoint().port() + "/x")))
            .isEqualTo("served /x");
      }
      assertThat(kit.endpoint().zone("us-east-1b").connections() + kit.endpoint().zone("us-east-1c").connections())
          .isEqualTo(1);
      assertThat(kit.ec2().calls()).isZero();
    }
  }

  @Test
  void sharedVpcParticipantMatchesZonesByAzId() throws Exception {
    try (LocalPrivateLink kit = SharedVpcExample.sharedVpc();
        PrivateLink privateLink = SharedVpcExample.participant(PrivateLink.builder()
                .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1))),
            "use1-az6", HOST, kit.endpoint().regionalDnsName(),
            Map.of("use1-az6", kit.endpoint().zonalDnsName("use1-az6"),
                "use1-az1", kit.endpoint().zonalDnsName("use1-az1"))).build()) {
      // the participant calls its zone us-east-1c; the endpoint's ENI there is the owner's us-east-1a
      assertThat(kit.callerAccount().zoneName("use1-az6")).isEqualTo("us-east-1c");
      Route route = privateLink.route(HOST);
      assertThat(route.tier()).isEqualTo(RouteTier.LOCAL_ZONE);
      assertThat(route.addresses().get(0)).isEqualTo(kit.endpoint().address("us-east-1a"));
      assertThat(kit.ec2().calls()).isZero();
      assertThat(kit.imds().tokenRequests()).isZero();
    }
  }

  @Test
  void bothExamplesRunOnTheirOwn() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      StaticBindingExample.main(new String[0]);
      SharedVpcExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertThat(printed).contains("LOCAL_ZONE").contains("EC2 calls: 0").contains("the owner's us-east-1a is");
  }
}
