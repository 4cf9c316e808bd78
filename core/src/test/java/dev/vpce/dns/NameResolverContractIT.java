package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.IpAddressType;
import dev.vpce.testkit.DnsFault;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * What vpce needs of a resolver, asked of vpce's own stub resolver and of dnsjava's alike, over real packets:
 * the kit's DNS server, and scripted servers (dnsjava's message classes on a UDP socket) for the replies the kit
 * does not give: a failing or silent first server, a CNAME whose target is left for another query, a forged
 * reply with the wrong ID. Two of them hold for the stub only: dnsjava, as vpce configured it, ends a lookup on
 * the first server's SERVFAIL and on a reply with another ID, where the stub asks the next server or keeps
 * waiting for the real reply.
 */
class NameResolverContractIT {
  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  private final List<ScriptedNameServer> scripted = new ArrayList<>();

  static Stream<Arguments> resolvers() {
    return Stream.of(
        Arguments.of("stub", (BiFunction<List<InetSocketAddress>, Duration, NameResolver>) NameResolver::servers),
        Arguments.of("dnsjava", (BiFunction<List<InetSocketAddress>, Duration, NameResolver>) NameResolver::dnsjava));
  }

  @AfterEach
  void closeScripted() {
    scripted.forEach(ScriptedNameServer::close);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void answersWithTheServersAddressesInOrderAndTheirTtl(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) throws Exception {
    kit.dns().ttl(Duration.ofSeconds(42)).answer("db.corp.example.test", ip("10.0.0.3"), ip("10.0.0.1"));
    DnsAnswer a = make.apply(List.of(kit.dns().address()), Duration.ofSeconds(1)).resolve("DB.corp.example.test.");
    assertThat(a.addresses()).containsExactly(ip("10.0.0.3"), ip("10.0.0.1"));
    assertThat(a.addresses().get(0).getHostName()).isEqualTo("DB.corp.example.test.");
    assertThat(a.ttl()).isEqualTo(Duration.ofSeconds(42));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void nxdomainIsAnUnknownHostAndServfailAnIoError(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) {
    NameResolver dns = make.apply(List.of(kit.dns().address()), Duration.ofMillis(500));
    assertThatThrownBy(() -> dns.resolve("missing.corp.example.test")).isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("NXDOMAIN");
    kit.dns().fault("sick.corp.example.test", DnsFault.SERVFAIL);
    assertThatThrownBy(() -> dns.resolve("sick.corp.example.test")).isInstanceOf(IOException.class)
        .isNotInstanceOf(UnknownHostException.class)
        .hasMessageContaining("DNS lookup of sick.corp.example.test (A) failed against")
        .hasMessageContaining("SERVFAIL");
  }

  /** Stub only: dnsjava, as vpce configured it, ends the lookup on the first server's SERVFAIL. */
  @Test
  void aFailingSilentOrClosedServerPassesTheQuestionToTheNext(LocalPrivateLink kit) throws Exception {
    kit.dns().answer("db.corp.example.test", ip("10.0.0.7"));
    ScriptedNameServer servfail = scripted((query, reply) -> {
      reply.getHeader().setRcode(Rcode.SERVFAIL);
      return List.of(reply);
    });
    ScriptedNameServer silent = scripted((query, reply) -> List.of());
    InetSocketAddress closed = closedPort();
    NameResolver dns = NameResolver.servers(List.of(servfail.address(), silent.address(), closed,
        kit.dns().address()), Duration.ofMillis(300));
    assertThat(dns.resolve("db.corp.example.test").addresses()).containsExactly(ip("10.0.0.7"));
    assertThat(servfail.questions()).isNotEmpty();
    assertThat(silent.questions()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void whenEveryServerFailsTheErrorNamesTheQuestionAndTheServers(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make) throws Exception {
    ScriptedNameServer silent = scripted((query, reply) -> List.of());
    NameResolver dns = make.apply(List.of(silent.address()), Duration.ofMillis(200));
    assertThatThrownBy(() -> dns.resolve("db.corp.example.test", IpAddressType.IPV6))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("DNS lookup of db.corp.example.test (AAAA) failed against [" + silent.address());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void aCnameWhoseTargetIsNotInTheAnswerIsFollowedWithANewQuery(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make) throws Exception {
    ScriptedNameServer server = scripted((query, reply) -> {
      Name asked = query.getQuestion().getName();
      if (asked.toString().equals("api.corp.example.test.")) {
        reply.addRecord(new CNAMERecord(asked, DClass.IN, 30, Name.fromConstantString("lb.corp.example.test.")),
            Section.ANSWER);
      } else {
        reply.addRecord(new ARecord(asked, DClass.IN, 90, ip("10.1.2.3")), Section.ANSWER);
      }
      return List.of(reply);
    });
    DnsAnswer a = make.apply(List.of(server.address()), Duration.ofSeconds(1)).resolve("api.corp.example.test");
    assertThat(a.addresses()).containsExactly(ip("10.1.2.3"));
    assertThat(a.ttl()).as("the CNAME's 30 s, not the A record's 90 s").isEqualTo(Duration.ofSeconds(30));
    assertThat(server.questions()).containsExactly("api.corp.example.test.", "lb.corp.example.test.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void aCnameLoopEndsWithAnError(String impl, BiFunction<List<InetSocketAddress>, Duration, NameResolver> make)
      throws Exception {
    ScriptedNameServer server = scripted((query, reply) -> {
      Name asked = query.getQuestion().getName();
      Name next = Name.fromConstantString(asked.toString().startsWith("a.") ? "b.loop.test." : "a.loop.test.");
      reply.addRecord(new CNAMERecord(asked, DClass.IN, 30, next), Section.ANSWER);
      return List.of(reply);
    });
    NameResolver dns = make.apply(List.of(server.address()), Duration.ofSeconds(1));
    assertThatThrownBy(() -> dns.resolve("a.loop.test")).isInstanceOf(IOException.class)
        .hasMessageContaining("CNAMEs (a loop?)");
  }

  /** Stub only: dnsjava fails the lookup on a reply with another ID, so one forged packet is enough to fail it. */
  @Test
  void aForgedReplyWithAnotherIdIsIgnored() throws Exception {
    ScriptedNameServer server = scripted((query, reply) -> {
      Message forged = new Message((reply.getHeader().getID() + 1) & 0xffff);
      forged.getHeader().setFlag(Flags.QR);
      forged.addRecord(query.getQuestion(), Section.QUESTION);
      forged.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, ip("192.0.2.66")), Section.ANSWER);
      reply.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, ip("10.0.0.9")), Section.ANSWER);
      return List.of(forged, reply);
    });
    assertThat(NameResolver.servers(List.of(server.address()), Duration.ofSeconds(1)).resolve("db.corp.example.test")
        .addresses()).containsExactly(ip("10.0.0.9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void anAnswerTooLongForUdpIsAskedAgainOverTcp(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) throws Exception {
    InetAddress[] many = new InetAddress[40]; // 40 A records: more than 512 bytes
    for (int i = 0; i < many.length; i++) {
      many[i] = ip("10.9.0." + (i + 1));
    }
    kit.dns().answer("big.corp.example.test", many);
    DnsAnswer a = make.apply(List.of(kit.dns().address()), Duration.ofSeconds(1)).resolve("big.corp.example.test");
    assertThat(a.addresses()).containsExactly(many);
    assertThat(kit.dns().queries()).anyMatch(q -> q.name().equals("big.corp.example.test")
        && q.transport().equals("tcp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void dualStackAsksForBothFamiliesIpv4First(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) throws Exception {
    kit.dns().answer("dual.corp.example.test", ip("::1"), ip("10.0.0.4"));
    NameResolver dns = make.apply(List.of(kit.dns().address()), Duration.ofSeconds(1));
    DnsAnswer both = dns.resolve("dual.corp.example.test", IpAddressType.DUALSTACK);
    assertThat(both.addresses()).containsExactly(ip("10.0.0.4"), ip("::1"));
    assertThat(dns.resolve("dual.corp.example.test", IpAddressType.IPV6).addresses()).singleElement()
        .isInstanceOf(Inet6Address.class);
    kit.dns().answer("v4only.corp.example.test", ip("10.0.0.5"));
    DnsAnswer nodata = dns.resolve("v4only.corp.example.test", IpAddressType.IPV6);
    assertThat(nodata.addresses()).as("NODATA is an empty answer").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void anEmptyAnswerLivesForTheNegativeTtlOfTheZonesSoa(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) throws Exception {
    kit.dns().negativeTtl(Duration.ofSeconds(45)).answer("v4only.corp.example.test", ip("10.0.0.5"));
    NameResolver dns = make.apply(List.of(kit.dns().address()), Duration.ofSeconds(1));
    DnsAnswer nodata = dns.resolve("v4only.corp.example.test", IpAddressType.IPV6);
    assertThat(nodata.addresses()).isEmpty();
    assertThat(nodata.ttl()).as("RFC 2308: the SOA in the authority section").isEqualTo(Duration.ofSeconds(45));

    kit.dns().cname("alias.corp.example.test", "v4only.corp.example.test", Duration.ofSeconds(7));
    assertThat(dns.resolve("alias.corp.example.test", IpAddressType.IPV6).ttl())
        .as("no longer than the CNAME that led there").isEqualTo(Duration.ofSeconds(7));
    assertThat(dns.resolve("v4only.corp.example.test", IpAddressType.DUALSTACK).ttl())
        .as("the A records' TTL when one family has addresses").isEqualTo(kit.dns().ttl());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void theNegativeTtlIsTheSmallerOfTheSoasTtlAndMinimumATopBitValueZero(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make) throws Exception {
    ScriptedNameServer server = scripted((query, reply) -> {
      String asked = query.getQuestion().getName().toString();
      long ttl = asked.startsWith("a.") ? 300 : asked.startsWith("b.") ? 5 : 300;
      long minimum = asked.startsWith("a.") ? 20 : asked.startsWith("b.") ? 900 : 0x8000_0000L + 60;
      reply.addRecord(new SOARecord(Name.fromConstantString("corp.example.test."), DClass.IN, ttl,
          Name.fromConstantString("ns.corp.example.test."), Name.fromConstantString("hostmaster.corp.example.test."),
          1, 7200, 900, 1_209_600, minimum), Section.AUTHORITY);
      return List.of(reply);
    });
    NameResolver dns = make.apply(List.of(server.address()), Duration.ofSeconds(1));
    assertThat(dns.resolve("a.corp.example.test").ttl()).isEqualTo(Duration.ofSeconds(20));
    assertThat(dns.resolve("b.corp.example.test").ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(dns.resolve("c.corp.example.test").ttl()).as("RFC 2181: the top bit set is 0").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void anEmptyAnswerWithoutAnSoaIsNotCached(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make) throws Exception {
    ScriptedNameServer server = scripted((query, reply) -> List.of(reply)); // NOERROR, no records, no SOA
    DnsAnswer nodata = make.apply(List.of(server.address()), Duration.ofSeconds(1)).resolve("db.corp.example.test");
    assertThat(nodata.addresses()).isEmpty();
    assertThat(nodata.ttl()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvers")
  void aWildcardNameAsEc2ListsAnS3EndpointsIsAskedAsIs(String impl,
      BiFunction<List<InetSocketAddress>, Duration, NameResolver> make, LocalPrivateLink kit) throws Exception {
    String wildcard = "*.vpce-0a1b2c3d4e5f67890-k3m9x2qa.s3.us-east-1.vpce.amazonaws.com";
    kit.dns().answer(wildcard, ip("10.0.3.4"));
    assertThat(make.apply(List.of(kit.dns().address()), Duration.ofSeconds(1)).resolve(wildcard).addresses())
        .containsExactly(ip("10.0.3.4"));
  }

  /** Stub only: an error reply may leave the question out (RFC 1035); it is that server's failure at once. */
  @Test
  void anErrorReplyWithoutTheQuestionPassesToTheNextServer(LocalPrivateLink kit) throws Exception {
    kit.dns().answer("db.corp.example.test", ip("10.0.0.8"));
    ScriptedNameServer refusing = scripted((query, reply) -> {
      Message bare = new Message(reply.getHeader().getID()); // no question section
      bare.getHeader().setFlag(Flags.QR);
      bare.getHeader().setRcode(Rcode.REFUSED);
      return List.of(bare);
    });
    NameResolver dns = NameResolver.servers(List.of(refusing.address(), kit.dns().address()), Duration.ofMinutes(5));
    // were the bare reply ignored, the first server would hold the lookup for its 5 minutes
    assertThat(dns.resolve("db.corp.example.test").addresses()).containsExactly(ip("10.0.0.8"));
    NameResolver alone = NameResolver.servers(List.of(refusing.address()), Duration.ofMinutes(5));
    assertThatThrownBy(() -> alone.resolve("db.corp.example.test")).isInstanceOf(IOException.class)
        .hasMessageEndingWith(refusing.address() + " REFUSED");
  }

  /** Stub only: a datagram too short to carry an ID cannot end the wait for the real reply. */
  @Test
  void aDatagramTooShortForAHeaderIsIgnored() throws Exception {
    ScriptedNameServer server = scripted(new ScriptedNameServer.Script() {
      @Override
      public List<Message> answer(Message query, Message reply) throws IOException {
        reply.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, ip("10.0.0.10")), Section.ANSWER);
        return List.of(reply);
      }

      @Override
      public List<byte[]> before(Message query) {
        return List.of(new byte[] {1, 2, 3});
      }
    });
    assertThat(NameResolver.servers(List.of(server.address()), Duration.ofSeconds(5)).resolve("db.corp.example.test")
        .addresses()).containsExactly(ip("10.0.0.10"));
  }

  /** Stub only: a closed port is named as such, not as "null". */
  @Test
  void aClosedPortIsNamedInTheError() throws Exception {
    InetSocketAddress closed = closedPort();
    NameResolver dns = NameResolver.servers(List.of(closed), Duration.ofSeconds(1));
    assertThatThrownBy(() -> dns.resolve("db.corp.example.test")).isInstanceOf(IOException.class)
        .hasMessageEndingWith(closed + " port unreachable (nothing listening)");
  }

  /**
   * Stub only: the TCP exchange after a truncated answer has one deadline, so a server that trickles its answer
   * byte by byte cannot hold the lookup; the next server answers.
   */
  @Test
  void aServerTricklingItsTcpAnswerIsCutOffAtTheTimeout(LocalPrivateLink kit) throws Exception {
    kit.dns().answer("db.corp.example.test", ip("10.0.0.11"));
    try (java.net.ServerSocket tcp = new java.net.ServerSocket()) {
      tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ScriptedNameServer udp = scripted(tcp.getLocalPort(), (query, reply) -> {
        reply.getHeader().setFlag(Flags.TC);
        return List.of(reply);
      });
      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (java.net.Socket s = tcp.accept()) {
          s.getOutputStream().write(new byte[] {0x03, (byte) 0xe8}); // 1000 bytes will follow
          for (int i = 0; i < 1000; i++) {
            Thread.sleep(100);
            s.getOutputStream().write(0);
            sent.incrementAndGet();
          }
        } catch (IOException | InterruptedException closedByTheClient) {
          // the client gave up: what this test wants
        }
      });
      NameResolver dns = NameResolver.servers(List.of(udp.address(), kit.dns().address()), Duration.ofMillis(500));
      assertThat(dns.resolve("db.corp.example.test").addresses()).containsExactly(ip("10.0.0.11"));
      served.get(2, TimeUnit.MINUTES);
      assertThat(sent.get()).as("bytes of the answer the client waited for").isLessThan(1000);
    }
  }

  @Test
  void theStubRejectsNamesThatCannotBeAsked() {
    NameResolver dns = NameResolver.servers(List.of(new InetSocketAddress("127.0.0.1", 53)), Duration.ofSeconds(1));
    assertThatThrownBy(() -> dns.resolve("bad name.example.com")).isInstanceOf(UnknownHostException.class)
        .hasMessage("'bad name.example.com' is not a valid DNS name: ' ' is not a letter, digit, hyphen or "
            + "underscore");
    assertThatThrownBy(() -> dns.resolve("a..example.com")).isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("a label is empty");
    assertThatThrownBy(() -> dns.resolve("x".repeat(64) + ".example.com")).isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("longer than 63");
  }

  @Test
  void theStubRejectsABadServerListAtOnce() {
    assertThatThrownBy(() -> NameResolver.servers(List.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dns.servers");
    assertThatThrownBy(() -> NameResolver.servers(List.of(InetSocketAddress.createUnresolved("ns.example.com", 53)),
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname");
    assertThatThrownBy(() -> NameResolver.servers(List.of(new InetSocketAddress("127.0.0.1", 53)), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dns.timeout");
  }

  @Test
  void anInterruptEndsTheStubsWaitForASilentServer() throws Exception {
    ScriptedNameServer silent = scripted((query, reply) -> List.of());
    NameResolver dns = NameResolver.servers(List.of(silent.address()), Duration.ofMinutes(5));
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        dns.resolve("db.corp.example.test");
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    t.start();
    silent.awaitQuestion();
    t.interrupt();
    // a resolver that ignored the interrupt would wait its 5 minutes here and fail the test on the timeout
    assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class)
        .hasMessage("DNS lookup of db.corp.example.test (A) was interrupted");
  }

  private ScriptedNameServer scripted(ScriptedNameServer.Script script) throws IOException {
    return scripted(0, script);
  }

  private ScriptedNameServer scripted(int port, ScriptedNameServer.Script script) throws IOException {
    ScriptedNameServer s = new ScriptedNameServer(port, script);
    scripted.add(s);
    return s;
  }

  private static InetSocketAddress closedPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
    }
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
