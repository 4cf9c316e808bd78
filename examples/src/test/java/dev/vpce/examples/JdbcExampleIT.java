package dev.vpce.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.vpce.PrivateLink;
import dev.vpce.demo.DemoDatabase;
import dev.vpce.jdbc.VpceJdbc;
import dev.vpce.testing.LocalPrivateLinks;
import dev.vpce.testkit.BackendMode;
import dev.vpce.testkit.LocalPrivateLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Both HikariCP pools of {@link JdbcExample} against a real PostgreSQL behind the kit's zones, TLS verify-full. */
class JdbcExampleIT {
  static DemoDatabase db;
  static LocalPrivateLink kit;
  PrivateLink privateLink;

  @BeforeAll
  static void start() throws Exception {
    db = DemoDatabase.start(JdbcExample.HOST);
    kit = LocalPrivateLink.defaults().build();
    kit.endpoint().target(db.address());
  }

  @AfterAll
  static void stop() throws Exception {
    kit.close();
    db.close();
  }

  @BeforeEach
  void bind() {
    kit.endpoint().fronts().forEach(f -> f.mode(BackendMode.HEALTHY));
    privateLink = LocalPrivateLinks.builder(kit).bind(JdbcExample.HOST, kit.endpoint().serviceName())
        .listener(VpceJdbc.listener()).build();
    JdbcExample.register(privateLink);
  }

  @AfterEach
  void unbind() {
    VpceJdbc.unregister(privateLink);
    privateLink.close();
  }

  String path() {
    return JdbcExample.HOST + ":" + kit.endpoint().port() + "/postgres?user=postgres&sslmode=verify-full&sslrootcert="
        + db.rootCert() + "&connectTimeout=4";
  }

  HikariDataSource pool(String kind) {
    return kind.equals("jdbc:vpce:") ? JdbcExample.vpceUrlPool("jdbc:vpce:postgresql://" + path())
        : JdbcExample.socketFactoryPool("jdbc:postgresql://" + path());
  }

  int connections(String zone) {
    return kit.endpoint().zone(zone).connections();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:vpce:", "socket factory"})
  void connectsOverTlsThroughTheLocalZone(String kind) throws Exception {
    int a = connections("us-east-1a");
    int others = connections("us-east-1b") + connections("us-east-1c");

    try (HikariDataSource pool = pool(kind)) {
      assertThat(JdbcExample.whoAmI(pool)).isEqualTo("postgres over TLS");
    }

    assertThat(connections("us-east-1a")).isGreaterThan(a);
    assertThat(connections("us-east-1b") + connections("us-east-1c")).isEqualTo(others);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:vpce:", "socket factory"})
  void fallsBackToAnotherZoneWhenTheLocalZoneRefuses(String kind) throws Exception {
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
    int a = connections("us-east-1a");
    int others = connections("us-east-1b") + connections("us-east-1c");

    try (HikariDataSource pool = pool(kind)) {
      for (int i = 0; i < 3; i++) {
        assertThat(JdbcExample.whoAmI(pool)).isEqualTo("postgres over TLS");
      }
    }

    assertThat(connections("us-east-1b") + connections("us-east-1c")).isGreaterThan(others);
    assertThat(connections("us-east-1a")).isEqualTo(a);
  }

  @Test
  void eachPoolTakesOnlyItsOwnKindOfUrl() {
    assertThatThrownBy(() -> JdbcExample.vpceUrlPool("jdbc:postgresql://" + path()))
        .hasMessageContaining("vpceUrl").hasMessageContaining("expected a jdbc:vpce: URL");
    assertThatThrownBy(() -> JdbcExample.socketFactoryPool("jdbc:vpce:postgresql://" + path()))
        .hasMessageContaining("postgresUrl").hasMessageContaining("expected a jdbc:postgresql: URL");
  }
}
