package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class LocalDnsIT {
  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.builder()
      .endpoint(LocalPrivateLink.DEFAULT_SERVICE_NAME, e -> e.privateDnsName("orders.internal.example.com")));

  static SimpleResolver resolver(LocalPrivateLink kit, boolean tcp) {
    SimpleResolver r = new SimpleResolver(kit.dns().address());
    r.setTCP(tcp);
    r.setTimeout(Duration.ofMillis(400));
    return r;
  }

  static Message ask(LocalPrivateLink kit, String name, int type, boolean tcp) throws IOException {
    return resolver(kit, tcp).send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
  }

  static List<String> addresses(Message m) {
    return m.getSection(Section.ANSWER).stream()
        .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
  }

  @Test
  void answersRegionalZonalAndPrivateNamesWithTheConfiguredTtl(LocalPrivateLink kit) throws IOException {
    EmulatedEndpoint ep = kit.endpoint();
    Message regional = ask(kit, ep.regionalDnsName(), Type.A, false);
    assertThat(regional.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(addresses(regional)).containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
    assertThat(regional.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(60));

    assertThat(addresses(ask(kit, ep.zonalDnsName("us-east-1b"), Type.A, false))).containsExactly("127.0.1.2");
    assertThat(addresses(ask(kit, "Orders.Internal.Example.com", Type.A, true)))
        .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");

    Message aaaa = ask(kit, ep.regionalDnsName(), Type.AAAA, false);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();

    kit.dns().ttl(Duration.ofSeconds(5));
    assertThat(ask(kit, ep.zonalDnsName("us-east-1a"), Type.A, false).getSection(Section.ANSWER).get(0).getTTL())
        .isEqualTo(5);
  }

  @Test
  void unknownNamesAreNxdomain(LocalPrivateLink kit) throws IOException {
    assertThat(ask(kit, "nothing.example.com", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void negativeAnswersCarryAnSoaWithTheNegativeTtlAsRfc2308Asks(LocalPrivateLink kit) throws Exception {
    String regional = kit.endpoint().regionalDnsName();
    Message nodata = ask(kit, regional, Type.AAAA, false); // an IPv4 endpoint's name: no AAAA records
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOfSatisfying(SOARecord.class, soa -> {
      assertThat(soa.getTTL()).isEqualTo(60);
      assertThat(soa.getMinimum()).isEqualTo(60);
      assertThat(soa.getName().toString()).as("its owner: the name's parent, standing in for a zone apex")
          .isEqualTo(regional.substring(regional.indexOf('.') + 1) + ".");
    });

    kit.dns().negativeTtl(Duration.ofSeconds(9));
    assertThat(ask(kit, "nothing.example.com", Type.A, false).getSection(Section.AUTHORITY)).singleElement()
        .satisfies(soa -> assertThat(((SOARecord) soa).getMinimum()).isEqualTo(9));
    kit.dns().fault(regional, DnsFault.NXDOMAIN);
    assertThat(ask(kit, regional, Type.A, false).getSection(Section.AUTHORITY)).singleElement()
        .satisfies(soa -> assertThat(soa.getTTL()).isEqualTo(9));
    assertThat(ask(kit, regional + "x", Type.A, true).getSection(Section.AUTHORITY)).as("over TCP too").hasSize(1);

    assertThatThrownBy(() -> kit.dns().negativeTtl(Duration.ofSeconds(1L << 31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negativeTtl must be at most 2147483647 s (a DNS TTL), but was PT596523H14M8S");
    assertThatThrownBy(() -> kit.dns().ttl(Duration.ofSeconds(-1))).hasMessageContaining("must not be negative");

    kit.reset();
    assertThat(kit.dns().negativeTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(ask(kit, regional, Type.A, false).getSection(Section.AUTHORITY)).as("a positive answer: none")
        .isEmpty();
  }

  @Test
  void faultsBehaveAsRealServersDoAndSwitchWhileRunning(LocalPrivateLink kit) throws Exception {
    String zonal = kit.endpoint().zonalDnsName("us-east-1a");
    kit.dns().fault(zonal, DnsFault.NXDOMAIN);
    assertThat(ask(kit, zonal, Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(lookup(kit, zonal).getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);

    kit.dns().fault(zonal, DnsFault.SERVFAIL);
    assertThat(ask(kit, zonal, Type.A, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(lookup(kit, zonal).getResult()).isEqualTo(Lookup.TRY_AGAIN);

    kit.dns().fault(zonal, DnsFault.TIMEOUT);
    assertThatThrownBy(() -> ask(kit, zonal, Type.A, false)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ask(kit, zonal, Type.A, true)).isInstanceOf(IOException.class);

    kit.dns().clear(zonal).answer(zonal, InetAddress.getByName("127.0.9.9"));
    assertThat(addresses(ask(kit, zonal, Type.A, false))).containsExactly("127.0.9.9");
    kit.dns().clear(zonal);
    assertThat(addresses(ask(kit, zonal, Type.A, false))).containsExactly("127.0.1.1");
  }

  @Test
  void logsEveryQuestionWithItsTransport(LocalPrivateLink kit) throws IOException {
    String regional = kit.endpoint().regionalDnsName();
    ask(kit, regional, Type.A, false);
    ask(kit, regional, Type.A, true);
    assertThat(kit.dns().queries(regional)).isEqualTo(2);
    assertThat(kit.dns().queries()).extracting(DnsQuery::transport).containsExactly("udp", "tcp");
    assertThat(kit.dns().queries()).extracting(DnsQuery::type).containsOnly("A");
  }

  private static Lookup lookup(LocalPrivateLink kit, String name) throws Exception {
    Lookup l = new Lookup(Name.fromString(name + "."), Type.A);
    l.setResolver(resolver(kit, false));
    l.setCache(null);
    l.run();
    return l;
  }

  @Test
  void answersACnameWithItsOwnTtlFollowedByTheTargetsRecords(LocalPrivateLink kit) throws IOException {
    EmulatedEndpoint ep = kit.endpoint();
    kit.dns().cname("api.corp.example.test", ep.zonalDnsName("us-east-1b"), Duration.ofSeconds(7));
    Message m = ask(kit, "api.corp.example.test", Type.A, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    List<Record> answer = m.getSection(Section.ANSWER);
    assertThat(answer).hasSize(2);
    assertThat(answer.get(0)).isInstanceOfSatisfying(org.xbill.DNS.CNAMERecord.class, c -> {
      assertThat(c.getTarget().toString()).isEqualTo(ep.zonalDnsName("us-east-1b") + ".");
      assertThat(c.getTTL()).isEqualTo(7);
    });
    assertThat(answer.get(1)).isInstanceOfSatisfying(ARecord.class, a -> {
      assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.1.2");
      assertThat(a.getTTL()).isEqualTo(60);
    });
    kit.dns().clear("api.corp.example.test");
    assertThat(ask(kit, "api.corp.example.test", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }
}
