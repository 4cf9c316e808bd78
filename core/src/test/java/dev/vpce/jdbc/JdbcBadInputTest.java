package dev.vpce.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed jdbc:vpce: URL and vpce parameter fails before any connection, with a message that says why. */
class JdbcBadInputTest {
  static final String BASE = "jdbc:vpce:postgresql://ledger-db.corp.example.com:5432/ledger";
  final VpceDriver driver = new VpceDriver();

  void fails(String url, String... messageParts) {
    fails(url, new Properties(), messageParts);
  }

  void fails(String url, Properties info, String... messageParts) {
    assertThatThrownBy(() -> driver.connect(url, info))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getMessage()).contains(messageParts);
        });
  }

  @Test
  void theDriverIsRegisteredForJdbcVpceUrlsAndIgnoresOthers() throws SQLException {
    assertThat(DriverManager.getDriver(BASE)).isInstanceOf(VpceDriver.class);
    assertThat(driver.acceptsURL("jdbc:postgresql://ledger-db.corp.example.com/ledger")).isFalse();
    assertThat(driver.connect("jdbc:postgresql://ledger-db.corp.example.com/ledger", new Properties())).isNull();
  }

  @Test
  void theRealDriverGetsTheUrlWithoutVpceAndWithoutAnyVpceParameter() throws SQLException {
    JdbcUrl u = JdbcUrl.parseVpce(BASE + "?sslmode=verify-full&vpceZone=us-east-1a&VPCEDnsServers=10.0.0.2&x=1");
    assertThat(u.delegateUrl()).isEqualTo("jdbc:postgresql://ledger-db.corp.example.com:5432/ledger?sslmode=verify-full&x=1");
    assertThat(u.vpceParameters()).containsOnlyKeys("vpceZone", "VPCEDnsServers");
    assertThat(JdbcUrl.parseVpce("jdbc:vpce:mysql://root:pw@ledger-db.corp.example.com/ledger").delegateUrl())
        .isEqualTo("jdbc:mysql://root:pw@ledger-db.corp.example.com/ledger");
    assertThat(JdbcUrl.parseVpce("jdbc:vpce:mariadb://ledger-db.corp.example.com").port()).isEqualTo(3306);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:vpce:oracle://ledger-db.corp.example.com/ledger | the driver part must be postgresql://, mysql:// or mariadb://",
      "jdbc:vpce:postgresql:ledger | the driver part must be postgresql://",
      "jdbc:vpce:postgresql://a.example.com:5432,b.example.com:5432/ledger | names several hosts (a.example.com:5432,b.example.com:5432)",
      "jdbc:vpce:postgresql://ledger-db.corp.example.com:70000/ledger | the port must be a number from 1 to 65535, but was '70000'",
      "jdbc:vpce:postgresql://ledger-db.corp.example.com:pg/ledger | the port must be a number from 1 to 65535, but was 'pg'",
      "jdbc:vpce:postgresql:///ledger | it names no host",
  })
  void aMalformedUrlIsRejectedWithWhatIsExpected(String url, String message) {
    fails(url, "jdbc:vpce: malformed URL '" + url + "'", message, "expected jdbc:vpce:postgresql://host[:port]/database");
  }

  @Test
  void aPasswordInAMalformedUrlIsNotRepeated() {
    fails("jdbc:vpce:postgresql://a.example.com,b.example.com/ledger?user=app&password=s3cret",
        "password=***");
    assertThatThrownBy(() -> driver.connect("jdbc:vpce:mysql://app:s3cret@a.example.com,b.example.com/ledger",
        new Properties())).hasMessageNotContaining("s3cret").hasMessageContaining("app:***@");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vpceServiceNmae=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 | unknown parameter vpceServiceNmae=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0; vpce knows vpceServiceName, vpceRegionalDnsName, vpceZonalDnsNames, vpceZone, vpceZoneId, vpceDnsServers, vpceStartupTimeout, vpceRegion, vpceEc2Endpoint",
      "vpceservicename=x | unknown parameter vpceservicename=x",
      "vpceServiceName=com.example.ledger | parameter vpceServiceName must be a service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0, but was 'com.example.ledger'",
      "vpceRegionalDnsName=not%20a%20name | parameter vpceRegionalDnsName must be the endpoint's regional DNS name such as vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com, but was 'not a name'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceRegionalDnsName=vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com | exclude each other",
      "vpceZonalDnsNames=us-east-1a:a.example.com&vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 | parameter vpceZonalDnsNames=us-east-1a:a.example.com needs vpceRegionalDnsName",
      "vpceRegionalDnsName=r.example.com&vpceZonalDnsNames=a.example.com | parameter vpceZonalDnsNames must be a comma-separated list of zone:name, the zone an AZ name such as us-east-1a or an AZ ID such as use1-az6, but the entry 'a.example.com' of 'a.example.com' is not",
      "vpceRegionalDnsName=r.example.com&vpceZonalDnsNames=mars-1a:a.example.com | but the entry 'mars-1a:a.example.com'",
      "vpceRegionalDnsName=r.example.com&vpceZone=useast1a | parameter vpceZone must be an AZ name such as us-east-1a, but was 'useast1a'",
      "vpceRegionalDnsName=r.example.com&vpceZoneId=az6 | parameter vpceZoneId must be an AZ ID such as use1-az6, but was 'az6'",
      "vpceRegionalDnsName=r.example.com&vpceDnsServers=dns.example.com | parameter vpceDnsServers must be a comma-separated list of IP addresses with optional ports, such as 10.0.0.2 or 127.0.0.1:5353, but the entry 'dns.example.com' of 'dns.example.com' is not",
      "vpceRegionalDnsName=r.example.com&vpceDnsServers=10.0.0.2:99999 | but the entry '10.0.0.2:99999'",
      "vpceRegionalDnsName=r.example.com&vpceStartupTimeout=10 | parameter vpceStartupTimeout must be a duration greater than 0 such as 500ms, 10s or 1m, but was '10'",
      "vpceRegionalDnsName=r.example.com&vpceStartupTimeout=0s | but was '0s'",
      "vpceRegionalDnsName=r.example.com&vpceStartupTimeout=-1s | but was '-1s'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceRegion=US-EAST-1 | parameter vpceRegion must be a Region such as us-east-1, but was 'US-EAST-1'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceRegion=us-east | parameter vpceRegion must be a Region such as us-east-1, but was 'us-east'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceEc2Endpoint=ec2.us-east-1.amazonaws.com | parameter vpceEc2Endpoint must be an absolute http or https URI with a host and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface endpoint, but was 'ec2.us-east-1.amazonaws.com'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceEc2Endpoint=ftp://ec2.example.com | parameter vpceEc2Endpoint must be an absolute http or https URI with a host and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface endpoint, but was 'ftp://ec2.example.com'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceEc2Endpoint=https://ec2.example.com/?x=1 | parameter vpceEc2Endpoint must be an absolute http or https URI with a host and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface endpoint, but was 'https://ec2.example.com/?x=1'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceEc2Endpoint=https://user:pw@ec2.example.com | parameter vpceEc2Endpoint must be an absolute http or https URI with a host and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface endpoint, but was 'https://user:pw@ec2.example.com'",
      "vpceServiceName=com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0&vpceEc2Endpoint=http://ec2%20example.com | parameter vpceEc2Endpoint must be an absolute http or https URI with a host and nothing after the path, such as https://ec2.us-east-1.amazonaws.com or the VPC's EC2 interface endpoint, but was 'http://ec2 example.com' (Illegal character in authority",
      "vpceRegionalDnsName=r.example.com&vpceRegion=us-east-1 | parameter vpceRegion=us-east-1 needs vpceServiceName (it configures the EC2 API that discovers the endpoint; a static endpoint given by vpceRegionalDnsName makes no AWS call)",
      "vpceRegionalDnsName=r.example.com&vpceEc2Endpoint=http://127.0.0.1:4566 | parameter vpceEc2Endpoint=http://127.0.0.1:4566 needs vpceServiceName",
      "vpceRegion=us-east-1 | parameters [vpceRegion] describe no binding",
      "vpceZone=us-east-1a | parameters [vpceZone] describe no binding: add vpceServiceName (discovered endpoint) or vpceRegionalDnsName (static endpoint)",
      "vpceZone=us-east-1a&vpceZone=us-east-1b | parameter vpceZone is given twice",
      "vpceZone=%zz | parameter vpceZone has a malformed percent-encoding: '%zz'",
  })
  void aMalformedVpceParameterNamesTheParameterTheValueAndWhatIsExpected(String query, String message) {
    fails(BASE + "?" + query, message);
  }

  @Test
  void vpceConnectionPropertiesAreCheckedTheSameWay() {
    Properties info = new Properties();
    info.setProperty("vpceZoen", "us-east-1a");
    fails(BASE, info, "unknown parameter vpceZoen=us-east-1a");
  }

  @Test
  void aHostNothingBindsNamesBothWaysToBindIt() {
    fails(BASE + "?sslmode=verify-full", "jdbc:vpce: no PrivateLink binds ledger-db.corp.example.com: register one with "
        + "VpceJdbc.register(privateLink), or describe the binding in the URL with vpceServiceName=<service name> or "
        + "vpceRegionalDnsName=<regional DNS name>");
  }

  @Test
  void anExplicitSocketFactoryConflictsWithJdbcVpce() {
    fails(BASE + "?socketFactory=com.example.MyFactory", "socketFactory is set for ledger-db.corp.example.com, but "
        + "jdbc:vpce: installs vpce's own socket factory");
    Properties info = new Properties();
    info.setProperty("socketFactory", "com.example.MyFactory");
    fails(BASE, info, "socketFactory is set");
  }

  @Test
  void aPoolFailbackNeedsAPoolWithAJdbcUrlOfABoundHost() {
    try (HikariDataSource noUrl = new HikariDataSource()) {
      assertThatThrownBy(() -> PoolFailback.forHikari(noUrl))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pool.jdbcUrl must be set");
    }
    try (HikariDataSource unbound = new HikariDataSource()) {
      unbound.setJdbcUrl("jdbc:postgresql://unbound-db.corp.example.com:5432/x");
      assertThatThrownBy(() -> PoolFailback.forHikari(unbound))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no PrivateLink binds unbound-db.corp.example.com, the host of pool.jdbcUrl "
              + "'jdbc:postgresql://unbound-db.corp.example.com:5432/x'");
    }
    try (HikariDataSource badParameter = new HikariDataSource()) {
      badParameter.setJdbcUrl(BASE + "?vpceZone=nowhere");
      assertThatThrownBy(() -> PoolFailback.forHikari(badParameter))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parameter vpceZone must be an AZ name such as us-east-1a, but was 'nowhere'");
    }
  }
}
