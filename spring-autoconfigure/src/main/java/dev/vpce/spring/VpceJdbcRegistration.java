package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.jdbc.VpceJdbc;
import org.springframework.beans.factory.DisposableBean;

/**
 * Makes the context's {@link PrivateLink} the one {@code jdbc:vpce:} URLs and vpce's socket factories in this
 * JVM use for the hosts it binds ({@link VpceJdbc#register}), and removes it again when the context closes,
 * before the {@code PrivateLink} itself is closed (this bean depends on it, so Spring destroys it first).
 */
public final class VpceJdbcRegistration implements DisposableBean {
  private final PrivateLink privateLink;

  /**
   * Registers at once: a {@code DataSource} created after this bean finds the {@code PrivateLink}.
   *
   * @param privateLink the context's {@code PrivateLink}
   */
  public VpceJdbcRegistration(PrivateLink privateLink) {
    this.privateLink = privateLink;
    VpceJdbc.register(privateLink);
  }

  /**
   * The instance this bean registered.
   *
   * @return the registered {@code PrivateLink}
   */
  public PrivateLink privateLink() {
    return privateLink;
  }

  @Override
  public void destroy() {
    VpceJdbc.unregister(privateLink);
  }
}
