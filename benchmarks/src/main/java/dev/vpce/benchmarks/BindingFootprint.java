package dev.vpce.benchmarks;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Retained heap per binding: N static bindings, each with its own regional and zonal names and three
 * addresses of its own (so each binding also owns three circuit breakers), all resolved and reported once.
 * DNS answers come from memory here: the harness measures vpce's own objects, not a DNS server's.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vpce.benchmarks.BindingFootprint [bindings]</pre>
 */
public final class BindingFootprint {
  private BindingFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    NameResolver memory = name -> {
      int h = Math.floorMod(name.hashCode(), 250 * 250);
      byte b = (byte) (h / 250);
      byte c = (byte) (h % 250);
      List<InetAddress> three = List.of(InetAddress.getByAddress(new byte[] {127, b, c, 1}),
          InetAddress.getByAddress(new byte[] {127, b, c, 2}), InetAddress.getByAddress(new byte[] {127, b, c, 3}));
      return new DnsAnswer(name.contains("-us-east-1a.") ? three.subList(0, 1) : three, Duration.ofSeconds(60));
    };
    long empty = measure(memory, 1);
    long full = measure(memory, n + 1);
    System.out.printf("retained heap per binding: %.0f bytes (%d bindings, each with 3 breakers and 2 DNS names)%n",
        (full - empty) / (double) n, n);
  }

  private static long measure(NameResolver resolver, int bindings) throws Exception {
    PrivateLink.Builder b = PrivateLink.builder().placement(Placement.ofZoneName("us-east-1a")).nameResolver(resolver);
    for (int i = 0; i < bindings; i++) {
      b.bind(Binding.builder("svc" + i + ".internal.example.com").regionalDnsName(String.format(
          "vpce-%017x-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com", i)).build());
    }
    long before = usedAfterGc();
    PrivateLink pl = b.build();
    for (int i = 0; i < bindings; i++) {
      String host = "svc" + i + ".internal.example.com";
      for (InetAddress a : pl.resolve(host)) {
        pl.connectSucceeded(new InetSocketAddress(a, 443), Duration.ofMillis(1));
      }
    }
    long after = usedAfterGc();
    if (pl.hosts().size() != bindings) {
      throw new IllegalStateException("bindings lost");
    }
    pl.close();
    return after - before;
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
