package dev.vpce.internal;

import dev.vpce.discovery.Ec2EndpointDiscovery;
import dev.vpce.discovery.EndpointDiscovery;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The default discovery: one EC2 client per region, created on first use, closed with the PrivateLink. */
public final class DefaultDiscovery {
  private DefaultDiscovery() {}

  public static Function<String, EndpointDiscovery> forRegions(List<AutoCloseable> owned) {
    return region -> {
      Ec2Client ec2 = Ec2Client.builder()
          .region(Region.of(region))
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
              .socketTimeout(Duration.ofSeconds(5)).build())
          .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)))
          .build();
      synchronized (owned) {
        owned.add(ec2);
      }
      return Ec2EndpointDiscovery.create(ec2);
    };
  }
}
