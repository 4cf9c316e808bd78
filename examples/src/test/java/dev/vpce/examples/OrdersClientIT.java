package dev.vpce.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import dev.vpce.testkit.TlsServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Testing your own application with the kit: stand it up, point a PrivateLink at it in one line, trust the
 * kit's certificate, break a zone, and check that your code still gets its answer from another zone.
 */
class OrdersClientIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension KIT = new LocalPrivateLinkExtension();

  static final TlsServer ORDERS = TlsServer.start(HOST);

  @BeforeAll
  static void putTheServiceBehindTheEndpoint() {
    KIT.get().endpoint().target(ORDERS.address()); // kept across the kit's reset before each test
  }

  @AfterAll
  static void stopTheService() {
    ORDERS.close();
  }

  static OrdersClient client(PrivateLink privateLink, LocalPrivateLink kit) {
    return new OrdersClient(privateLink, ORDERS.clientContext(),
        URI.create("https://" + HOST + ":" + kit.endpoint().port()));
  }

  @Test
  void servedFromTheLocalZone(LocalPrivateLink kit) throws Exception {
    try (PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build();
        OrdersClient orders = client(privateLink, kit)) {
      assertThat(orders.order("42")).isEqualTo("served /orders/42");
      assertThat(kit.endpoint().zone("us-east-1a").connections()).isEqualTo(1);
      assertThat(ORDERS.seen()).last().isEqualTo(new TlsServer.Seen(HOST, HOST + ":" + kit.endpoint().port()));
    }
  }

  @Test
  void fallsBackToAnotherZoneWhenTheLocalZoneRefuses(LocalPrivateLink kit) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    try (PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build();
        OrdersClient orders = client(privateLink, kit)) {
      assertThat(orders.order("42")).isEqualTo("served /orders/42");
      assertThat(kit.endpoint().zone("us-east-1a").connections()).isZero();
      assertThat(kit.endpoint().zone("us-east-1b").connections() + kit.endpoint().zone("us-east-1c").connections())
          .isEqualTo(1);
    }
  }

  @Test
  void fallsBackWhenTheLocalZoneIsBlackholed(LocalPrivateLink kit) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.BLACKHOLE);
    try (PrivateLink privateLink = LocalPrivateLinks.builder(kit).bind(HOST, kit.endpoint().serviceName()).build();
        OrdersClient orders = client(privateLink, kit)) {
      assertThat(orders.order("7")).isEqualTo("served /orders/7");
      assertThat(kit.endpoint().zone("us-east-1b").connections() + kit.endpoint().zone("us-east-1c").connections())
          .isEqualTo(1);
    }
  }
}
