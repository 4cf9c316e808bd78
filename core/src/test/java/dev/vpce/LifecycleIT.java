package dev.vpce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LifecycleIT {
  static final String HOST = "orders.internal.example.com";

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  @Test
  void closeStopsEveryThreadItStartedAndIsIdempotent(LocalPrivateLink kit) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (var ec2 = KitSupport.ec2(kit, kit.ownerAccount())) {
      PrivateLink pl = KitSupport.privateLink(kit, ec2).bind(HOST, kit.endpoint().serviceName())
          .refreshInterval(Duration.ofMillis(200)).build();
      pl.resolve(HOST);
      assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith("vpce-refresh-"));
      pl.close();
      pl.close();
      assertThatThrownBy(() -> pl.resolve(HOST)).isInstanceOf(PrivateLinkClosedException.class)
          .isInstanceOf(java.net.UnknownHostException.class).hasMessageContaining("closed").hasMessageContaining(HOST);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> !before.contains(t) && t.isAlive())
        .filteredOn(t -> t.getName().startsWith("vpce-") && !t.getName().startsWith("vpce-testkit-"))
        .isEmpty());
  }

  /** Loads test and main classes afresh, refusing every EC2 SDK class. */
  static final class NoEc2ClassLoader extends URLClassLoader {
    NoEc2ClassLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("software.amazon.awssdk.services.ec2.")) {
        throw new ClassNotFoundException("EC2 classes are off limits for static bindings: " + name);
      }
      return super.loadClass(name, resolve);
    }
  }

  /** Run inside {@link NoEc2ClassLoader}: a static binding, resolved against the kit's DNS. */
  public static String resolveStatically(String dnsHost, int dnsPort, String regionalName) throws Exception {
    try (PrivateLink pl = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName(regionalName).build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(dev.vpce.dns.NameResolver.servers(
            List.of(new java.net.InetSocketAddress(dnsHost, dnsPort)), Duration.ofMillis(500)))
        .build()) {
      return pl.resolve(HOST).get(0).getHostAddress() + " " + pl.route(HOST).tier();
    }
  }

  @Test
  void aStaticBindingNeverLoadsTheEc2Classes(LocalPrivateLink kit) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    // not closed: dnsjava registers a shutdown hook that needs this loader's classes when the JVM exits
    NoEc2ClassLoader loader = new NoEc2ClassLoader(urls.toArray(new URL[0]));
    {
      Class<?> test = loader.loadClass(LifecycleIT.class.getName());
      assertThat(test.getClassLoader()).isSameAs(loader);
      Method m = test.getMethod("resolveStatically", String.class, int.class, String.class);
      m.setAccessible(true); // the class is package-private, and in another runtime package now
      Object result = m.invoke(null, kit.dns().address().getHostString(), kit.dns().address().getPort(),
          kit.endpoint().regionalDnsName());
      assertThat(result).isEqualTo(kit.endpoint().zone("us-east-1a").ip().getHostAddress() + " LOCAL_ZONE");
      assertThat(loader.loadClass("dev.vpce.PrivateLink").getClassLoader()).isSameAs(loader);
    }
  }
}
