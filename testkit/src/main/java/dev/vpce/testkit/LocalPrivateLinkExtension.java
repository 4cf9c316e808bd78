package dev.vpce.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link LocalPrivateLink} for a test class and injects it into test constructors and methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalPrivateLinkExtension PRIVATE_LINK =
 *     new LocalPrivateLinkExtension(LocalPrivateLink.defaults().dnsTtl(Duration.ofSeconds(5)));
 *
 * @Test void servesTheLocalZone(LocalPrivateLink kit) { ... }
 * }</pre>
 *
 * <p>Registered on a static field (or with {@code @ExtendWith}, which gives {@link LocalPrivateLink#defaults()}),
 * one world serves the whole class and is {@linkplain LocalPrivateLink#reset() reset} before each test.
 * On an instance field each test gets a fresh world. The world is closed when its scope ends.
 */
public final class LocalPrivateLinkExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
  private final LocalPrivateLink.Builder builder;
  private LocalPrivateLink kit;
  private boolean perClass;

  /** The standard world of {@link LocalPrivateLink#defaults()}. */
  public LocalPrivateLinkExtension() {
    this(LocalPrivateLink.defaults());
  }

  /**
   * The world this builder describes.
   *
   * @param builder the world to start for each test (or class), not null
   */
  public LocalPrivateLinkExtension(LocalPrivateLink.Builder builder) {
    this.builder = Checks.notNull("builder", builder);
  }

  /**
   * The running world; only valid inside the extension's scope.
   *
   * @return the kit of the current test
   * @throws IllegalStateException outside a test
   */
  public LocalPrivateLink get() {
    if (kit == null) {
      throw new IllegalStateException("the LocalPrivateLink is not running outside a test");
    }
    return kit;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kit = builder.build();
    perClass = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (kit == null) {
      kit = builder.build();
    } else if (perClass) {
      kit.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass && kit != null) {
      kit.close();
      kit = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kit != null) {
      kit.close();
      kit = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalPrivateLink.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (kit == null) {
      kit = builder.build();
    }
    return kit;
  }
}
