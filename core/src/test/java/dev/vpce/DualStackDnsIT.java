package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.discovery.Ec2EndpointDiscovery;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.DnsQuery;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The record types vpce asks for follow the endpoint's {@code dnsRecordIpType}, against the kit's real DNS
 * server and EC2 emulator: AAAA (and the ENI's IPv6 address) for a dual-stack endpoint, A only for an IPv4
 * one; and the dnsjava resolver's answers for CNAME chains and empty (NODATA) names.
 */
class DualStackDnsIT {
  static final String HOST = "orders.internal.example.com";
  static final String DUAL = "com.amazonaws.vpce.us-east-1.vpce-svc-0d0d0d0d0d0d0d0d0";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults()
      .endpoint(DUAL, e -> e.ipAddressType("dualstack").ipv6Address("us-east-1a", "::1")));

  LocalPrivateLink kit;
  Ec2Client ec2;
  PrivateLink privateLink;

  @BeforeEach
  void start(LocalPrivateLink kit) {
    this.kit = kit;
    ec2 = KitSupport.ec2(kit, kit.ownerAccount());
  }

  @AfterEach
  void stop() {
    if (privateLink != null) {
      privateLink.close();
    }
    ec2.close();
  }

  EmulatedEndpoint v4() {
    return kit.endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME);
  }

  /** Discovery and DNS from the kit; placed explicitly, so the test does not depend on IMDS timing. */
  PrivateLink.Builder builder() {
    return KitSupport.privateLink(kit, ec2).placement(Placement.ofZoneName("us-east-1a"));
  }

  EmulatedEndpoint dual() {
    return kit.endpoints().stream().filter(e -> e.serviceName().equals(DUAL)).findFirst().orElseThrow();
  }

  List<String> typesAskedFor(String name) {
    return kit.dns().queries().stream().filter(q -> q.name().equals(name)).map(DnsQuery::type).distinct().sorted()
        .toList();
  }

  @Test
  void discoveryReadsTheRecordTypeAndTheEnisIpv6Addresses() throws Exception {
    Endpoint ep = Ec2EndpointDiscovery.create(ec2).describe(DUAL, null).get(0);
    assertThat(ep.dnsRecordIpType()).isEqualTo(IpAddressType.DUALSTACK);
    assertThat(ep.interfaces()).filteredOn(i -> i.zoneName().equals("us-east-1a"))
        .singleElement().satisfies(i -> assertThat(i.ipv6Ip()).isIn("::1", "0:0:0:0:0:0:0:1"));

    Endpoint v4 = Ec2EndpointDiscovery.create(ec2).describe(LocalPrivateLink.DEFAULT_SERVICE_NAME, null).get(0);
    assertThat(v4.dnsRecordIpType()).isEqualTo(IpAddressType.IPV4);
    assertThat(v4.interfaces()).allSatisfy(i -> assertThat(i.ipv6Ip()).isNull());
  }

  @Test
  void aDualStackEndpointIsAskedForAaaaRecordsAndRoutesToItsIpv6AddressToo() throws Exception {
    privateLink = builder().bind(Binding.builder(HOST).serviceName(DUAL).build()).build();
    List<InetAddress> route = privateLink.resolve(HOST);

    EmulatedEndpoint e = dual();
    assertThat(route.get(0)).isEqualTo(e.address("us-east-1a"));
    assertThat(route).anySatisfy(a -> assertThat(a).isInstanceOf(Inet6Address.class)
        .matches(InetAddress::isLoopbackAddress));
    assertThat(route).containsAll(e.addresses());
    assertThat(typesAskedFor(e.regionalDnsName())).containsExactly("A", "AAAA");
    assertThat(typesAskedFor(e.zonalDnsName("us-east-1a"))).containsExactly("A", "AAAA");
    assertThat(privateLink.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
  }

  @Test
  void aStaticBindingAsksForTheRecordTypesItNames() throws Exception {
    EmulatedEndpoint e = dual();
    privateLink = PrivateLink.builder().placement(Placement.ofZoneName("us-east-1a")).nameResolver(KitSupport.dns(kit))
        .bind(Binding.builder(HOST).regionalDnsName(e.regionalDnsName()).dnsRecordIpType(IpAddressType.IPV6).build())
        .build();
    assertThat(privateLink.resolve(HOST)).singleElement().matches(InetAddress::isLoopbackAddress)
        .isInstanceOf(Inet6Address.class);
    assertThat(typesAskedFor(e.regionalDnsName())).containsExactly("AAAA");
  }

  @Test
  void aRecordTypeOnADiscoveredBindingIsRejected() {
    assertThatThrownBy(() -> Binding.builder(HOST).serviceName(DUAL).dnsRecordIpType(IpAddressType.IPV6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("binding[" + HOST + "].dnsRecordIpType is for static bindings; a discovered binding reads it "
            + "from the endpoint's dnsOptions, but was IPV6");
  }

  @Test
  void anIpv4EndpointIsAskedForARecordsOnly() throws Exception {
    privateLink = builder()
        .bind(Binding.builder(HOST).serviceName(LocalPrivateLink.DEFAULT_SERVICE_NAME).build()).build();
    assertThat(privateLink.resolve(HOST)).hasSize(3).allMatch(a -> !(a instanceof Inet6Address));
    assertThat(typesAskedFor(v4().regionalDnsName())).containsExactly("A");
  }

  @Test
  void aCnameChainExpiresAtTheSmallestTtlAlongIt() throws Exception {
    NameResolver dns = KitSupport.dns(kit);
    String regional = v4().regionalDnsName();
    kit.dns().cname("api.corp.example.test", "alias.corp.example.test", Duration.ofSeconds(300))
        .cname("alias.corp.example.test", regional, Duration.ofSeconds(5));

    DnsAnswer a = dns.resolve("api.corp.example.test");
    assertThat(a.addresses()).containsExactlyElementsOf(v4().addresses());
    assertThat(a.ttl()).as("the 5 s CNAME, not the 60 s A records").isEqualTo(Duration.ofSeconds(5));

    kit.dns().ttl(Duration.ofSeconds(2));
    assertThat(dns.resolve("api.corp.example.test").ttl()).as("the A records when they are shorter")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aNameWithoutRecordsOfTheTypeIsAnEmptyAnswerNotAnError() throws Exception {
    NameResolver dns = KitSupport.dns(kit);
    String regional = v4().regionalDnsName();
    assertThat(dns.resolve(regional, IpAddressType.IPV6).addresses()).as("an IPv4 endpoint's name has no AAAA")
        .isEmpty();
    kit.dns().answer(regional);
    assertThat(dns.resolve(regional).addresses()).isEmpty();
  }
}
