package dev.vpce.jdbc;

import static dev.vpce.jdbc.Databases.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLink;
import dev.vpce.RouteTier;
import dev.vpce.jdbc.Databases.Postgres;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code jdbc:vpce:} URL that describes a discovered binding (service name, Region, EC2 endpoint, zone)
 * and nothing else: vpce asks the kit's EC2 emulator for the endpoint, with the SDK's default credentials
 * chain, which the jdbc failsafe execution answers with the kit's caller account through
 * {@code aws.accessKeyId} / {@code aws.secretAccessKey}.
 */
class DiscoveredUrlIT {
  static Postgres pg;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = Databases.postgres();
  }

  @Test
  void aDiscoveredBindingFromUrlParametersAsksTheEc2ApiAndConnectsThroughTheLocalZone(LocalPrivateLink kit)
      throws Exception {
    // the SDK's chain must stop at its first link (the build also disables and blackholes the metadata
    // services): refuse to run, with this message, anywhere the jdbc execution's kit credentials are not set
    assertThat(System.getProperty("aws.accessKeyId"))
        .as("run in core's jdbc failsafe execution, which sets aws.accessKeyId to the kit's caller account")
        .isEqualTo(kit.callerAccount().accessKeyId());
    assertThat(VpceJdbc.registeredFor(HOST)).as("nothing registered: the URL describes the binding").isNull();
    EmulatedEndpoint endpoint = kit.endpoint().target(pg.address());
    int ec2Before = kit.ec2().calls("DescribeVpcEndpoints");
    String url = "jdbc:vpce:postgresql://" + HOST + ":" + endpoint.port() + "/postgres?user=postgres"
        + "&sslmode=verify-full&sslrootcert=" + pg.rootCert() + "&connectTimeout=2"
        + "&vpceServiceName=" + endpoint.serviceName() + "&vpceRegion=" + kit.region()
        + "&vpceEc2Endpoint=" + kit.ec2().endpoint() + "&vpceZone=us-east-1a"
        + "&vpceDnsServers=" + kit.dns().address().getAddress().getHostAddress() + ":" + kit.dns().address().getPort()
        + "&vpceStartupTimeout=30s"; // a cold JVM's first EC2 call loads the SDK's EC2 model
    PostgresIT.query(url);
    PostgresIT.query(url);

    // the one PrivateLink for this configuration (other classes in this JVM may have built others for HOST)
    PrivateLink shared = VpceJdbc.shared(UrlConfig.parse(HOST, JdbcUrl.parseVpce(url).vpceParameters()));
    assertThat(shared.endpoint(HOST).id()).as("the endpoint came from the EC2 emulator").isEqualTo(endpoint.id());
    assertThat(kit.ec2().calls("DescribeVpcEndpoints")).as("discovery called the kit's EC2 API, which "
        + "answers only known access keys").isGreaterThan(ec2Before);
    assertThat(shared.placement().zoneName()).isEqualTo("us-east-1a");
    assertThat(shared.placement().source()).isEqualTo(PlacementSourceKind.EXPLICIT);
    assertThat(shared.route(HOST).tier()).isEqualTo(RouteTier.LOCAL_ZONE);
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(2);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
  }
}
