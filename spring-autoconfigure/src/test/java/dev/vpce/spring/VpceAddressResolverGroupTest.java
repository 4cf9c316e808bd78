package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebClient resolver never makes the calling (event-loop) thread wait, even on a binding's first lookup. */
class VpceAddressResolverGroupTest {
  static final String REGIONAL = Props.REGIONAL;
  static final String ZONAL = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  final CountDownLatch dnsMayAnswer = new CountDownLatch(1);
  final ExecutorService offLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "off-loop"));
  PrivateLink privateLink;
  AddressResolver<SocketAddress> resolver;

  @BeforeEach
  void start() {
    privateLink = PrivateLink.builder()
        .bind(Binding.builder(Props.HOST).regionalDnsName(REGIONAL).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(name -> {
          try {
            dnsMayAnswer.await(); // a slow first lookup: placement, discovery and DNS still under way
          } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
          }
          String ip = name.equals(ZONAL) ? "127.0.1.1" : "127.0.1.2";
          return new DnsAnswer(List.of(InetAddress.getByName(ip)), Duration.ofSeconds(60));
        })
        .build();
    resolver = new VpceAddressResolverGroup(privateLink, DefaultAddressResolverGroup.INSTANCE, offLoop)
        .getResolver(ImmediateEventExecutor.INSTANCE);
  }

  @AfterEach
  void stop() {
    dnsMayAnswer.countDown();
    privateLink.close();
    offLoop.shutdownNow();
  }

  @Test
  void theFirstLookupOfABindingCompletesOffTheCallingThread() throws Exception {
    Future<List<SocketAddress>> first = resolver.resolveAll(InetSocketAddress.createUnresolved(Props.HOST, 443));
    assertThat(first.isDone()).as("the caller returned while vpce was still starting").isFalse();
    dnsMayAnswer.countDown();
    List<SocketAddress> route = first.get(10, TimeUnit.SECONDS);
    assertThat(route).first().isEqualTo(new InetSocketAddress("127.0.1.1", 443));
    assertThat(route).contains(new InetSocketAddress("127.0.1.2", 443));
  }

  @Test
  void afterTheFirstLookupEveryLookupAnswersOnTheCallingThread() throws Exception {
    dnsMayAnswer.countDown();
    resolver.resolveAll(InetSocketAddress.createUnresolved(Props.HOST, 443)).get(10, TimeUnit.SECONDS);
    offLoop.shutdown(); // nothing may be handed off any more
    for (int i = 0; i < 3; i++) {
      Future<List<SocketAddress>> again = resolver.resolveAll(InetSocketAddress.createUnresolved(Props.HOST, 8443));
      assertThat(again.isDone()).isTrue();
      assertThat(again.getNow()).first().isEqualTo(new InetSocketAddress("127.0.1.1", 8443));
      Future<SocketAddress> one = resolver.resolve(InetSocketAddress.createUnresolved(Props.HOST, 8443));
      assertThat(one.isDone()).isTrue();
      assertThat(one.getNow()).isEqualTo(new InetSocketAddress("127.0.1.1", 8443));
    }
  }

  @Test
  void unboundHostsGoToTheClientsOwnResolver() throws Exception {
    Future<List<SocketAddress>> local = resolver.resolveAll(InetSocketAddress.createUnresolved("localhost", 80));
    assertThat(local.get(10, TimeUnit.SECONDS)).allSatisfy(a ->
        assertThat(((InetSocketAddress) a).getAddress().isLoopbackAddress()).isTrue());
    assertThat(resolver.isResolved(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80))).isTrue();
    assertThat(resolver.isResolved(InetSocketAddress.createUnresolved(Props.HOST, 80))).isFalse();
  }
}
