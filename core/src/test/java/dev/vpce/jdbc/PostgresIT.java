package dev.vpce.jdbc;

import static dev.vpce.jdbc.Databases.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpce.PrivateLink;
import dev.vpce.jdbc.Databases.Postgres;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.EmulatedEndpoint;
import dev.vpce.testkit.LocalPrivateLink;
import dev.vpce.testkit.LocalPrivateLinkExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** pgJDBC through jdbc:vpce: and through the socket factory, over TLS verify-full, behind the kit's zones. */
class PostgresIT {
  static final String WRONG = "wrong-db.corp.example.com";
  static Postgres pg;

  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension(LocalPrivateLink.defaults());

  EmulatedEndpoint endpoint;
  PrivateLink privateLink;
  final JdbcSupport.Outcomes outcomes = new JdbcSupport.Outcomes();

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = Databases.postgres();
  }

  @BeforeEach
  void start(LocalPrivateLink kit) {
    endpoint = kit.endpoint().target(pg.address());
    privateLink = JdbcSupport.boundTo(kit, HOST, WRONG).listener(outcomes).build();
    VpceJdbc.register(privateLink);
  }

  @AfterEach
  void stop() {
    VpceJdbc.unregister(privateLink);
    privateLink.close();
  }

  String tls() {
    return "user=postgres&sslmode=verify-full&sslrootcert=" + pg.rootCert() + "&connectTimeout=2";
  }

  String vpceUrl(String host) {
    return "jdbc:vpce:postgresql://" + host + ":" + endpoint.port() + "/postgres?" + tls();
  }

  String factoryUrl(String host) {
    return "jdbc:postgresql://" + host + ":" + endpoint.port() + "/postgres?" + tls()
        + "&socketFactory=" + PostgresSocketFactory.class.getName();
  }

  /** Connects, proves the session is TLS, and closes. */
  static void query(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getBoolean(1)).as("the session is TLS").isTrue();
    }
  }

  @Test
  void aJdbcVpceUrlConnectsThroughTheLocalZoneWithVerifyFull() throws SQLException {
    assertThat(DriverManager.getDriver(vpceUrl(HOST))).isInstanceOf(VpceDriver.class);
    for (int i = 0; i < 3; i++) {
      query(vpceUrl(HOST));
    }
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(3);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
    assertThat(outcomes.counted.get() + outcomes.notCounted.get()).isZero();
  }

  @Test
  void theSocketFactoryRoutesAnUnchangedUrlWithVerifyFull() throws SQLException {
    query(factoryUrl(HOST));
    query(factoryUrl(HOST));
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(2);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
  }

  @Test
  void verifyFullFailsForAWrongHostnameWithoutCountingAgainstTheAddress() throws SQLException {
    assertThatThrownBy(() -> query(vpceUrl(WRONG)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("The hostname " + WRONG + " could not be verified");
    assertThat(endpoint.zone("us-east-1a").connections()).as("the TCP connection went to the local zone").isEqualTo(1);
    assertThat(outcomes.counted.get() + outcomes.notCounted.get()).as("no connect failure reported").isZero();
    assertThat(privateLink.breakerStates()).doesNotContainValue(dev.vpce.BreakerState.OPEN);
    query(vpceUrl(HOST)); // the address still serves
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(2);
  }

  @ParameterizedTest(name = "local zone {0}, jdbc:vpce:")
  @EnumSource(value = BackendMode.class, names = {"REFUSE", "BLACKHOLE", "RESET"})
  void aFailingLocalZoneCostsAtMostTheThresholdOfFailedConnectsAndNoGetConnection(BackendMode mode)
      throws SQLException {
    failingLocalZone(mode, vpceUrl(HOST));
  }

  @ParameterizedTest(name = "local zone {0}, socket factory")
  @EnumSource(value = BackendMode.class, names = {"REFUSE", "BLACKHOLE", "RESET"})
  void aFailingLocalZoneCostsTheSocketFactoryNoGetConnectionEither(BackendMode mode) throws SQLException {
    failingLocalZone(mode, factoryUrl(HOST));
  }

  void failingLocalZone(BackendMode mode, String url) throws SQLException {
    endpoint.zone("us-east-1a").mode(mode);
    List<String> failedGetConnection = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      try {
        query(url);
      } catch (SQLException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        failedGetConnection.add(trace.toString());
      }
    }
    assertThat(failedGetConnection).as("failed getConnection calls").isEmpty();
    assertThat(outcomes.counted.get()).as("failed connects counted against the local zone").isEqualTo(3);
    assertThat(outcomes.failedAddresses).containsOnly(endpoint.zone("us-east-1a").ip());
    int acceptedByA = endpoint.zone("us-east-1a").connections();
    query(url);
    query(url);
    assertThat(endpoint.zone("us-east-1a").connections()).as("later connects skip the zone").isEqualTo(acceptedByA);
    assertThat(outcomes.counted.get()).isEqualTo(3);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections())
        .isGreaterThanOrEqualTo(12);
  }

  @Test
  void whenEveryAddressFailsTheSqlExceptionNamesTheBindingAndEachAddressWithItsZone() {
    for (String z : new String[] {"us-east-1a", "us-east-1b", "us-east-1c"}) {
      endpoint.zone(z).mode(BackendMode.REFUSE);
    }
    assertThatThrownBy(() -> query(vpceUrl(HOST)))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getMessage()).contains("vpce [" + HOST + "]", "tried 3",
              endpoint.zone("us-east-1a").ip().getHostAddress() + ":" + endpoint.port() + " (local zone us-east-1a)",
              endpoint.zone("us-east-1b").ip().getHostAddress() + ":" + endpoint.port() + " (regional)",
              endpoint.zone("us-east-1c").ip().getHostAddress() + ":" + endpoint.port() + " (regional)",
              "Connection refused");
          assertThat(e.getCause()).as("the last cause").isInstanceOf(ConnectException.class);
        });
    assertThatThrownBy(() -> query(factoryUrl(HOST)))
        .as("through the socket factory alone, the driver's own exception carries vpce's")
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getCause()).isInstanceOf(ZonalConnectException.class)
              .hasMessageContaining("vpce [" + HOST + "]");
        });
  }

  @Test
  void urlParametersBuildOneSharedPrivateLinkPerConfiguration(LocalPrivateLink kit) throws Exception {
    VpceJdbc.unregister(privateLink); // nothing registered: the URL describes the binding itself
    String url = vpceUrl(HOST) + "&vpceRegionalDnsName=" + endpoint.regionalDnsName() + "&vpceZone=us-east-1a"
        + "&vpceDnsServers=" + kit.dns().address().getAddress().getHostAddress() + ":" + kit.dns().address().getPort()
        + "&vpceStartupTimeout=15s";
    query(url);
    PrivateLink shared = VpceJdbc.find(HOST);
    assertThat(shared).isNotNull().isNotSameAs(privateLink);
    query(url);
    query(url);
    assertThat(VpceJdbc.find(HOST)).as("one PrivateLink per distinct configuration").isSameAs(shared);
    assertThat(shared.route(HOST).tier()).isEqualTo(dev.vpce.RouteTier.LOCAL_ZONE);
    assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(3);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections()).isZero();
  }

  @Test
  void aClosedRegisteredPrivateLinkIsSkippedAndAloneFailsWithAClearSqlException(LocalPrivateLink kit)
      throws SQLException {
    privateLink.close(); // still registered: the application closed it without unregistering it
    assertThat(VpceJdbc.registeredFor(HOST)).as("the registry skips a closed PrivateLink").isNull();
    assertThatThrownBy(() -> query(vpceUrl(HOST)))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getMessage()).contains("jdbc:vpce: the PrivateLink that binds " + HOST + " is closed",
              "VpceJdbc.unregister before closing one");
        });
    // WRONG: a host only the closed PrivateLink binds (no URL elsewhere in this JVM builds one for it)
    assertThatThrownBy(() -> query(factoryUrl(WRONG)))
        .as("through the socket factory alone, the driver's 08001 carries vpce's reason, not a system lookup")
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getCause()).isInstanceOf(dev.vpce.PrivateLinkClosedException.class)
              .hasMessageContaining("vpce [" + WRONG + "]").hasMessageContaining("is closed");
        });
    assertThat(endpoint.zone("us-east-1a").connections()).as("nothing connected").isZero();

    PrivateLink replacement = JdbcSupport.boundTo(kit, HOST).build();
    VpceJdbc.register(replacement); // registered after the closed one, which the registry skips
    try {
      assertThat(VpceJdbc.registeredFor(HOST)).isSameAs(replacement);
      query(vpceUrl(HOST));
      query(factoryUrl(HOST));
      assertThat(replacement.routeCounts().get(HOST)).as("both connects resolved through the open PrivateLink")
          .containsEntry(dev.vpce.RouteTier.LOCAL_ZONE, 2L);
      assertThat(endpoint.zone("us-east-1a").connections()).isEqualTo(2);
    } finally {
      VpceJdbc.unregister(replacement);
      replacement.close();
    }
  }

  @Test
  void aPrivateLinkClosedDuringAConnectIsReportedAsClosed() {
    // the driver chose the PrivateLink; it closed before the socket resolved: translate says so
    SQLException driverError = new SQLException("The connection attempt failed.", "08001",
        new dev.vpce.PrivateLinkClosedException(HOST));
    SQLException out = VpceDriver.translate(driverError, HOST);
    assertThat(out.getSQLState()).isEqualTo("08001");
    assertThat(out.getMessage()).contains("the PrivateLink that binds " + HOST + " is closed");
    assertThat(out.getCause()).isInstanceOf(dev.vpce.PrivateLinkClosedException.class);
    assertThat(out.getSuppressed()).containsExactly(driverError);
  }

  @Test
  void worksUnderTheAwsAdvancedJdbcWrapperThroughProperties() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("sslmode", "verify-full");
    p.setProperty("sslrootcert", pg.rootCert().toString());
    p.setProperty("connectTimeout", "2");
    p.setProperty("socketFactory", PostgresSocketFactory.class.getName());
    String url = "jdbc:aws-wrapper:postgresql://" + HOST + ":" + endpoint.port() + "/postgres";
    endpoint.zone("us-east-1a").mode(BackendMode.REFUSE);
    for (int i = 0; i < 4; i++) {
      try (Connection c = DriverManager.getConnection(url, p);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        assertThat(c.getClass().getName()).startsWith("software.amazon.jdbc");
        assertThat(r.next()).isTrue();
        assertThat(r.getBoolean(1)).isTrue();
      }
    }
    assertThat(outcomes.counted.get()).isEqualTo(3);
    assertThat(endpoint.zone("us-east-1b").connections() + endpoint.zone("us-east-1c").connections())
        .isGreaterThanOrEqualTo(4);
  }
}
