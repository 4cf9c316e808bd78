package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The stub resolver's reading of replies, on messages dnsjava writes (compressed names included). */
class StubResolverTest {
  private static final int ID = 0x1234;

  @Test
  void readsCnameTargetsAndAddressesThroughCompressedNames() throws Exception {
    Message m = reply(ID, "api.corp.example.test.");
    Name api = Name.fromString("api.corp.example.test.");
    Name lb = Name.fromString("lb.corp.example.test.");
    m.addRecord(new CNAMERecord(api, DClass.IN, 30, lb), Section.ANSWER);
    m.addRecord(new ARecord(lb, DClass.IN, 90, InetAddress.getByName("10.1.2.3")), Section.ANSWER);
    byte[] wire = m.toWire();

    StubResolver.Reply r = StubResolver.Reply.parse(wire, wire.length, ID, "api.corp.example.test", Type.A);

    assertThat(r.rcode()).isZero();
    assertThat(r.truncated()).isFalse();
    assertThat(r.answers()).hasSize(2);
    assertThat(r.answers().get(0).owner()).isEqualTo("api.corp.example.test");
    assertThat(r.answers().get(0).target()).isEqualTo("lb.corp.example.test");
    assertThat(r.answers().get(0).ttl()).isEqualTo(30);
    assertThat(r.answers().get(1).owner()).isEqualTo("lb.corp.example.test");
    assertThat(r.answers().get(1).address()).containsExactly(10, 1, 2, 3);
  }

  @Test
  void aReplyToAnotherIdOrQuestionOrNoReplyAtAllIsNotTheAnswer() throws Exception {
    byte[] otherId = reply(ID + 1, "db.corp.example.test.").toWire();
    assertThat(StubResolver.Reply.parse(otherId, otherId.length, ID, "db.corp.example.test", Type.A)).isNull();

    byte[] otherName = reply(ID, "other.corp.example.test.").toWire();
    assertThat(StubResolver.Reply.parse(otherName, otherName.length, ID, "db.corp.example.test", Type.A)).isNull();

    byte[] otherType = reply(ID, "db.corp.example.test.").toWire();
    assertThat(StubResolver.Reply.parse(otherType, otherType.length, ID, "db.corp.example.test", Type.AAAA))
        .isNull();

    Message query = Message.newQuery(Record.newRecord(Name.fromString("db.corp.example.test."), Type.A, DClass.IN));
    query.getHeader().setID(ID);
    byte[] notAReply = query.toWire();
    assertThat(StubResolver.Reply.parse(notAReply, notAReply.length, ID, "db.corp.example.test", Type.A)).isNull();
  }

  @Test
  void aTtlWithTheTopBitSetIsZero() throws Exception {
    byte[] wire = oneARecord();
    int ttlAt = wire.length - 4 - 2 - 4; // the record ends with TTL (4), RDLENGTH (2), RDATA (4)
    wire[ttlAt] = (byte) 0x80;
    StubResolver.Reply r = StubResolver.Reply.parse(wire, wire.length, ID, "db.corp.example.test", Type.A);
    assertThat(r.answers()).singleElement().extracting(StubResolver.Answer::ttl).isEqualTo(0L);
  }

  @Test
  void aMalformedReplyIsAnIoErrorNotAWrongAnswer() throws Exception {
    byte[] wire = oneARecord();
    assertThatThrownBy(() -> StubResolver.Reply.parse(wire, wire.length - 3, ID, "db.corp.example.test", Type.A))
        .isInstanceOf(IOException.class);

    byte[] loop = wire.clone();
    loop[12] = (byte) 0xc0; // the question's name: a pointer to itself
    loop[13] = 12;
    assertThatThrownBy(() -> StubResolver.Reply.parse(loop, loop.length, ID, "db.corp.example.test", Type.A))
        .isInstanceOf(IOException.class).hasMessageContaining("point back");
  }

  @Test
  void aReplyWithoutAddressesCarriesTheNegativeTtlOfItsSoa() throws Exception {
    Message nodata = reply(ID, "db.corp.example.test.");
    nodata.addRecord(soa(300, 60), Section.AUTHORITY);
    assertThat(parse(nodata).negativeTtl()).as("RFC 2308: the smaller of the SOA's TTL and MINIMUM").isEqualTo(60);

    Message lowTtl = reply(ID, "db.corp.example.test.");
    lowTtl.addRecord(soa(5, 900), Section.AUTHORITY);
    assertThat(parse(lowTtl).negativeTtl()).isEqualTo(5);

    Message behindAlias = reply(ID, "db.corp.example.test.");
    behindAlias.addRecord(new CNAMERecord(Name.fromString("db.corp.example.test."), DClass.IN, 30,
        Name.fromString("lb.corp.example.test.")), Section.ANSWER);
    behindAlias.addRecord(soa(120, 120), Section.AUTHORITY);
    StubResolver.Reply r = parse(behindAlias);
    assertThat(r.answers()).singleElement().extracting(StubResolver.Answer::target).isEqualTo("lb.corp.example.test");
    assertThat(r.negativeTtl()).isEqualTo(120);

    assertThat(parse(reply(ID, "db.corp.example.test.")).negativeTtl()).as("no SOA: not cached").isEqualTo(-1);
  }

  @Test
  void aReplyWithAddressesHasNoNegativeTtlAndItsAuthoritySectionIsNotRead() throws Exception {
    byte[] wire = oneARecord();
    byte[] withSoa = java.util.Arrays.copyOf(wire, wire.length + 1);
    withSoa[9] = 1; // one authority record announced, and only a byte of it there: never read
    StubResolver.Reply r = StubResolver.Reply.parse(withSoa, withSoa.length, ID, "db.corp.example.test", Type.A);
    assertThat(r.answers()).hasSize(1);
    assertThat(r.negativeTtl()).isEqualTo(-1);
  }

  @Test
  void aBrokenSoaOnlyLeavesTheEmptyAnswerUncachedItDoesNotFailTheLookup() throws Exception {
    Message nodata = reply(ID, "db.corp.example.test.");
    nodata.addRecord(soa(300, 60), Section.AUTHORITY);
    byte[] wire = nodata.toWire();
    StubResolver.Reply cut = StubResolver.Reply.parse(wire, wire.length - 3, ID, "db.corp.example.test", Type.A);
    assertThat(cut.answers()).isEmpty();
    assertThat(cut.negativeTtl()).as("an SOA cut short").isEqualTo(-1);

    Message rootNames = reply(ID, "db.corp.example.test.");
    rootNames.addRecord(rootNamedSoa(60), Section.AUTHORITY);
    byte[] ok = rootNames.toWire(); // RDATA: two root names (1 octet each) and five numbers: 22 octets, last
    assertThat(StubResolver.Reply.parse(ok, ok.length, ID, "db.corp.example.test", Type.A).negativeTtl())
        .isEqualTo(60);
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
    longer[ok.length - 22 - 1] = 23; // RDLENGTH one more than the names and numbers take
    assertThat(StubResolver.Reply.parse(longer, longer.length, ID, "db.corp.example.test", Type.A).negativeTtl())
        .as("names and numbers that do not fill the record exactly").isEqualTo(-1);
  }

  @Test
  void theSmallestOfSeveralSoasCountsAndTopBitValuesAreZero() throws Exception {
    Message two = reply(ID, "db.corp.example.test.");
    two.addRecord(soa(300, 40), Section.AUTHORITY);
    two.addRecord(soa(25, 900), Section.AUTHORITY);
    assertThat(parse(two).negativeTtl()).isEqualTo(25);

    Message topBit = reply(ID, "db.corp.example.test.");
    topBit.addRecord(rootNamedSoa(0x8000_0000L + 60), Section.AUTHORITY);
    assertThat(parse(topBit).negativeTtl()).as("RFC 2181").isZero();

    Message nxdomain = reply(ID, "db.corp.example.test.");
    nxdomain.getHeader().setRcode(Rcode.NXDOMAIN);
    nxdomain.addRecord(soa(300, 60), Section.AUTHORITY);
    assertThat(parse(nxdomain).negativeTtl()).as("NXDOMAIN is an error, not an answer to keep").isEqualTo(-1);
  }

  @Test
  void namesAreCheckedAndLowerCasedBeforeTheyAreAsked() throws Exception {
    assertThat(StubResolver.canonical("DB.Corp.Example.TEST.")).isEqualTo("db.corp.example.test");
    assertThat(StubResolver.canonical("_svc.example.com")).isEqualTo("_svc.example.com");
    assertThatThrownBy(() -> StubResolver.canonical("")).isInstanceOf(UnknownHostException.class)
        .hasMessage("'' is not a valid DNS name: it is empty");
    assertThatThrownBy(() -> StubResolver.canonical("a".repeat(250) + ".example"))
        .isInstanceOf(UnknownHostException.class).hasMessageContaining("longer than 253");
  }

  @Test
  void aDotOrAnUnprintableByteInsideALabelIsEscapedSoNamesCannotMerge() throws Exception {
    Message m = reply(ID, "api.corp.example.test.");
    m.addRecord(new CNAMERecord(Name.fromString("api.corp.example.test."), DClass.IN, 30,
        Name.fromString("Lb\\.corp\\255.example.test.")), Section.ANSWER);
    byte[] wire = m.toWire();
    StubResolver.Reply r = StubResolver.Reply.parse(wire, wire.length, ID, "api.corp.example.test", Type.A);
    assertThat(r.answers()).singleElement().extracting(StubResolver.Answer::target)
        .isEqualTo("lb\\046corp\\255.example.test");
    assertThatThrownBy(() -> StubResolver.canonical("lb\\046corp\\255.example.test"))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void aWildcardIsAllowedAsTheWholeFirstLabelOnly() throws Exception {
    assertThat(StubResolver.canonical("*.vpce-0a1b.s3.us-east-1.vpce.amazonaws.com"))
        .isEqualTo("*.vpce-0a1b.s3.us-east-1.vpce.amazonaws.com");
    assertThatThrownBy(() -> StubResolver.canonical("api.*.example.com")).isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> StubResolver.canonical("*")).isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> StubResolver.canonical("*x.example.com")).isInstanceOf(UnknownHostException.class);
  }

  /** A reply to db.corp.example.test (A) with one A record, TTL 60: the record is the last 16 bytes. */
  private static byte[] oneARecord() throws IOException {
    Message m = reply(ID, "db.corp.example.test.");
    m.addRecord(new ARecord(Name.fromString("db.corp.example.test."), DClass.IN, 60,
        InetAddress.getByName("10.0.0.1")), Section.ANSWER);
    return m.toWire();
  }

  private static StubResolver.Reply parse(Message m) throws IOException {
    byte[] wire = m.toWire();
    return StubResolver.Reply.parse(wire, wire.length, ID, "db.corp.example.test", Type.A);
  }

  private static SOARecord soa(long ttl, long minimum) throws IOException {
    return new SOARecord(Name.fromString("corp.example.test."), DClass.IN, ttl, Name.fromString("ns.example.test."),
        Name.fromString("hostmaster.example.test."), 1, 7200, 900, 1_209_600, minimum);
  }

  /** An SOA with TTL 300 whose two names are the root: its RDATA is 22 octets, the smallest an SOA can have. */
  private static SOARecord rootNamedSoa(long minimum) throws IOException {
    return new SOARecord(Name.fromString("corp.example.test."), DClass.IN, 300, Name.root, Name.root, 1, 7200, 900,
        1_209_600, minimum);
  }

  private static Message reply(int id, String name) throws IOException {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(Record.newRecord(Name.fromString(name), Type.A, DClass.IN), Section.QUESTION);
    return m;
  }
}
