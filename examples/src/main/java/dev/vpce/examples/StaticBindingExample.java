package dev.vpce.examples;

import dev.vpce.Binding;
import dev.vpce.PrivateLink;
import dev.vpce.Route;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.LocalPrivateLink;
import java.util.Map;

/**
 * A static binding: the endpoint's DNS names come from configuration (Terraform output, say), so vpce makes no
 * AWS call at all and needs no {@code ec2:DescribeVpcEndpoints} permission. Zonal names are keyed by AZ name or
 * AZ ID; without them vpce derives the local zone's name from the regional one.
 */
public final class StaticBindingExample {
  private StaticBindingExample() {}

  /** Binds {@code host} to the endpoint's names; placement and DNS stay the builder's. */
  public static PrivateLink.Builder bind(PrivateLink.Builder builder, String host, String regionalDnsName,
      Map<String, String> zonalDnsNamesByZone) {
    Binding.Builder binding = Binding.builder(host).regionalDnsName(regionalDnsName);
    zonalDnsNamesByZone.forEach(binding::zonalDnsName);
    return builder.bind(binding.build());
  }

  public static void main(String[] args) throws Exception {
    try (LocalPrivateLink kit = LocalPrivateLink.defaults().build();
        PrivateLink privateLink = bind(LocalPrivateLinks.builder(kit), Playground.HOST,
            kit.endpoint().regionalDnsName(),
            Map.of("us-east-1a", kit.endpoint().zonalDnsName("us-east-1a"))).build()) {
      Route route = privateLink.route(Playground.HOST);
      System.out.println(route + "; EC2 calls: " + kit.ec2().calls());
    }
  }
}
