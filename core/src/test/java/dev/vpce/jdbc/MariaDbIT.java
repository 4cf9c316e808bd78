package dev.vpce.jdbc;

import static dev.vpce.jdbc.Databases.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpce.PrivateLink;
import dev.vpce.jdbc.Databases.MariaDb;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** MariaDB reached with MariaDB Connector/J and MySQL Connector/J, through jdbc:vpce: and the socket factories. */
class MariaDbIT {
  static MariaDb db;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final JdbcSupport.Outcomes outcomes = new JdbcSupport.Outcomes();

  /** How a test reaches the database. */
  enum Client {
    MARIADB_VPCE_URL, MARIADB_SOCKET_FACTORY, MYSQL_VPCE_URL, MYSQL_SOCKET_FACTORY;

    String url(int port) {
      String where = "//" + HOST + ":" + port + "/ledger?user=root&connectTimeout=2000";
      return switch (this) {
        case MARIADB_VPCE_URL -> "jdbc:vpce:mariadb:" + where;
        case MARIADB_SOCKET_FACTORY -> "jdbc:mariadb:" + where + "&socketFactory=" + MariaDbSocketFactory.class.getName();
        case MYSQL_VPCE_URL -> "jdbc:vpce:mysql:" + where + "&sslMode=DISABLED";
        case MYSQL_SOCKET_FACTORY -> "jdbc:mysql:" + where + "&sslMode=DISABLED&socketFactory="
            + MySqlSocketFactory.class.getName();
      };
    }

    String driverPackage() {
      return name().startsWith("MARIADB") ? "org.mariadb.jdbc" : "com.mysql.cj";
    }
  }

  @BeforeAll
  static void startDatabase() throws Exception {
    db = Databases.mariadb();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(db.address());
    privateLink = JdbcSupport.boundTo(kit, HOST).listener(outcomes).build();
    VpceJdbc.register(privateLink);
  }

  @AfterEach
  void stop() {
    VpceJdbc.unregister(privateLink);
    privateLink.close();
  }

  void query(Client client) throws SQLException {
    try (Connection c = DriverManager.getConnection(client.url(endpoint.port()));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DATABASE()")) {
      assertThat(c.getClass().getName()).startsWith(client.driverPackage());
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("ledger");
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void everyClientConnectsThroughTheLocalZone(Client client) throws SQLException {
    query(client);
    query(client);
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(2);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
  }

  static Stream<Arguments> faults() {
    List<Arguments> out = new ArrayList<>();
    for (Client c : List.of(Client.MARIADB_VPCE_URL, Client.MYSQL_SOCKET_FACTORY)) {
      for (BackendMode m : List.of(BackendMode.REFUSE, BackendMode.BLACKHOLE, BackendMode.RESET)) {
        out.add(Arguments.of(c, m));
      }
    }
    out.add(Arguments.of(Client.MYSQL_VPCE_URL, BackendMode.BLACKHOLE));
    out.add(Arguments.of(Client.MARIADB_SOCKET_FACTORY, BackendMode.RESET));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, local zone {1}")
  @MethodSource("faults")
  void aFailingLocalZoneCostsAtMostTheThresholdOfFailedConnectsAndNoGetConnection(Client client, BackendMode mode)
      throws SQLException {
    endpoint.zone("us-east-1a").mode(mode);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      try {
        query(client);
      } catch (SQLException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        failed.add(trace.toString());
      }
    }
    assertThat(failed).as("failed getConnection calls").isEmpty();
    assertThat(outcomes.counted.get()).as("failed connects counted against the local zone").isEqualTo(3);
    assertThat(outcomes.failedAddresses).containsOnly(endpoint.zone("us-east-1a").ip());
    int acceptedByA = endpoint.zone("us-east-1a").connections();
    query(client);
    assertThat(endpoint.zone("us-east-1a").connections()).as("later connects skip the zone").isEqualTo(acceptedByA);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections())
        .isGreaterThanOrEqualTo(11);
  }
}
