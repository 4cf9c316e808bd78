package dev.vpce.spring;

import dev.vpce.PrivateLink;

/**
 * Changes the {@link PrivateLink.Builder} after the {@code vpce.*} properties are applied and before the
 * instance is built: for settings that have no property (placement sources, a clock). Beans of this type are
 * applied in {@code @Order}.
 */
@FunctionalInterface
public interface VpceBuilderCustomizer {
  void customize(PrivateLink.Builder builder);
}
