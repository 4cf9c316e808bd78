package dev.vpce.spring;

import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The {@link PrivateLink} built from the {@code vpce.*} properties, closed with the context. Optional beans
 * it uses: an {@link EndpointDiscovery} (default: the EC2 API from {@code vpce.ec2.*}), an
 * {@link AwsCredentialsProvider} for that EC2 API (default: the SDK's default chain), a {@link NameResolver}
 * (default: from {@code vpce.dns.*}), {@link PrivateLinkListener}s and {@link VpceBuilderCustomizer}s. The
 * rest of the application gets it through {@link VpceIntegrationAutoConfiguration}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "vpce", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(VpceProperties.class)
public class VpceAutoConfiguration {
  /** Created by Spring Boot's auto-configuration; applications do not create it. */
  public VpceAutoConfiguration() {}

  /**
   * The resolver for the endpoints' DNS names, from {@code vpce.dns.*}; built on its first lookup. A bad
   * {@code vpce.dns.servers} entry stops start-up here, naming the entry.
   *
   * @param properties the bound {@code vpce.*} properties
   * @return vpce's own stub resolver against {@code vpce.dns.servers} (each with {@code vpce.dns.timeout}, 2 s
   *         by default), or against the system's name servers when none are set
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(OnVpceBindingsCondition.class)
  public NameResolver vpceNameResolver(VpceProperties properties) {
    VpcePropertiesValidator.dnsServers(properties.dns().servers()); // names the bad entry, now
    // built on the first lookup, which the PrivateLink makes on its own thread: reading the system's DNS set-up
    // stays off the start-up thread
    return NameResolver.lazy("vpce DNS resolver", () -> VpcePrivateLinkFactory.nameResolver(properties));
  }

  /**
   * Starts resolving at once in the background; with {@code vpce.startup.wait-for-bindings} it waits here.
   * The {@link AwsCredentialsProvider} bean is looked up only when a binding is discovered through EC2 (or a
   * {@link VpceBuilderCustomizer} may add one): static bindings make no AWS call, and then not even the AWS
   * SDK's classes are loaded.
   *
   * @param properties       the bound {@code vpce.*} properties, checked before anything is built
   * @param vpceNameResolver the resolver for the endpoints' DNS names
   * @param discovery        an application's own {@code EndpointDiscovery}, used instead of the EC2 API when
   *                         it is the only one
   * @param listeners        the context's {@code PrivateLinkListener}s, all of them, in {@code @Order}
   * @param customizers      the context's {@code VpceBuilderCustomizer}s, applied last, in {@code @Order}
   * @param beans            where the {@code AwsCredentialsProvider} bean is looked up, when one is needed
   * @return the started {@code PrivateLink}; Spring closes it with the context
   * @throws VpceConfigurationException when a property is malformed (Boot reports the key, the value and the
   *                                    fix)
   * @throws VpceStartupException       when {@code vpce.startup.wait-for-bindings} is on and a binding has no
   *                                    route
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @Conditional(OnVpceBindingsCondition.class)
  public PrivateLink privateLink(VpceProperties properties, NameResolver vpceNameResolver,
      ObjectProvider<EndpointDiscovery> discovery, ObjectProvider<PrivateLinkListener> listeners,
      ObjectProvider<VpceBuilderCustomizer> customizers, BeanFactory beans) {
    List<VpceBuilderCustomizer> customizing = customizers.orderedStream().toList();
    boolean mayCallEc2 = !customizing.isEmpty()
        || properties.bindings().values().stream().anyMatch(b -> b.serviceName() != null);
    return VpcePrivateLinkFactory.create(properties, vpceNameResolver, discovery.getIfUnique(),
        mayCallEc2 ? VpcePrivateLinkFactory.ec2Credentials(beans) : null, listeners.orderedStream().toList(),
        customizing);
  }
}
