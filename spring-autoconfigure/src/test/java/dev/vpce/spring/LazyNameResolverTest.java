package dev.vpce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.IpAddressType;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LazyNameResolverTest {
  @Test
  void theRealResolverIsBuiltOnTheFirstLookupOnlyAndOnce() throws Exception {
    AtomicInteger built = new AtomicInteger();
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    LazyNameResolver lazy = new LazyNameResolver(() -> {
      built.incrementAndGet();
      return new NameResolver() {
        @Override
        public DnsAnswer resolve(String name) throws java.net.UnknownHostException {
          asked.add(name);
          return new DnsAnswer(List.of(InetAddress.getByName("127.0.9.1")), Duration.ofSeconds(30));
        }

        @Override
        public DnsAnswer resolve(String name, IpAddressType types) throws java.net.UnknownHostException {
          asked.add(name + " " + types);
          return new DnsAnswer(List.of(InetAddress.getByName("::1")), Duration.ofSeconds(30));
        }
      };
    });
    assertThat(built).hasValue(0);
    assertThat(lazy.built()).isFalse();
    assertThat(lazy.resolve("a.example.com").addresses()).containsExactly(InetAddress.getByName("127.0.9.1"));
    assertThat(lazy.resolve("b.example.com", IpAddressType.IPV6).addresses())
        .containsExactly(InetAddress.getByName("::1"));
    assertThat(built).hasValue(1);
    assertThat(asked).containsExactly("a.example.com", "b.example.com IPV6");
  }

  @Test
  void theStartersResolverIsLazyAndABadServerStillStopsStartUp() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VpceAutoConfiguration.class));
    runner.withPropertyValues(Props.staticBinding())
        .run(ctx -> assertThat(ctx.getBean(NameResolver.class)).isInstanceOf(LazyNameResolver.class));
    runner.withPropertyValues(Props.staticBinding()).withPropertyValues("vpce.dns.servers=ns1.example.com")
        .run(ctx -> assertThat(ctx).hasFailed());
  }
}
