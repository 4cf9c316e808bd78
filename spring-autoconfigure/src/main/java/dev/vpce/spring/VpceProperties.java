package dev.vpce.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code vpce.*} properties: everything the core {@code PrivateLink.Builder} offers, bound once at
 * start-up and checked by {@link VpcePropertiesValidator}, which names the key, the value and the fix.
 *
 * @param enabled   whether vpce is configured at all; false turns every vpce bean off
 * @param bindings  the bindings by a name of your choice: each ties a hostname your code uses to a
 *                  PrivateLink endpoint. Keys of each binding: host (required), then either service-name
 *                  (discovered through the EC2 API) or regional-dns-name with optional zonal-dns-names.ZONE
 *                  (static, no AWS call; ZONE is an AZ name or AZ ID), and bind-private-dns-name (default
 *                  true)
 * @param placement where this process runs; by default the environment, ECS task metadata, then IMDSv2 tell
 * @param vpcId     the caller's VPC for discovery; by default the one the placement source reports
 * @param ec2       the EC2 API that discovery calls; credentials come from an AwsCredentialsProvider bean
 *                  when the context has one, else from the SDK's default chain
 * @param dns       how the endpoints' DNS names are resolved
 * @param breaker   the circuit breaker each endpoint address gets
 * @param refresh   how often endpoint metadata is refreshed
 * @param startup   what start-up waits for
 * @param http      the HTTP client integrations
 */
@ConfigurationProperties("vpce")
public record VpceProperties(
    Boolean enabled,
    Map<String, BindingProperties> bindings,
    PlacementProperties placement,
    String vpcId,
    Ec2Properties ec2,
    DnsProperties dns,
    BreakerProperties breaker,
    RefreshProperties refresh,
    StartupProperties startup,
    HttpProperties http) {

  /**
   * Fills in what the environment does not set: missing {@code bindings} become an empty map (then no vpce bean
   * is created), and a group with no key set gets its defaults. Defaults are applied here, in plain code, rather
   * than through {@code @DefaultValue} strings: Boot would otherwise convert every one of them, and bind every
   * key of every group, at each start-up.
   *
   * @param enabled   whether vpce is configured at all ({@code vpce.enabled}, true by default)
   * @param bindings  the bindings by name ({@code vpce.bindings.<name>.*}); null becomes empty
   * @param placement where this process runs ({@code vpce.placement.*})
   * @param vpcId     the caller's VPC for discovery ({@code vpce.vpc-id}), or null
   * @param ec2       the EC2 API discovery calls ({@code vpce.ec2.*})
   * @param dns       how the endpoints' names are resolved ({@code vpce.dns.*})
   * @param breaker   the breaker of each endpoint address ({@code vpce.breaker.*})
   * @param refresh   how often endpoint metadata is refreshed ({@code vpce.refresh.*})
   * @param startup   what start-up waits for ({@code vpce.startup.*})
   * @param http      the HTTP client integrations ({@code vpce.http.*})
   */
  public VpceProperties {
    enabled = enabled == null || enabled;
    bindings = bindings == null ? Map.of() : bindings;
    // a group nobody set binds to null (Boot then skips its keys) and gets its defaults here
    placement = placement == null ? new PlacementProperties(null, null, null) : placement;
    ec2 = ec2 == null ? new Ec2Properties(null, null) : ec2;
    dns = dns == null ? new DnsProperties(null, null, null) : dns;
    breaker = breaker == null ? new BreakerProperties(null, null, null, null) : breaker;
    refresh = refresh == null ? new RefreshProperties(null) : refresh;
    startup = startup == null ? new StartupProperties(null, null) : startup;
    http = http == null ? new HttpProperties(null, null) : http;
  }

  /**
   * One binding. Give either {@code service-name} (the endpoint is discovered through the EC2 API) or
   * {@code regional-dns-name} with optional {@code zonal-dns-names} (static: no AWS call at all).
   *
   * @param host                  the hostname application code uses, for example
   *                              orders.internal.example.com; TLS and the Host header stay on it
   * @param serviceName           the endpoint service name, com.amazonaws.vpce.REGION.vpce-svc-ID or
   *                              com.amazonaws.REGION.SERVICE; the endpoint is discovered through the EC2 API
   * @param regionalDnsName       a static endpoint's regional DNS name (vpce-ID-SUFFIX.vpce-svc-ID.REGION.vpce.amazonaws.com)
   * @param zonalDnsNames         a static endpoint's zonal DNS names keyed by AZ name (us-east-1a) or AZ ID
   *                              (use1-az6); without them the local zone's name is derived from the regional one
   * @param bindPrivateDnsName    whether the discovered endpoint's private DNS name is bound as well
   */
  public record BindingProperties(String host, String serviceName, String regionalDnsName,
      Map<String, String> zonalDnsNames, Boolean bindPrivateDnsName) {
    /**
     * Makes missing {@code zonal-dns-names} an empty map (the local zone's name is then derived).
     *
     * @param host               the hostname application code uses
     * @param serviceName        the endpoint service name of a discovered binding, or null
     * @param regionalDnsName    the regional DNS name of a static binding, or null
     * @param zonalDnsNames      a static binding's zonal DNS names by AZ name or ID; null becomes empty
     * @param bindPrivateDnsName whether a discovered endpoint's private DNS name is bound too (true by default)
     */
    public BindingProperties {
      zonalDnsNames = zonalDnsNames == null ? Map.of() : zonalDnsNames;
      bindPrivateDnsName = bindPrivateDnsName == null || bindPrivateDnsName;
    }
  }

  /**
   * Where this process runs. Setting a zone skips the placement chain.
   *
   * @param zoneName the AZ name in this account, for example us-east-1a
   * @param zoneId   the AZ ID, for example use1-az6; the right choice in a shared VPC
   * @param budget   the time the whole placement chain (environment, ECS task metadata, IMDSv2) may take
   */
  public record PlacementProperties(String zoneName, String zoneId, Duration budget) {
    /**
     * Applies the default budget.
     *
     * @param zoneName the AZ name, or null
     * @param zoneId   the AZ ID, or null
     * @param budget   the time the placement chain may take; null becomes 1 s
     */
    public PlacementProperties {
      budget = budget == null ? Duration.ofSeconds(1) : budget;
    }
  }

  /**
   * The EC2 API that discovers endpoints for {@code service-name} bindings (not used by static bindings).
   *
   * @param region   the AWS Region of the EC2 API, for example us-east-1; by default this process's Region
   *                 (AWS_REGION, the SDK's region chain, then the placement source)
   * @param endpoint the EC2 API endpoint, for example the VPC's own EC2 interface endpoint
   *                 (https://vpce-0123456789abcdef0-abcdefgh.ec2.us-east-1.vpce.amazonaws.com) in a private
   *                 subnet, or an emulator in tests; by default the Region's public endpoint
   */
  public record Ec2Properties(String region, URI endpoint) {}

  /**
   * DNS for the endpoints' names.
   *
   * @param servers          name servers as IP or IP:port (IPv6 as [IP]:port), asked in order; by default
   *                         the system's name servers
   * @param timeout          the timeout for each server when servers are set
   * @param staleAnswerLimit how long past its TTL an answer is served while refreshes fail
   */
  public record DnsProperties(List<String> servers, Duration timeout, Duration staleAnswerLimit) {
    /**
     * Makes missing {@code servers} an empty list (the system's name servers are then asked).
     *
     * @param servers          name servers as IP or IP:port; null becomes empty
     * @param timeout          the timeout for each server (2 s by default)
     * @param staleAnswerLimit how long past its TTL an answer is served while refreshes fail (5 min by default)
     */
    public DnsProperties {
      servers = servers == null ? List.of() : servers;
      timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
      staleAnswerLimit = staleAnswerLimit == null ? Duration.ofMinutes(5) : staleAnswerLimit;
    }
  }

  /**
   * The circuit breaker of each endpoint address, fed by connect and TLS outcomes.
   *
   * @param failureThreshold failed connects in a row that open an address's breaker
   * @param openWait         how long an open breaker waits before one trial connection; doubles per failed trial
   * @param maxOpenWait      the cap on an open breaker's wait
   * @param trialTimeout     how long a trial connection may go unreported before another is allowed
   */
  public record BreakerProperties(Integer failureThreshold, Duration openWait, Duration maxOpenWait,
      Duration trialTimeout) {
    /**
     * Applies the defaults.
     *
     * @param failureThreshold failed connects in a row that open a breaker; null becomes 3
     * @param openWait         an open breaker's first wait; null becomes 5 s
     * @param maxOpenWait      the cap on an open breaker's wait; null becomes 1 min
     * @param trialTimeout     how long a trial may go unreported; null becomes 10 s
     */
    public BreakerProperties {
      failureThreshold = failureThreshold == null ? 3 : failureThreshold;
      openWait = openWait == null ? Duration.ofSeconds(5) : openWait;
      maxOpenWait = maxOpenWait == null ? Duration.ofMinutes(1) : maxOpenWait;
      trialTimeout = trialTimeout == null ? Duration.ofSeconds(10) : trialTimeout;
    }
  }

  /**
   * Background refresh.
   *
   * @param interval how often endpoint metadata is refreshed (jittered by 10 percent either way)
   */
  public record RefreshProperties(Duration interval) {
    /**
     * Applies the default interval.
     *
     * @param interval how often endpoint metadata is refreshed; null becomes 5 min
     */
    public RefreshProperties {
      interval = interval == null ? Duration.ofMinutes(5) : interval;
    }
  }

  /**
   * Start-up.
   *
   * @param timeout          how long the first resolution of a binding waits for placement, discovery and DNS
   * @param waitForBindings  whether context start-up waits for every binding's first route and fails,
   *                         with the endpoint state's message, when one has none; by default start-up does not
   *                         wait and an endpoint that is not available fails only the requests to it
   */
  public record StartupProperties(Duration timeout, Boolean waitForBindings) {
    /**
     * Applies the defaults.
     *
     * @param timeout         how long a binding's first resolution waits; null becomes 10 s
     * @param waitForBindings whether start-up waits for every binding's route; null becomes false
     */
    public StartupProperties {
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
      waitForBindings = waitForBindings != null && waitForBindings;
    }
  }

  /**
   * HTTP client integrations.
   *
   * @param connectTimeout the connect timeout for each address tried by the loopback CONNECT proxy that routes
   *                       the JDK HttpClient (used when Apache HttpClient 5 is absent)
   * @param proxyPorts     the ports of bound hosts the JDK HttpClient's CONNECT proxy tunnels to; any other
   *                       port is refused with 403
   */
  public record HttpProperties(Duration connectTimeout, List<Integer> proxyPorts) {
    /**
     * Applies the defaults.
     *
     * @param connectTimeout the CONNECT proxy's connect timeout per address; null becomes 2 s
     * @param proxyPorts     the ports the CONNECT proxy tunnels to; null becomes [443]
     */
    public HttpProperties {
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
      proxyPorts = proxyPorts == null ? List.of(443) : proxyPorts;
    }
  }
}
