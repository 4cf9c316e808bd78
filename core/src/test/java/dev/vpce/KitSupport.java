package dev.vpce;

import dev.vpce.discovery.Ec2EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import dev.vpce.placement.PlacementSource;
import dev.vpce.testkit.Account;
import dev.vpce.testkit.LocalPrivateLink;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Wiring between vpce and the test kit, and a small client that connects the way HTTP clients do. */
final class KitSupport {
  private KitSupport() {}

  static Ec2Client ec2(LocalPrivateLink kit, Account account) {
    return Ec2Client.builder()
        .region(Region.of(kit.region()))
        .endpointOverride(kit.ec2().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  static StaticCredentialsProvider credentials(Account account) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(),
        account.secretAccessKey()));
  }

  /**
   * vpce's own EC2 client (the default discovery: one attempt per call, vpce's back-off) pointed at the kit:
   * the path production takes. The Region comes from the placement unless the test sets one.
   */
  static PrivateLink.Builder defaultDiscovery(LocalPrivateLink kit, Account account) {
    return PrivateLink.builder()
        .ec2Endpoint(kit.ec2().endpoint())
        .ec2Credentials(credentials(account))
        .nameResolver(dns(kit))
        .startupTimeout(Duration.ofSeconds(15));
  }

  static NameResolver dns(LocalPrivateLink kit) {
    return NameResolver.servers(List.of(kit.dns().address()), Duration.ofMillis(500));
  }

  /** Discovery, DNS and IMDS placement all from the kit, as the caller account sees them. */
  static PrivateLink.Builder privateLink(LocalPrivateLink kit, Ec2Client ec2) {
    return PrivateLink.builder()
        .discovery(Ec2EndpointDiscovery.create(ec2))
        .nameResolver(dns(kit))
        .placementSources(List.of(PlacementSource.imds(kit.imds().endpoint())))
        .startupTimeout(Duration.ofSeconds(15));
  }

  /** What one call did: the address that served it and how many connects failed before. */
  record Call(InetAddress servedBy, int failedConnects, List<InetAddress> route) {}

  /**
   * Connects the way Apache HttpClient's classic operator does with vpce: each address of the route in order,
   * with the adaptive connect deadline for all but the last, reporting every outcome; a one-byte echo stands in for the TLS handshake.
   */
  static Call call(PrivateLink privateLink, String host, int port, Duration connectTimeout) throws IOException {
    List<InetAddress> route = privateLink.resolve(host);
    int failed = 0;
    IOException last = null;
    for (int i = 0; i < route.size(); i++) {
      InetAddress a = route.get(i);
      InetSocketAddress target = new InetSocketAddress(a, port);
      Duration timeout = i == route.size() - 1 ? connectTimeout
          : privateLink.connectTimeout(target, connectTimeout);
      try (Socket s = new Socket()) {
        long start = System.nanoTime();
        s.connect(target, (int) timeout.toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        s.setSoTimeout(5_000);
        s.getOutputStream().write('p');
        if (s.getInputStream().read() != 'p') {
          throw new EOFException("the connection closed before the handshake finished");
        }
        privateLink.connectSucceeded(target, took);
        return new Call(a, failed, route);
      } catch (IOException e) {
        privateLink.connectFailed(target, e);
        failed++;
        last = e;
      }
    }
    throw last;
  }

  static List<Call> calls(PrivateLink privateLink, String host, int port, Duration connectTimeout, int n)
      throws IOException {
    List<Call> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(call(privateLink, host, port, connectTimeout));
    }
    return out;
  }
}
