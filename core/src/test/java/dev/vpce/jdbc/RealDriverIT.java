package dev.vpce.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * jdbc:vpce: keeps the real driver it found for a URL (asking DriverManager again would cost every connect a
 * whole URL parse in the driver), but only while that driver is still registered.
 */
class RealDriverIT {
  static final String HOST = "ledger-db.corp.example.com";

  @Test
  void aRealDriverThatWasDeregisteredIsNotUsedAgain() throws Exception {
    // pgJDBC looks the URL's host up in the JVM: refuse to run where that lookup could leave the machine
    assertThat(System.getProperty("jdk.net.hosts.file"))
        .as("run in core's jdbc failsafe execution, whose JVM resolves through a hosts file only").isNotNull();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // nothing listens there once it is closed: every connect is refused
    }
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (PrivateLink privateLink = PrivateLink.builder()
        .bind(Binding.builder(HOST).regionalDnsName("vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0"
            + ".us-east-1.vpce.amazonaws.com").build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(name -> new DnsAnswer(List.of(loopback), Duration.ofMinutes(10)))
        .build()) {
      VpceJdbc.register(privateLink);
      try {
        String url = "jdbc:vpce:postgresql://" + HOST + ":" + closedPort + "/ledger?user=app&connectTimeout=2";
        // pgJDBC took the connection and vpce's route refused it
        assertThatThrownBy(() -> DriverManager.getConnection(url))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                .contains("vpce [" + HOST + "]", "tried 1", "127.0.0.1:" + closedPort));
        Driver pgJdbc = DriverManager.getDriver("jdbc:postgresql://" + HOST + "/ledger");
        DriverManager.deregisterDriver(pgJdbc);
        try {
          assertThatThrownBy(() -> DriverManager.getConnection(url))
              .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                  .contains("no JDBC driver accepts jdbc:postgresql: URLs; add org.postgresql:postgresql"));
        } finally {
          DriverManager.registerDriver(pgJdbc);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("tried 1"));
      } finally {
        VpceJdbc.unregister(privateLink);
      }
    }
  }
}
