package dev.vpce.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.NameResolver;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EchoServer;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDK CONNECT proxy's safeguards over real sockets: an echo server behind the kit's zone fronts stands
 * in for the service, and raw CONNECT requests show the status lines a client gets.
 */
class ConnectProxyIT {
  static final String HOST = "orders.internal.example.com";
  static EchoServer echo;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  PrivateLinkConnectProxy proxy;
  final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeAll
  static void startEcho() throws IOException {
    echo = new EchoServer();
  }

  @AfterAll
  static void stopEcho() throws IOException {
    echo.close();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(echo.address());
    privateLink = PrivateLink.builder()
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(NameResolver.servers(List.of(kit.dns().address()), Duration.ofMillis(500)))
        .bind(Binding.builder(HOST).regionalDnsName(endpoint.regionalDnsName()).build())
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    privateLink.close();
  }

  PrivateLinkConnectProxy.Builder proxy() {
    return PrivateLinkConnectProxy.builder(privateLink).connectTimeout(Duration.ofMillis(500))
        .allowedPorts(endpoint.port());
  }

  /** A client that sends {@code CONNECT authority} and reads the response head. */
  static final class RawClient implements AutoCloseable {
    final Socket socket = new Socket();
    final String status;

    RawClient(InetSocketAddress proxy, String authority) throws IOException {
      socket.connect(proxy, 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      this.status = head(socket.getInputStream()).split("\r\n")[0];
    }

    int echo(int b) throws IOException {
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      return socket.getInputStream().read();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static String head(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  String authority(int port) {
    return HOST + ":" + port;
  }

  @Test
  void tunnelsABoundHostToTheLocalZone() throws Exception {
    proxy = proxy().start();
    try (RawClient c = new RawClient(proxy.address(), authority(endpoint.port()))) {
      assertThat(c.status).isEqualTo("HTTP/1.1 200 Connection Established");
      assertThat(c.echo('p')).isEqualTo('p');
    }
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(1);
  }

  @Test
  void keepsAcceptingAfterAcceptErrorsSuchAsRunningOutOfFileDescriptors() throws Exception {
    AtomicInteger toFail = new AtomicInteger(3);
    proxy = proxy().serverSockets(new FlakyServerSockets(() -> {
      if (toFail.getAndDecrement() > 0) {
        throw new SocketException("Too many open files");
      }
    })).start();
    try (RawClient c = new RawClient(proxy.address(), authority(endpoint.port()))) {
      assertThat(c.status).isEqualTo("HTTP/1.1 200 Connection Established");
      assertThat(c.echo('q')).isEqualTo('q');
    }
    assertThat(proxy.acceptFailures()).isEqualTo(3);
    assertThat(proxy.isAccepting()).isTrue();
  }

  @Test
  void closesItsListeningSocketWhenAcceptingStopsSoClientsAreRefusedNotLeftWaiting() throws Exception {
    proxy = proxy().serverSockets(new FlakyServerSockets(() -> {
      throw new IllegalStateException("an injected defect in the accept loop");
    })).start();
    InetSocketAddress address = proxy.address();
    await().atMost(Duration.ofSeconds(10)).until(() -> !proxy.isAccepting());
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(address, 2_000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusesConnectionsOverTheLimitWith503AndItsReasonOnABoundedSetOfThreads() throws Exception {
    proxy = proxy().maxConnections(2).start();
    String prefix = proxy.toString().split(" ")[0] + "-";
    Socket quiet1 = idle(proxy.address());
    Socket quiet2 = idle(proxy.address());
    try (RawClient third = new RawClient(proxy.address(), authority(endpoint.port()))) {
      assertThat(third.status).startsWith("HTTP/1.1 503 vpce: vpce proxy is full")
          .contains("maxConnections 2");
    }
    for (int i = 0; i < 40; i++) {
      idle(proxy.address());
    }
    long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    assertThat(threads).as("two per connection, the acceptor and the refuser; not one per connection")
        .isLessThanOrEqualTo(2 * 2 + 2);

    quiet1.close();
    quiet2.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      try (RawClient again = new RawClient(proxy.address(), authority(endpoint.port()))) {
        assertThat(again.status).isEqualTo("HTTP/1.1 200 Connection Established");
      }
    });
  }

  Socket idle(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.connect(address, 5_000);
    closeAfter.add(s);
    return s;
  }

  @Test
  void refusesAPortThatIsNotAllowedBeforeAnyConnectSoNoBreakerMoves() throws Exception {
    proxy = proxy().start();
    for (int i = 0; i < 3; i++) {
      try (RawClient c = new RawClient(proxy.address(), authority(22))) {
        assertThat(c.status).isEqualTo("HTTP/1.1 403 vpce: port 22 of " + HOST + " is not allowed; allowedPorts are ["
            + endpoint.port() + "]");
      }
    }
    assertThat(endpoint.fronts()).allSatisfy(f -> assertThat(f.connections()).isZero());
    assertThat(privateLink.breakerStates()).isEmpty();
  }

  @Test
  void refusesAHostWithoutABinding() throws Exception {
    proxy = proxy().start();
    try (RawClient c = new RawClient(proxy.address(), "unbound.example.test:" + endpoint.port())) {
      assertThat(c.status).startsWith("HTTP/1.1 403 vpce: host unbound.example.test has no vpce binding");
    }
  }

  @Test
  void saysInTheStatusLineWhyNoAddressAcceptedTheTunnel() throws Exception {
    for (var front : endpoint.fronts()) {
      front.mode(BackendMode.REFUSE);
    }
    proxy = proxy().start();
    try (RawClient c = new RawClient(proxy.address(), authority(endpoint.port()))) {
      assertThat(c.status).startsWith("HTTP/1.1 502 vpce: no address of " + authority(endpoint.port())
          + " accepted a connection: " + endpoint.zone("us-east-1a").ip().getHostAddress());
    }
  }

  @Test
  void sendsUnboundHostsThroughTheApplicationsPreviousProxySelector() throws Exception {
    try (ServerSocket egress = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
        try (Socket s = egress.accept()) {
          String head = head(s.getInputStream());
          s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\negress"
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          return head.split("\r\n")[0];
        } catch (IOException e) {
          return e.toString();
        }
      });
      InetSocketAddress egressAddress = new InetSocketAddress(egress.getInetAddress(), egress.getLocalPort());
      proxy = proxy().previousProxySelector(ProxySelector.of(egressAddress)).start();
      HttpClient http = HttpClient.newBuilder().proxy(proxy.proxySelector()).build();

      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://unbound.example.test/ping"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.body()).isEqualTo("egress");
      assertThat(seen.get()).isEqualTo("GET http://unbound.example.test/ping HTTP/1.1");
      assertThat(proxy.proxySelector().select(URI.create("https://" + HOST + "/")))
          .extracting(Proxy::address).containsExactly(proxy.address());
    }
  }

  @Test
  void closesATunnelThatStaysQuietForTheIdleTimeout() throws Exception {
    proxy = proxy().idleTimeout(Duration.ofMillis(300)).start();
    try (RawClient c = new RawClient(proxy.address(), authority(endpoint.port()))) {
      assertThat(c.status).isEqualTo("HTTP/1.1 200 Connection Established");
      assertThat(c.echo('p')).isEqualTo('p');
      assertThat(c.socket.getInputStream().read()).as("end of stream from the proxy, not a read timeout")
          .isEqualTo(-1);
    }
  }

  @Test
  void aOneWayStreamIsNotIdleButItsEndIs() throws Exception {
    int bytes = 40;
    try (ServerSocket streamer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> {
        try (Socket s = streamer.accept()) {
          for (int i = 0; i < bytes; i++) {
            s.getOutputStream().write('s');
            s.getOutputStream().flush();
            Thread.sleep(50); // 2 s of one-way traffic against a 1 s idle timeout
          }
          s.getInputStream().read(); // then silence: the proxy closes the tunnel
        } catch (IOException | InterruptedException e) {
          // the tunnel was closed
        }
      });
      endpoint.target(new InetSocketAddress(streamer.getInetAddress(), streamer.getLocalPort()));
      proxy = proxy().idleTimeout(Duration.ofSeconds(1)).start();
      try (RawClient c = new RawClient(proxy.address(), authority(endpoint.port()))) {
        assertThat(c.status).isEqualTo("HTTP/1.1 200 Connection Established");
        for (int i = 0; i < bytes; i++) {
          assertThat(c.socket.getInputStream().read()).as("byte %d of the stream", i).isEqualTo('s');
        }
        assertThat(c.socket.getInputStream().read()).isEqualTo(-1);
      }
    }
  }

  /** Server sockets whose {@code accept} first runs an injected action, which may throw. */
  static final class FlakyServerSockets extends ServerSocketFactory {
    interface Action {
      void run() throws IOException;
    }

    final Action beforeAccept;

    FlakyServerSockets(Action beforeAccept) {
      this.beforeAccept = beforeAccept;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      return new ServerSocket(port, backlog, address) {
        @Override
        public Socket accept() throws IOException {
          beforeAccept.run();
          return super.accept();
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return createServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return createServerSocket(port, backlog, InetAddress.getLoopbackAddress());
    }
  }
}
