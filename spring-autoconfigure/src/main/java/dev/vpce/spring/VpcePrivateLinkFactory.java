package dev.vpce.spring;

import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PlacementSourceKind;
import dev.vpce.PrivateLink;
import dev.vpce.PrivateLinkListener;
import dev.vpce.discovery.EndpointDiscovery;
import dev.vpce.dns.NameResolver;
import dev.vpce.jdbc.VpceJdbc;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Turns checked {@link VpceProperties} into a started {@link PrivateLink}. */
final class VpcePrivateLinkFactory {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private VpcePrivateLinkFactory() {}

  static NameResolver nameResolver(VpceProperties p) {
    VpceProperties.DnsProperties dns = p.dns();
    return dns.servers().isEmpty() ? NameResolver.system()
        : NameResolver.servers(VpcePropertiesValidator.dnsServers(dns.servers()), dns.timeout());
  }

  /** The context's one {@link AwsCredentialsProvider} bean, or null (then the SDK's default chain). */
  static AwsCredentialsProvider ec2Credentials(BeanFactory beans) {
    return beans.getBeanProvider(AwsCredentialsProvider.class).getIfUnique();
  }

  static PrivateLink create(VpceProperties p, NameResolver nameResolver, EndpointDiscovery discovery,
      AwsCredentialsProvider ec2Credentials, List<PrivateLinkListener> listeners,
      List<VpceBuilderCustomizer> customizers) {
    VpcePropertiesValidator.validate(p);
    PrivateLink.Builder b = PrivateLink.builder();
    for (VpceProperties.BindingProperties binding : p.bindings().values()) {
      b.bind(binding(binding));
    }
    Placement placement = placement(p.placement());
    if (placement != null) {
      b.placement(placement);
    }
    b.placementBudget(p.placement().budget())
        .vpcId(p.vpcId())
        .nameResolver(nameResolver)
        .staleAnswerLimit(p.dns().staleAnswerLimit())
        .refreshInterval(p.refresh().interval())
        .startupTimeout(p.startup().timeout())
        .breakerFailureThreshold(p.breaker().failureThreshold())
        .breakerOpenWait(p.breaker().openWait())
        .breakerMaxOpenWait(p.breaker().maxOpenWait())
        .breakerTrialTimeout(p.breaker().trialTimeout());
    if (p.ec2().region() != null) {
      b.region(p.ec2().region());
    }
    if (p.ec2().endpoint() != null) {
      b.ec2Endpoint(p.ec2().endpoint());
    }
    if (ec2Credentials != null) {
      b.ec2Credentials(ec2Credentials);
    }
    if (discovery != null) {
      b.discovery(discovery);
    }
    b.listener(VpceJdbc.listener()); // PoolFailbacks hear route tier changes at once
    for (PrivateLinkListener listener : listeners) {
      b.listener(listener);
    }
    for (VpceBuilderCustomizer customizer : customizers) {
      customizer.customize(b);
    }
    PrivateLink privateLink;
    try {
      privateLink = b.build();
    } catch (VpceConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new VpceConfigurationException("vpce", p.bindings().keySet(), "was rejected: " + e.getMessage(),
          "change the setting the message names");
    }
    if (p.startup().waitForBindings()) {
      waitForBindings(privateLink, p);
    }
    return privateLink;
  }

  private static void waitForBindings(PrivateLink privateLink, VpceProperties p) {
    for (VpceProperties.BindingProperties binding : p.bindings().values()) {
      try {
        privateLink.route(binding.host());
      } catch (UnknownHostException e) { // EndpointUnavailableException: its message names the state and the fix
        privateLink.close();
        throw new VpceStartupException(binding.host(), e);
      }
    }
    LOG.info("vpce [{}] every binding has a route", String.join(", ", privateLink.hosts()));
  }

  private static Binding binding(VpceProperties.BindingProperties p) {
    Binding.Builder b = Binding.builder(p.host()).bindPrivateDnsName(p.bindPrivateDnsName());
    if (p.serviceName() != null) {
      b.serviceName(p.serviceName());
    } else {
      b.regionalDnsName(p.regionalDnsName());
      for (Map.Entry<String, String> zonal : p.zonalDnsNames().entrySet()) {
        b.zonalDnsName(zonal.getKey(), zonal.getValue());
      }
    }
    return b.build();
  }

  private static Placement placement(VpceProperties.PlacementProperties p) {
    if (p.zoneName() == null && p.zoneId() == null) {
      return null;
    }
    return new Placement(null, p.zoneName(), p.zoneId(), null, null, PlacementSourceKind.EXPLICIT);
  }
}
