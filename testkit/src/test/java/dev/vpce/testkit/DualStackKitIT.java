package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A dual-stack and an IPv6-only endpoint: which record types their names carry. */
class DualStackKitIT {
  static final String DUAL = "com.amazonaws.vpce.us-east-1.vpce-svc-0d0d0d0d0d0d0d0d0";
  static final String V6 = "com.amazonaws.vpce.us-east-1.vpce-svc-0e0e0e0e0e0e0e0e0";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.builder()
      .endpoint(DUAL, e -> e.ipAddressType("dualstack").ipv6Address("us-east-1a", "::1")
          .privateDnsName("dual.example.test").dnsRecordIpType("service-defined"))
      .endpoint(V6, e -> e.ipAddressType("ipv6").zones("us-east-1b")));

  static Message ask(LocalPrivateLink kit, String name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(kit.dns().address());
    r.setTimeout(Duration.ofMillis(400));
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
  }

  @Test
  void aDualStackEndpointsNamesCarryAAndAaaaRecordsAndItsPrivateNameOnlyAUnderServiceDefined(LocalPrivateLink kit)
      throws IOException {
    EmulatedEndpoint dual = kit.endpoint(DUAL);
    assertThat(dual.dnsRecordIpType()).isEqualTo("service-defined");
    assertThat(ask(kit, dual.zonalDnsName("us-east-1a"), Type.AAAA).getSection(Section.ANSWER))
        .singleElement().isInstanceOfSatisfying(AAAARecord.class,
            a -> assertThat(a.getAddress().isLoopbackAddress()).isTrue());
    assertThat(ask(kit, dual.regionalDnsName(), Type.AAAA).getSection(Section.ANSWER)).hasSize(1);
    assertThat(ask(kit, dual.regionalDnsName(), Type.A).getSection(Section.ANSWER)).hasSize(3)
        .allMatch(r -> r instanceof ARecord);
    assertThat(ask(kit, "dual.example.test", Type.AAAA).getSection(Section.ANSWER)).isEmpty();
    assertThat(ask(kit, "dual.example.test", Type.A).getSection(Section.ANSWER)).hasSize(3);
  }

  @Test
  void anIpv6OnlyEndpointsNamesCarryNoARecords(LocalPrivateLink kit) throws IOException {
    EmulatedEndpoint v6 = kit.endpoint(V6);
    assertThat(v6.dnsRecordIpType()).isEqualTo("ipv6");
    assertThat(ask(kit, v6.regionalDnsName(), Type.A).getSection(Section.ANSWER)).isEmpty();
  }
}
