package dev.vpce.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server started once for the class and set as the target after the world was built survives every reset. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunTimeTargetIT {
  @RegisterExtension
  static final LocalPrivateLinkExtension WORLD = new LocalPrivateLinkExtension();

  static EchoServer echo;

  @BeforeAll
  static void startServerBehindTheFronts() throws IOException {
    echo = new EchoServer();
    WORLD.get().endpoint().target(echo.address());
  }

  @AfterAll
  static void stopServer() throws IOException {
    echo.close();
  }

  @Test
  @Order(1)
  void firstTestReachesTheTargetSetInBeforeAll(LocalPrivateLink kit) throws IOException {
    assertThat(ZoneFrontIT.roundTrip(kit.endpoint().zone("us-east-1a").address(), "one")).isEqualTo("one");
    kit.endpoint().zone("us-east-1a").mode(BackendMode.REFUSE);
  }

  @Test
  @Order(2)
  void resetClearsFaultsButKeepsTheRunTimeTarget(LocalPrivateLink kit) throws IOException {
    assertThat(kit.endpoint().target()).isEqualTo(echo.address());
    assertThat(kit.endpoint().zone("us-east-1a").mode()).isEqualTo(BackendMode.HEALTHY);
    assertThat(ZoneFrontIT.roundTrip(kit.endpoint().zone("us-east-1a").address(), "two")).isEqualTo("two");
  }
}
