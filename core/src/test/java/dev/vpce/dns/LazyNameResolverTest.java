package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyNameResolverTest {
  final List<String> asked = new CopyOnWriteArrayList<>();
  final NameResolver real = new NameResolver() {
    @Override
    public DnsAnswer resolve(String name) throws IOException {
      asked.add(name);
      return new DnsAnswer(List.of(InetAddress.getByName("127.0.9.1")), Duration.ofSeconds(30));
    }

    @Override
    public DnsAnswer resolve(String name, IpAddressType types) throws IOException {
      asked.add(name + " " + types);
      return new DnsAnswer(List.of(InetAddress.getByName("::1")), Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
      return "real";
    }
  };

  @Test
  void theResolverIsMadeOnTheFirstLookupAndOnlyOnce() throws Exception {
    AtomicInteger made = new AtomicInteger();
    LazyNameResolver lazy = new LazyNameResolver("system resolver", () -> {
      made.incrementAndGet();
      return real;
    });
    assertThat(made).hasValue(0);
    assertThat(lazy.created()).isFalse();
    assertThat(lazy).hasToString("system resolver (not set up yet)");

    assertThat(lazy.resolve("a.example.com").addresses()).containsExactly(InetAddress.getByName("127.0.9.1"));
    assertThat(lazy.resolve("b.example.com", IpAddressType.IPV6).addresses())
        .containsExactly(InetAddress.getByName("::1"));
    assertThat(made).hasValue(1);
    assertThat(lazy.created()).isTrue();
    assertThat(lazy).hasToString("real");
    assertThat(asked).containsExactly("a.example.com", "b.example.com IPV6");
  }

  @Test
  void aFactoryThatFailsFailsThatLookupAsAnIoErrorAndIsAskedAgainOnTheNext() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LazyNameResolver lazy = new LazyNameResolver("system resolver", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("no name server configured");
      }
      return real;
    });
    assertThatThrownBy(() -> lazy.resolve("a.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessage("could not set up the system resolver: no name server configured");
    assertThat(lazy.created()).isFalse();
    assertThat(lazy.resolve("a.example.com").addresses()).containsExactly(InetAddress.getByName("127.0.9.1"));
    assertThat(calls).hasValue(2);
  }
}
