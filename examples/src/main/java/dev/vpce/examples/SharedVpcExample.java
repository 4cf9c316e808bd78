package dev.vpce.examples;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.LocalPrivateLink;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A workload in a shared VPC (a RAM participant): only the VPC owner creates endpoints, the zonal DNS names
 * carry the owner's AZ names, and the participant's own AZ names may differ. AZ IDs are the same in every
 * account, so both the placement and the zonal names are given by AZ ID.
 */
public final class SharedVpcExample {
  private SharedVpcExample() {}

  /** The participant's binding: placement by AZ ID, zonal names keyed by AZ ID. */
  public static PrivateLink.Builder participant(PrivateLink.Builder builder, String myZoneId, String host,
      String regionalDnsName, Map<String, String> zonalDnsNamesByZoneId) {
    Binding.Builder binding = Binding.builder(host).regionalDnsName(regionalDnsName);
    zonalDnsNamesByZoneId.forEach(binding::zonalDnsName);
    return builder.placement(Placement.ofZoneId(myZoneId)).bind(binding.build());
  }

  /** The kit as a shared VPC: the participant calls use1-az6 "us-east-1c"; the owner calls it "us-east-1a". */
  public static LocalPrivateLink sharedVpc() {
    return LocalPrivateLink.defaults()
        .account("444455556666", Map.of("use1-az6", "us-east-1c", "use1-az1", "us-east-1a", "use1-az2", "us-east-1b"))
        .callerAccount("444455556666")
        .instanceZone("use1-az6")
        .build();
  }

  public static void main(String[] args) throws Exception {
    try (LocalPrivateLink kit = sharedVpc();
        PrivateLink privateLink = participant(PrivateLink.builder()
                .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofSeconds(1))),
            "use1-az6", Playground.HOST, kit.endpoint().regionalDnsName(),
            Map.of("use1-az6", kit.endpoint().zonalDnsName("use1-az6"),
                "use1-az1", kit.endpoint().zonalDnsName("use1-az1"))).build()) {
      System.out.println(privateLink.route(Playground.HOST) + " (the owner's us-east-1a is "
          + kit.endpoint().address("us-east-1a").getHostAddress() + ")");
    }
  }
}
