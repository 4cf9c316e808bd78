package dev.vpce.spring;

import dev.vpce.testkit.LocalPrivateLink;

/** Property sets the tests share. Every DNS server named here is on loopback. */
final class Props {
  static final String HOST = "orders.internal.example.com";
  static final String REGIONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  private Props() {}

  /** A PrivateLink of the test's own, bound statically and never resolving (its DNS always fails). */
  static dev.vpce.PrivateLink ownPrivateLink(String host) {
    return dev.vpce.PrivateLink.builder()
        .bind(dev.vpce.Binding.builder(host).regionalDnsName(REGIONAL).build())
        .placement(dev.vpce.Placement.ofZoneName("us-east-1a"))
        .nameResolver(name -> {
          throw new java.io.IOException("no DNS in this test");
        })
        .build();
  }

  /** A static binding whose DNS goes to a loopback port where nothing answers: no traffic leaves the host. */
  static String[] staticBinding() {
    return new String[] {
        "vpce.bindings.orders.host=" + HOST,
        "vpce.bindings.orders.regional-dns-name=" + REGIONAL,
        "vpce.placement.zone-name=us-east-1a",
        "vpce.dns.servers=127.0.0.1:9",
        "vpce.dns.timeout=100ms",
    };
  }

  /** A static binding of {@link #HOST} to the kit's endpoint, resolved by the kit's DNS, placed in us-east-1a. */
  static String[] kitBinding(LocalPrivateLink kit) {
    return new String[] {
        "vpce.bindings.orders.host=" + HOST,
        "vpce.bindings.orders.regional-dns-name=" + kit.endpoint().regionalDnsName(),
        "vpce.placement.zone-name=us-east-1a",
        "vpce.dns.servers=" + kit.dns().address().getAddress().getHostAddress() + ":" + kit.dns().address().getPort(),
        "vpce.dns.timeout=500ms",
    };
  }
}
