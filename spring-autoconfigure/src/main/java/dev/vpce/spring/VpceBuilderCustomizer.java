package dev.vpce.spring;

import dev.vpce.PrivateLink;

/**
 * Changes the {@link PrivateLink.Builder} after the {@code vpce.*} properties are applied and before the
 * instance is built: for settings that have no property (placement sources, a clock). Beans of this type are
 * applied in {@code @Order}.
 */
@FunctionalInterface
public interface VpceBuilderCustomizer {
  /**
   * Changes the builder in place. Settings made here override the {@code vpce.*} properties, and the builder
   * still checks every setting when the {@code PrivateLink} is built (a bad one stops start-up).
   *
   * @param builder the builder with the properties applied; not yet built
   */
  void customize(PrivateLink.Builder builder);
}
