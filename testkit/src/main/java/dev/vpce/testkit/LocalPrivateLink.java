package dev.vpce.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A whole AWS PrivateLink world on loopback, for tests: an EC2 API emulator, IMDSv2, ECS task metadata
 * v4, an authoritative DNS server for the endpoints' names, and for each endpoint and zone a TCP front
 * on its own loopback address (the emulated ENI) that forwards to a real server the test provides.
 *
 * <pre>{@code
 * try (LocalPrivateLink kit = LocalPrivateLink.builder()
 *     .zone("us-east-1a", "use1-az6").zone("us-east-1b", "use1-az1")
 *     .endpoint("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", e -> e.target(server))
 *     .build()) {
 *   kit.endpoint().zone("us-east-1a").mode(BackendMode.BLACKHOLE);
 *   ...
 * }
 * }</pre>
 *
 * <p>Every socket it binds is on 127.0.0.0/8 with an ephemeral port (zone fronts use 127.0.N.M), and it
 * contacts nothing but the targets it is given. Faults switch at run time; {@link #reset()} puts the
 * world back as built. Thread-safe.
 */
public final class LocalPrivateLink implements AutoCloseable {
  /** The region of {@link #builder()} unless one is set. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** The service name of the endpoint in {@link #defaults()}. */
  public static final String DEFAULT_SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  /** The ID of the endpoint in {@link #defaults()}. */
  public static final String DEFAULT_ENDPOINT_ID = "vpce-0a1b2c3d4e5f67890";
  /** The VPC of the caller and, unless set otherwise, of every endpoint. */
  public static final String DEFAULT_VPC_ID = "vpc-0fedcba9876543210";
  /** The account that owns the VPC and the endpoints unless set otherwise. */
  public static final String DEFAULT_OWNER_ACCOUNT = "111122223333";
  /**
   * The private address of the emulated instance's (or ECS task's) own network interface, as ECS task
   * metadata ({@code Networks[].IPv4Addresses}) and {@code DescribeNetworkInterfaces} report it. Never
   * contacted.
   */
  public static final String TASK_ADDRESS = "127.0.0.1";
  /** The secret key of every emulated account (the emulator does not check signatures). */
  public static final String SECRET_ACCESS_KEY = "vpce-testkit-not-a-secret";

  static final Set<String> STATES = Set.of("pendingAcceptance", "pending", "available", "deleting", "deleted",
      "rejected", "failed", "expired", "partial");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ZONE_ID = Pattern.compile("[a-z]{2,}\\d+(-[a-z]+\\d+)?-az\\d+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ENDPOINT_ID = Pattern.compile("vpce-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern DNS_SUFFIX = Pattern.compile("[a-z0-9]{8}");
  private static final Pattern IP_ADDRESS_TYPE = Pattern.compile("ipv4|dualstack|ipv6");
  private static final Pattern DNS_RECORD_IP_TYPE = Pattern.compile("ipv4|dualstack|ipv6|service-defined");
  private static final Pattern HOSTNAME =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern TYPE =
      Pattern.compile("Interface|Gateway|GatewayLoadBalancer|Resource|ServiceNetwork");

  private final String region;
  private final List<Zone> zones;
  private final String vpcId;
  private final Account owner;
  private final Map<String, Account> accountsByKey = new LinkedHashMap<>();
  private final Map<String, Account> accountsById = new LinkedHashMap<>();
  private final Account caller;
  private final Zone initialInstanceZone;
  private final List<EmulatedEndpoint> endpoints = new ArrayList<>();
  private final ExecutorService workers;
  private final Clock clock = Clock.systemUTC();
  private volatile Zone instanceZone;

  private LocalDns dns;
  private WireMockServer http;
  private Ec2Emulator ec2;
  private ImdsEmulator imds;
  private EcsMetadataEmulator ecs;
  private boolean closed;

  private LocalPrivateLink(Builder b, List<Zone> zones, List<Account> accounts, Account caller, Zone instanceZone) {
    this.region = b.region;
    this.zones = List.copyOf(zones);
    this.vpcId = b.vpcId;
    this.owner = accounts.get(0);
    for (Account a : accounts) {
      accountsByKey.put(a.accessKeyId(), a);
      accountsById.put(a.id(), a);
    }
    this.caller = caller;
    this.initialInstanceZone = instanceZone;
    this.instanceZone = instanceZone;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "vpce-testkit-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * A builder with no zones and no endpoints; {@link Builder#build()} gives us-east-1's three zones if none are set.
   *
   * @return a builder to add zones, accounts and endpoints to
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder for the standard world: us-east-1 with zones {@code us-east-1a/use1-az6},
   * {@code us-east-1b/use1-az1} and {@code us-east-1c/use1-az2}, and one available endpoint
   * ({@link #DEFAULT_SERVICE_NAME}, {@link #DEFAULT_ENDPOINT_ID}) in all three. The instance runs in
   * {@code us-east-1a}.
   *
   * @return a builder with the standard world set; it can still be changed before {@link Builder#build()}
   */
  public static Builder defaults() {
    return builder().endpoint(DEFAULT_SERVICE_NAME, e -> e.id(DEFAULT_ENDPOINT_ID).dnsSuffix("k3m9x2qa"));
  }

  private void start(Builder b) throws IOException {
    int number = 0;
    Map<String, List<InetAddress>> records = new LinkedHashMap<>();
    for (EndpointSpec spec : b.endpoints) {
      number++;
      List<Zone> epZones = new ArrayList<>();
      Map<String, InetAddress> addresses = new LinkedHashMap<>();
      for (String zoneName : spec.zones) {
        Zone z = zone(zoneName);
        epZones.add(z);
        String literal = spec.addresses.getOrDefault(zoneName, "127.0." + number + "." + (zones.indexOf(z) + 1));
        addresses.put(zoneName, InetAddress.getByName(literal));
      }
      EmulatedEndpoint e = new EmulatedEndpoint(spec, region, accountsById.get(spec.ownerAccountId), epZones,
          addresses);
      bindFronts(e, epZones, addresses);
      endpoints.add(e);
      if (e.type().equals("Interface")) {
        records.put(e.regionalDnsName(), e.records(e.addresses(), e.ipv6Addresses(), false));
        for (Zone z : epZones) {
          InetAddress v6 = e.ipv6Address(z.name());
          records.put(e.zonalDnsName(z.name()), e.records(List.of(addresses.get(z.name())),
              v6 == null ? List.of() : List.of(v6), false));
        }
        if (e.privateDnsName() != null) {
          records.put(e.privateDnsName(), e.records(e.addresses(), e.ipv6Addresses(), true));
        }
      }
    }
    dns = new LocalDns(records, b.dnsTtl, clock, workers);

    HttpRouter router = new HttpRouter();
    http = new WireMockServer(WireMockConfiguration.options()
        .bindAddress(InetAddress.getLoopbackAddress().getHostAddress())
        .dynamicPort()
        .extensions(router)
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(4)
        .containerThreads(16)
        .disableRequestJournal()
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
        .jettyStopTimeout(0L)
        .notifier(new Slf4jNotifier(false)));
    http.start();
    http.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(HttpRouter.NAME)));
    URI base = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + http.port());
    ec2 = new Ec2Emulator(this, base);
    imds = new ImdsEmulator(this, base, clock);
    ecs = new EcsMetadataEmulator(this, base.resolve("/v4/" + EcsMetadataEmulator.TASK_ID), b.ecsZone);
    router.route(ec2, imds, ecs);
  }

  /** Binds one port on every zone address of the endpoint, as a real endpoint's ENIs share the port. */
  private void bindFronts(EmulatedEndpoint e, List<Zone> epZones, Map<String, InetAddress> addresses)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      List<ServerSocket> bound = new ArrayList<>();
      try {
        int port = 0;
        for (Zone z : epZones) {
          ServerSocket s = ZoneFront.bind(new InetSocketAddress(addresses.get(z.name()), port), 64);
          bound.add(s);
          port = s.getLocalPort();
        }
        List<ZoneFront> fronts = new ArrayList<>();
        for (int i = 0; i < epZones.size(); i++) {
          fronts.add(new ZoneFront(e, epZones.get(i), bound.get(i), workers));
        }
        e.attach(port, fronts);
        return;
      } catch (IOException portTaken) {
        bound.forEach(ZoneFront::closeQuietly);
        last = portTaken;
      }
    }
    throw new IOException("could not bind one port on " + addresses.values() + " for endpoint " + e.id(), last);
  }

  /**
   * The region.
   *
   * @return the Region name, for example {@code us-east-1}
   */
  public String region() {
    return region;
  }

  /**
   * The zones, as the owner account names them, in builder order.
   *
   * @return an immutable list of the zones
   */
  public List<Zone> zones() {
    return zones;
  }

  /**
   * A zone by owner AZ name or AZ ID.
   *
   * @param nameOrId an AZ name in the owner's naming, such as {@code us-east-1a}, or an AZ ID such as {@code
   *     use1-az6}
   * @return the zone
   * @throws IllegalArgumentException when no zone has that name or ID
   */
  public Zone zone(String nameOrId) {
    for (Zone z : zones) {
      if (z.name().equals(nameOrId) || z.id().equals(nameOrId)) {
        return z;
      }
    }
    throw new IllegalArgumentException("zone '" + nameOrId + "' is not one of " + zones);
  }

  /**
   * The caller's VPC (the instance's, and the endpoints' unless set otherwise).
   *
   * @return the VPC ID, {@link #DEFAULT_VPC_ID} unless the builder set another
   */
  public String vpcId() {
    return vpcId;
  }

  /**
   * The account that owns the VPC and, unless set otherwise, the endpoints.
   *
   * @return the owner account
   */
  public Account ownerAccount() {
    return owner;
  }

  /**
   * The account the emulated instance (IMDS, ECS) runs in.
   *
   * @return the caller account, whose access key signs the caller's EC2 calls
   */
  public Account callerAccount() {
    return caller;
  }

  /**
   * An account by its 12-digit ID.
   *
   * @param accountId a 12-digit account ID the kit knows
   * @return the account with its credentials and AZ naming
   * @throws IllegalArgumentException when the kit has no such account
   */
  public Account account(String accountId) {
    Account a = accountsById.get(accountId);
    if (a == null) {
      throw new IllegalArgumentException("account '" + accountId + "' is not one of " + accountsById.keySet());
    }
    return a;
  }

  Account accountByAccessKey(String accessKeyId) {
    return accountsByKey.get(accessKeyId);
  }

  /**
   * Every endpoint in builder order.
   *
   * @return an immutable list of the endpoints
   */
  public List<EmulatedEndpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  /**
   * The only endpoint; fails when there are none or several.
   *
   * @return the one endpoint
   * @throws IllegalStateException when the kit has no endpoint or more than one
   */
  public EmulatedEndpoint endpoint() {
    if (endpoints.size() != 1) {
      throw new IllegalStateException("endpoint() needs exactly one endpoint, but there are " + endpoints.size()
          + "; use endpoint(serviceNameOrId)");
    }
    return endpoints.get(0);
  }

  /**
   * The first endpoint with this service name, or the endpoint with this ID.
   *
   * @param serviceNameOrId a service name or an endpoint ID ({@code vpce-…})
   * @return the endpoint
   * @throws IllegalArgumentException when none matches
   */
  public EmulatedEndpoint endpoint(String serviceNameOrId) {
    for (EmulatedEndpoint e : endpoints) {
      if (e.serviceName().equals(serviceNameOrId) || e.id().equals(serviceNameOrId)) {
        return e;
      }
    }
    throw new IllegalArgumentException("no endpoint has service name or ID '" + serviceNameOrId + "'");
  }

  /**
   * The EC2 API emulator.
   *
   * @return the emulator, running on loopback
   */
  public Ec2Emulator ec2() {
    return ec2;
  }

  /**
   * The IMDSv2 emulator.
   *
   * @return the emulator, running on loopback
   */
  public ImdsEmulator imds() {
    return imds;
  }

  /**
   * The ECS task metadata v4 emulator.
   *
   * @return the emulator, running on loopback
   */
  public EcsMetadataEmulator ecs() {
    return ecs;
  }

  /**
   * The DNS server.
   *
   * @return the server, answering UDP and TCP on loopback
   */
  public LocalDns dns() {
    return dns;
  }

  /**
   * The zone the emulated instance runs in, as IMDS and ECS report it.
   *
   * @return the instance's zone
   */
  public Zone instanceZone() {
    return instanceZone;
  }

  /**
   * Moves the emulated instance: an AZ ID, or an AZ name in the caller account's naming.
   *
   * @param nameOrId an AZ ID, or an AZ name as the caller account names zones
   * @return this kit, for chaining
   */
  public LocalPrivateLink instanceZone(String nameOrId) {
    this.instanceZone = callerZone("instanceZone", nameOrId, zones, caller);
    return this;
  }

  /**
   * Puts the world back as built: no faults, healthy fronts, original states and answers, zeroed counters.
   * Endpoint targets stay as last set ({@link EmulatedEndpoint#target(InetSocketAddress)}): they are the
   * test's wiring, not a fault.
   */
  public void reset() {
    ec2.reset();
    imds.reset();
    ecs.reset();
    dns.reset();
    endpoints.forEach(EmulatedEndpoint::reset);
    instanceZone = initialInstanceZone;
  }

  /** Stops every server and thread the kit started. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      http.stop();
    }
    if (dns != null) {
      dns.close();
    }
    endpoints.forEach(EmulatedEndpoint::close);
    workers.shutdownNow();
  }

  static String checkState(String field, String state) {
    Checks.notNull(field, state);
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException(field + " must be one of " + new java.util.TreeSet<>(STATES)
          + " (as on the wire, lower camel case), but was '" + state + "'");
    }
    return state;
  }

  private static Zone callerZone(String field, String nameOrId, List<Zone> zones, Account caller) {
    for (Zone z : zones) {
      if (z.id().equals(nameOrId) || caller.zoneName(z.id()).equals(nameOrId)) {
        return z;
      }
    }
    throw new IllegalArgumentException(field + " must be an AZ ID or an AZ name of account " + caller.id()
        + " (" + caller.zoneNamesById().values() + "), but was '" + nameOrId + "'");
  }

  /** Builds and starts a {@link LocalPrivateLink}. Reusable: each {@link #build()} starts a new world. */
  public static final class Builder {
    private String region = DEFAULT_REGION;
    private final List<Zone> zones = new ArrayList<>();
    private String vpcId = DEFAULT_VPC_ID;
    private String ownerAccountId = DEFAULT_OWNER_ACCOUNT;
    private final Map<String, Map<String, String>> otherAccounts = new LinkedHashMap<>();
    private String callerAccountId;
    private String instanceZone;
    private Duration dnsTtl = Duration.ofSeconds(60);
    private boolean ecsZone = true;
    private final List<EndpointSpec> endpoints = new ArrayList<>();

    private Builder() {}

    /**
     * The region, {@code us-east-1} by default.
     *
     * @param region a Region name
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * Adds a zone: its AZ name in the owner's account and its AZ ID.
     *
     * @param name the AZ name in the owner's account, for example {@code us-east-1a}
     * @param id the AZ ID, for example {@code use1-az6}
     * @return this builder
     */
    public Builder zone(String name, String id) {
      zones.add(new Zone(name, id));
      return this;
    }

    /**
     * The caller's VPC, {@link #DEFAULT_VPC_ID} by default.
     *
     * @param vpcId a VPC ID
     * @return this builder
     */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /**
     * The account that owns the VPC and the endpoints, {@link #DEFAULT_OWNER_ACCOUNT} by default.
     *
     * @param accountId a 12-digit account ID
     * @return this builder
     */
    public Builder ownerAccount(String accountId) {
      this.ownerAccountId = accountId;
      return this;
    }

    /**
     * Adds another account, for example a shared-VPC participant, with its own AZ name for each AZ ID.
     * Its access key ID is {@code AKID} followed by the account ID.
     *
     * @param accountId a 12-digit account ID
     * @param zoneNamesById the account's AZ name for each AZ ID, for example {@code use1-az6=us-east-1c}
     * @return this builder
     */
    public Builder account(String accountId, Map<String, String> zoneNamesById) {
      otherAccounts.put(accountId, Map.copyOf(zoneNamesById));
      return this;
    }

    /**
     * The account the instance runs in (the owner by default).
     *
     * @param accountId the 12-digit ID of an account the kit knows (the owner, or one added with {@link #account})
     * @return this builder
     */
    public Builder callerAccount(String accountId) {
      this.callerAccountId = accountId;
      return this;
    }

    /**
     * Where the instance runs: an AZ ID, or an AZ name in the caller account; the first zone by default.
     *
     * @param nameOrId an AZ ID, or an AZ name in the caller account
     * @return this builder
     */
    public Builder instanceZone(String nameOrId) {
      this.instanceZone = nameOrId;
      return this;
    }

    /**
     * The TTL of every DNS answer, 60 seconds by default (what AWS serves for vpce names).
     *
     * @param ttl the TTL
     * @return this builder
     */
    public Builder dnsTtl(Duration ttl) {
      this.dnsTtl = ttl;
      return this;
    }

    /**
     * Whether the ECS task JSON carries {@code AvailabilityZone}; true by default.
     *
     * @param include false for task metadata without a zone, as some ECS set-ups serve it
     * @return this builder
     */
    public Builder ecsAvailabilityZone(boolean include) {
      this.ecsZone = include;
      return this;
    }

    /**
     * Adds an endpoint for a service with default settings.
     *
     * @param serviceName the endpoint service name
     * @return this builder
     */
    public Builder endpoint(String serviceName) {
      return endpoint(serviceName, e -> {});
    }

    /**
     * Adds an endpoint for a service, configured by {@code spec}.
     *
     * @param serviceName the endpoint service name
     * @param spec sets the endpoint's ID, state, zones, names and more
     * @return this builder
     */
    public Builder endpoint(String serviceName, Consumer<EndpointSpec> spec) {
      EndpointSpec s = new EndpointSpec(serviceName);
      spec.accept(s);
      endpoints.add(s);
      return this;
    }

    /**
     * Checks every setting, then starts the world; bad input fails with the field and the value.
     *
     * @return a started kit on loopback; close it when done
     * @throws IllegalArgumentException naming the field and the value, for any bad setting
     */
    public LocalPrivateLink build() {
      Checks.matches("region", region, REGION, "a region such as us-east-1");
      List<Zone> zs = new ArrayList<>(zones);
      if (zs.isEmpty()) {
        if (!region.equals(DEFAULT_REGION)) {
          throw new IllegalArgumentException("zones must be set for region '" + region
              + "' (only us-east-1 has default zones)");
        }
        zs.add(new Zone("us-east-1a", "use1-az6"));
        zs.add(new Zone("us-east-1b", "use1-az1"));
        zs.add(new Zone("us-east-1c", "use1-az2"));
      }
      Pattern zoneName = Pattern.compile(Pattern.quote(region) + "(-[a-z0-9]+)*[a-z]");
      Set<String> seenNames = new HashSet<>();
      Set<String> seenIds = new HashSet<>();
      for (Zone z : zs) {
        Checks.matches("zone.name", z.name(), zoneName, "an AZ name in " + region + " such as " + region + "a");
        Checks.matches("zone.id", z.id(), ZONE_ID, "an AZ ID such as use1-az6");
        if (!seenNames.add(z.name())) {
          throw new IllegalArgumentException("zone.name '" + z.name() + "' is given twice");
        }
        if (!seenIds.add(z.id())) {
          throw new IllegalArgumentException("zone.id '" + z.id() + "' is given twice");
        }
      }
      Checks.matches("vpcId", vpcId, VPC_ID, "vpc- and 8 or 17 hex digits");
      Checks.matches("ownerAccount", ownerAccountId, ACCOUNT, "a 12-digit account ID");
      Checks.dnsTtl("dnsTtl", dnsTtl);

      List<Account> accounts = new ArrayList<>();
      Map<String, String> ownerNames = new LinkedHashMap<>();
      zs.forEach(z -> ownerNames.put(z.id(), z.name()));
      accounts.add(newAccount(ownerAccountId, ownerNames));
      for (Map.Entry<String, Map<String, String>> a : otherAccounts.entrySet()) {
        Checks.matches("account.id", a.getKey(), ACCOUNT, "a 12-digit account ID");
        if (a.getKey().equals(ownerAccountId)) {
          throw new IllegalArgumentException("account.id '" + a.getKey() + "' is the owner account");
        }
        if (!a.getValue().keySet().equals(seenIds)) {
          throw new IllegalArgumentException("account." + a.getKey() + ".zoneNamesById must name every AZ ID "
              + seenIds + ", but was " + a.getValue());
        }
        for (String name : a.getValue().values()) {
          Checks.matches("account." + a.getKey() + ".zoneNamesById", name, zoneName, "an AZ name in " + region);
        }
        accounts.add(newAccount(a.getKey(), a.getValue()));
      }
      Account caller = accounts.get(0);
      if (callerAccountId != null) {
        caller = accounts.stream().filter(a -> a.id().equals(callerAccountId)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("callerAccount must be the owner or an added account, "
                + "but was '" + callerAccountId + "'"));
      }
      Zone instance = instanceZone == null ? zs.get(0) : callerZone("instanceZone", instanceZone, zs, caller);

      Set<String> ids = new HashSet<>();
      Set<String> privateNames = new HashSet<>();
      Set<String> addresses = new HashSet<>();
      int number = 0;
      for (EndpointSpec e : endpoints) {
        number++;
        validate(e, number, zs, ids, privateNames, addresses, accounts);
      }

      LocalPrivateLink kit = new LocalPrivateLink(this, zs, accounts, caller, instance);
      try {
        kit.start(this);
        return kit;
      } catch (IOException | RuntimeException e) {
        kit.close();
        throw new IllegalStateException("could not start LocalPrivateLink: " + e.getMessage(), e);
      }
    }

    private void validate(EndpointSpec e, int number, List<Zone> zs, Set<String> ids, Set<String> privateNames,
        Set<String> addresses, List<Account> accounts) {
      String prefix = "endpoint[" + e.serviceName + "].";
      // another Region than the kit's is a cross-Region endpoint: the service's Region is in its name
      Pattern service = Pattern.compile("com\\.amazonaws\\.vpce\\.[a-z]{2}(-[a-z]+)+-\\d+"
          + "\\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})|com\\.amazonaws\\.[a-z]{2}(-[a-z]+)+-\\d+"
          + "\\.[a-z0-9]+([.-][a-z0-9]+)*");
      Checks.matches("endpoint.serviceName", e.serviceName, service, "com.amazonaws.vpce.<region>"
          + ".vpce-svc-<17 hex digits> or com.amazonaws.<region>.<service>");
      if (e.id == null) {
        e.id = Ids.hex("vpce-", 17, e.serviceName + "#" + number);
      }
      Checks.matches(prefix + "id", e.id, ENDPOINT_ID, "vpce- and 8 or 17 hex digits");
      if (!ids.add(e.id)) {
        throw new IllegalArgumentException(prefix + "id '" + e.id + "' is given to two endpoints");
      }
      if (e.vpcId == null) {
        e.vpcId = vpcId;
      }
      Checks.matches(prefix + "vpcId", e.vpcId, VPC_ID, "vpc- and 8 or 17 hex digits");
      Checks.matches(prefix + "type", e.type, TYPE, "one of Interface, Gateway, GatewayLoadBalancer, Resource, "
          + "ServiceNetwork");
      checkState(prefix + "state", e.state);
      if (e.dnsSuffix == null) {
        e.dnsSuffix = Ids.alnum(8, e.id);
      }
      Checks.matches(prefix + "dnsSuffix", e.dnsSuffix, DNS_SUFFIX, "8 lower-case letters or digits");
      if (e.privateDnsName != null) {
        Checks.matches(prefix + "privateDnsName", e.privateDnsName, HOSTNAME, "a lower-case DNS name");
        if (!privateNames.add(e.privateDnsName)) {
          throw new IllegalArgumentException(prefix + "privateDnsName '" + e.privateDnsName
              + "' is given to two endpoints");
        }
      }
      if (e.ownerAccountId == null) {
        e.ownerAccountId = ownerAccountId;
      }
      if (accounts.stream().noneMatch(a -> a.id().equals(e.ownerAccountId))) {
        throw new IllegalArgumentException(prefix + "ownerAccountId must be the owner or an added account, but was '"
            + e.ownerAccountId + "'");
      }
      if (e.zones.isEmpty()) {
        zs.forEach(z -> e.zones.add(z.name()));
      }
      Set<String> zoneNames = new HashSet<>();
      for (String z : e.zones) {
        if (zs.stream().noneMatch(k -> k.name().equals(z))) {
          throw new IllegalArgumentException(prefix + "zones must name zones of this kit "
              + zs.stream().map(Zone::name).toList() + ", but has '" + z + "'");
        }
        if (!zoneNames.add(z)) {
          throw new IllegalArgumentException(prefix + "zones names '" + z + "' twice");
        }
      }
      for (Map.Entry<String, String> a : e.addresses.entrySet()) {
        if (!e.zones.contains(a.getKey())) {
          throw new IllegalArgumentException(prefix + "address is given for zone '" + a.getKey()
              + "', which is not one of the endpoint's zones " + e.zones);
        }
        Checks.loopbackV4(prefix + "address[" + a.getKey() + "]", a.getValue());
      }
      Checks.matches(prefix + "ipAddressType", e.ipAddressType, IP_ADDRESS_TYPE, "one of ipv4, dualstack, ipv6");
      if (e.dnsRecordIpType != null) {
        Checks.matches(prefix + "dnsRecordIpType", e.dnsRecordIpType, DNS_RECORD_IP_TYPE,
            "one of ipv4, dualstack, ipv6, service-defined");
      }
      for (Map.Entry<String, String> a : e.ipv6Addresses.entrySet()) {
        if (!e.zones.contains(a.getKey())) {
          throw new IllegalArgumentException(prefix + "ipv6Address is given for zone '" + a.getKey()
              + "', which is not one of the endpoint's zones " + e.zones);
        }
        Checks.loopbackV6(prefix + "ipv6Address[" + a.getKey() + "]", a.getValue());
        if (!addresses.add("ipv6:" + a.getValue())) {
          throw new IllegalArgumentException(prefix + "ipv6Address[" + a.getKey() + "] '" + a.getValue()
              + "' is already used by another zone or endpoint (IPv6 loopback has one address, ::1)");
        }
      }
      for (String z : e.zones) {
        String literal = e.addresses.getOrDefault(z, "127.0." + number + "." + (zs.indexOf(zoneByName(zs, z)) + 1));
        if (!addresses.add(literal)) {
          throw new IllegalArgumentException(prefix + "address[" + z + "] '" + literal
              + "' is already used by another zone or endpoint");
        }
      }
    }

    private static Zone zoneByName(List<Zone> zs, String name) {
      return zs.stream().filter(z -> z.name().equals(name)).findFirst().orElseThrow();
    }

    private static Account newAccount(String id, Map<String, String> zoneNamesById) {
      return new Account(id, "AKID" + id, SECRET_ACCESS_KEY, zoneNamesById);
    }
  }
}
