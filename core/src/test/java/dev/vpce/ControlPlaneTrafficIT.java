package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.internal.ManualScheduler;
import dev.vpce.testkit.Ec2Fault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7, bullet 6: fleet-safe control-plane traffic, measured at the EC2 emulator with vpce's own EC2
 * client, on an injected clock and a manual scheduler (hours pass in milliseconds; no sleeps).
 */
class ControlPlaneTrafficIT {
  static final String HOST = "orders.internal.example.com";
  static final String BILLING = "com.amazonaws.vpce.us-east-1.vpce-svc-0b0b0b0b0b0b0b0b0";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .endpoint(BILLING));

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);

  PrivateLink.Builder builder(LocalPrivateLink kit) {
    return KitSupport.defaultDiscovery(kit, kit.ownerAccount())
        .region("us-east-1")
        .placement(Placement.ofZoneName("us-east-1a"))
        .clock(clock)
        .scheduler(() -> scheduler)
        .random(new Random(7));
  }

  @Test
  void aThrottledBindingCallsEc2NoMoreOftenThanAHealthyOne(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = builder(kit).bind(HOST, LocalPrivateLink.DEFAULT_SERVICE_NAME).build()) {
      scheduler.runDue();
      List<InetAddress> good = pl.resolve(HOST);
      Duration span = Duration.ofHours(6);

      int before = kit.ec2().calls();
      int describesBefore = kit.ec2().calls("DescribeVpcEndpoints");
      scheduler.advance(span);
      double healthy = (kit.ec2().calls() - before) / (double) span.toHours();
      double healthyDescribes = (kit.ec2().calls("DescribeVpcEndpoints") - describesBefore) / (double) span.toHours();

      kit.ec2().fault(Ec2Fault.THROTTLING);
      before = kit.ec2().calls();
      describesBefore = kit.ec2().calls("DescribeVpcEndpoints");
      scheduler.advance(span);
      double throttled = (kit.ec2().calls() - before) / (double) span.toHours();
      double throttledDescribes = (kit.ec2().calls("DescribeVpcEndpoints") - describesBefore)
          / (double) span.toHours();

      System.out.printf("EC2 calls per hour at the emulator (6 h each on the injected clock, refresh 5 min): "
          + "healthy %.1f (DescribeVpcEndpoints %.1f), throttled %.1f (DescribeVpcEndpoints %.1f)%n",
          healthy, healthyDescribes, throttled, throttledDescribes);
      assertThat(healthyDescribes).isBetween(11.0, 13.5);
      assertThat(throttled).isPositive().isLessThanOrEqualTo(healthy);
      assertThat(throttledDescribes).isLessThanOrEqualTo(healthyDescribes);
      assertThat(pl.resolve(HOST)).as("the route outlives six hours of throttling").isEqualTo(good);
    }
  }

  @Test
  void bindingsOfOnePrivateLinkShareOneDescribeCallPerRefresh(LocalPrivateLink kit) throws Exception {
    try (PrivateLink pl = builder(kit).bind(HOST, LocalPrivateLink.DEFAULT_SERVICE_NAME)
        .bind("billing.internal.example.com", BILLING)
        .bind("orders-v2.internal.example.com", LocalPrivateLink.DEFAULT_SERVICE_NAME).build()) {
      scheduler.runDue();
      assertThat(pl.resolve(HOST).get(0)).isEqualTo(kit.endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME)
          .zone("us-east-1a").ip());
      assertThat(pl.resolve("billing.internal.example.com").get(0)).isEqualTo(kit.endpoint(BILLING)
          .zone("us-east-1a").ip());
      assertThat(pl.resolve("orders-v2.internal.example.com")).isNotEmpty();
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).as("three bindings, two services, one call").isEqualTo(1);
      scheduler.advance(Duration.ofMinutes(7).plusSeconds(30)); // the first refresh: after 1/2 to 3/2 intervals
      assertThat(kit.ec2().calls("DescribeVpcEndpoints")).as("one more per refresh").isEqualTo(2);
    }
  }
}
