package dev.vpce.jdbc;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.Route;
import dev.vpce.RouteTier;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.LocalPrivateLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Wiring between the JDBC tests and the kit. */
final class JdbcSupport {
  private JdbcSupport() {}

  /** Static bindings of these hosts to the kit's endpoint, placed in us-east-1a, DNS from the kit. */
  static PrivateLink.Builder boundTo(LocalPrivateLink kit, String... hosts) {
    PrivateLink.Builder b = PrivateLink.builder()
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofMillis(500)))
        .listener(VpceJdbc.listener());
    for (String host : hosts) {
      b.bind(Binding.builder(host).regionalDnsName(kit.endpoint().regionalDnsName()).build());
    }
    return b;
  }

  /** Counts the connect outcomes vpce hears. */
  static final class Outcomes extends PrivateLinkListener {
    final AtomicInteger counted = new AtomicInteger();
    final AtomicInteger notCounted = new AtomicInteger();
    final List<InetAddress> failedAddresses = new CopyOnWriteArrayList<>();
    final List<String> tiers = new CopyOnWriteArrayList<>();

    @Override
    public void connectFailed(InetSocketAddress target, IOException cause, boolean wasCounted) {
      (wasCounted ? counted : notCounted).incrementAndGet();
      failedAddresses.add(target.getAddress());
    }

    @Override
    public void routeTierChanged(String host, RouteTier previous, Route current) {
      tiers.add(previous + "->" + current.tier());
    }
  }
}
