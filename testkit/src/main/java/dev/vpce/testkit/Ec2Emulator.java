package dev.vpce.testkit;

import dev.vpce.testkit.HttpCall.Reply;
import dev.vpce.testkit.HttpCall.Request;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EC2 API emulator: the Query protocol ({@code POST /} with a form body, or {@code GET /?Action=…})
 * answering {@code DescribeVpcEndpoints}, {@code DescribeSubnets}, {@code DescribeAvailabilityZones}
 * and {@code DescribeNetworkInterfaces} with the XML real EC2 sends, lower-case states and unsorted
 * zonal DNS entries included. Callers are identified by the access key in their SigV4 credential scope.
 *
 * <p>Faults and latency switch at run time; calls are counted by action. Optionally, {@link #tokenBucket}
 * throttles each account's non-mutating ({@code Describe*}) calls with EC2's token bucket on a clock the test
 * controls, and counts calls and throttled calls per action and per second of that clock. Thread-safe.
 */
public final class Ec2Emulator {
  /** EC2's documented bucket for non-mutating actions: 100 tokens, 20 added per second. */
  public static final int NON_MUTATING_BUCKET = 100;
  /** Tokens added to the non-mutating bucket per second. */
  public static final int NON_MUTATING_REFILL_PER_SECOND = 20;
  /** The hosted zone ID AWS uses for us-east-1 {@code vpce.amazonaws.com} names; opaque to clients. */
  static final String VPCE_HOSTED_ZONE = "Z7HUB22UULQXV";
  static final String PRIVATE_HOSTED_ZONE = "Z04812345ABCDEFGHIJKL";
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
  private static final Pattern FILTER_NAME = Pattern.compile("Filter\\.(\\d+)\\.Name");
  private static final Pattern ENDPOINT_ID = Pattern.compile("vpce-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final String XML = "text/xml;charset=UTF-8";

  private final LocalPrivateLink kit;
  private final URI endpoint;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private Ec2Fault fault; // guarded by this
  private int faultsLeft; // guarded by this; negative = until cleared
  private volatile Duration latency = Duration.ZERO;
  private volatile int pageLimit = 1000;
  private volatile Throttle throttle; // null: no token bucket
  private final Map<String, AtomicInteger> throttledCalls = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Long, AtomicInteger>> perSecond = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Long, AtomicInteger>> throttledPerSecond = new ConcurrentHashMap<>();

  Ec2Emulator(LocalPrivateLink kit, URI endpoint) {
    this.kit = kit;
    this.endpoint = endpoint;
  }

  /**
   * The URI to give an {@code Ec2Client} as its {@code endpointOverride}.
   *
   * @return the emulator's HTTP base URI on loopback
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Answers every call with this fault until {@link #clearFault()}.
   *
   * @param newFault the fault
   * @return this emulator, for chaining
   */
  public synchronized Ec2Emulator fault(Ec2Fault newFault) {
    this.fault = Checks.notNull("fault", newFault);
    this.faultsLeft = -1;
    return this;
  }

  /**
   * Answers the next {@code times} calls with this fault, then answers normally again.
   *
   * @param newFault the fault
   * @param times how many calls get it; at least 1
   * @return this emulator, for chaining
   */
  public synchronized Ec2Emulator fault(Ec2Fault newFault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, but was " + times);
    }
    this.fault = Checks.notNull("fault", newFault);
    this.faultsLeft = times;
    return this;
  }

  /**
   * Answers normally again.
   *
   * @return this emulator, for chaining
   */
  public synchronized Ec2Emulator clearFault() {
    this.fault = null;
    this.faultsLeft = 0;
    return this;
  }

  /**
   * Delays every answer by this much.
   *
   * @param added the delay, zero for none
   * @return this emulator, for chaining
   */
  public Ec2Emulator latency(Duration added) {
    this.latency = Checks.notNegative("latency", added);
    return this;
  }

  /**
   * The most items one page holds whatever {@code MaxResults} asks, as EC2 may return fewer items than
   * asked along with a {@code NextToken}; 1000 by default.
   *
   * @param items the page size
   * @return this emulator, for chaining
   */
  public Ec2Emulator pageLimit(int items) {
    if (items < 1) {
      throw new IllegalArgumentException("pageLimit must be at least 1, but was " + items);
    }
    this.pageLimit = items;
    return this;
  }

  /**
   * Turns on EC2's account-level token bucket for non-mutating actions with its documented size
   * ({@value #NON_MUTATING_BUCKET} tokens, {@value #NON_MUTATING_REFILL_PER_SECOND} added per second), read on
   * {@code clock}: see {@link #tokenBucket(int, int, Clock)}.
   *
   * @param clock the clock the bucket refills on (a simulated one gives simulated time)
   * @return this emulator
   */
  public Ec2Emulator tokenBucket(Clock clock) {
    return tokenBucket(NON_MUTATING_BUCKET, NON_MUTATING_REFILL_PER_SECOND, clock);
  }

  /**
   * Turns on a token bucket per account (told apart by the access key, as for everything else) for the
   * non-mutating actions ({@code Describe*}), as EC2 throttles them: each call takes a token; a call that finds
   * the bucket empty is answered HTTP 503 {@code RequestLimitExceeded} ("Request limit exceeded.") in EC2's
   * error envelope. Buckets start full and gain {@code refillPerSecond} tokens per second of {@code clock}
   * (continuously, up to {@code capacity}), so a simulated clock gives simulated time. From now on calls and
   * throttled calls are also counted per second of that clock ({@link #callsPerSecond},
   * {@link #throttledPerSecond}). Off by default; {@link #noTokenBucket()} or a reset turns it off. A fault set
   * with {@link #fault} answers first and takes no token.
   *
   * @param capacity        the bucket's size in tokens (calls); at least 1
   * @param refillPerSecond tokens added per second of {@code clock}; at least 1
   * @param clock           the clock the bucket refills on
   * @return this emulator
   * @throws IllegalArgumentException when capacity or refillPerSecond is below 1, or clock is null
   */
  public Ec2Emulator tokenBucket(int capacity, int refillPerSecond, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    if (refillPerSecond < 1) {
      throw new IllegalArgumentException("refillPerSecond must be at least 1, but was " + refillPerSecond);
    }
    this.throttle = new Throttle(capacity, refillPerSecond, Checks.notNull("clock", clock));
    return this;
  }

  /**
   * Turns the token bucket off (per-second counts stop; what they hold stays until a reset).
   *
   * @return this emulator
   */
  public Ec2Emulator noTokenBucket() {
    this.throttle = null;
    return this;
  }

  /**
   * How many calls of this action the token bucket answered with {@code RequestLimitExceeded}.
   *
   * @param action an EC2 action name, for example {@code DescribeVpcEndpoints}
   * @return the number of throttled calls of that action
   */
  public int throttledCalls(String action) {
    AtomicInteger n = throttledCalls.get(action);
    return n == null ? 0 : n.get();
  }

  /**
   * Calls of this action per second of the token bucket's clock (throttled and faulted ones included), while a
   * bucket was on; seconds without calls are absent. A copy, oldest second first.
   *
   * @param action an EC2 action name, for example {@code DescribeVpcEndpoints}
   * @return the calls in each second (the instant that second starts at) that had any
   */
  public SortedMap<Instant, Integer> callsPerSecond(String action) {
    return copy(perSecond.get(action));
  }

  /**
   * Calls of this action the token bucket throttled, per second of its clock; as {@link #callsPerSecond}.
   *
   * @param action an EC2 action name, for example {@code DescribeVpcEndpoints}
   * @return the throttled calls in each second that had any
   */
  public SortedMap<Instant, Integer> throttledPerSecond(String action) {
    return copy(throttledPerSecond.get(action));
  }

  private static SortedMap<Instant, Integer> copy(ConcurrentSkipListMap<Long, AtomicInteger> counts) {
    SortedMap<Instant, Integer> out = new TreeMap<>();
    if (counts != null) {
      counts.forEach((second, n) -> out.put(Instant.ofEpochSecond(second), n.get()));
    }
    return out;
  }

  private static void countSecond(Map<String, ConcurrentSkipListMap<Long, AtomicInteger>> counts, String action,
      long second) {
    counts.computeIfAbsent(action, a -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(second, k -> new AtomicInteger()).incrementAndGet();
  }

  /** One token bucket per account, refilled continuously on a clock. */
  private static final class Throttle {
    private final int capacity;
    private final int refillPerSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>(); // by account ID

    Throttle(int capacity, int refillPerSecond, Clock clock) {
      this.capacity = capacity;
      this.refillPerSecond = refillPerSecond;
      this.clock = clock;
    }

    long second() {
      return clock.instant().getEpochSecond();
    }

    /** Takes a token from the account's bucket; false when it is empty. */
    boolean take(Account account) {
      Instant now = clock.instant();
      Bucket b = buckets.computeIfAbsent(account.id(), id -> new Bucket(capacity, now));
      synchronized (b) {
        if (now.isAfter(b.filledAt)) {
          Duration elapsed = Duration.between(b.filledAt, now);
          b.tokens = Math.min(capacity, b.tokens + elapsed.toNanos() / 1e9 * refillPerSecond);
          b.filledAt = now;
        }
        if (b.tokens < 1) {
          return false;
        }
        b.tokens -= 1;
        return true;
      }
    }

    private static final class Bucket {
      double tokens;
      Instant filledAt;

      Bucket(double tokens, Instant filledAt) {
        this.tokens = tokens;
        this.filledAt = filledAt;
      }
    }
  }

  /**
   * How many requests named this action since start or the last reset (faulted ones included).
   *
   * @param action an EC2 action name, for example {@code DescribeVpcEndpoints}
   * @return the number of calls of that action
   */
  public int calls(String action) {
    AtomicInteger n = calls.get(action);
    return n == null ? 0 : n.get();
  }

  /**
   * How many requests arrived since start or the last reset.
   *
   * @return the number of calls of every action
   */
  public int calls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void reset() {
    clearFault();
    latency = Duration.ZERO;
    pageLimit = 1000;
    calls.clear();
    throttle = null;
    throttledCalls.clear();
    perSecond.clear();
    throttledPerSecond.clear();
  }

  private synchronized Ec2Fault takeFault(String action) {
    if (fault == null || (fault == Ec2Fault.EMPTY_ANSWER && !action.equals("DescribeVpcEndpoints"))) {
      return null;
    }
    Ec2Fault f = fault;
    if (faultsLeft > 0 && --faultsLeft == 0) {
      fault = null;
    }
    return f;
  }

  Reply handle(Request request) {
    return answer(request).delayedBy(latency);
  }

  private Reply answer(Request request) {
    Map<String, String> p = request.params();
    String action = p.getOrDefault("Action", "");
    calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
    Throttle t = throttle;
    if (t != null) {
      countSecond(perSecond, action, t.second());
    }
    Ec2Fault f = takeFault(action);
    if (f != null) {
      return faultReply(f, action);
    }
    Account caller;
    try {
      caller = authenticate(request.header("Authorization"));
    } catch (Ec2Error e) {
      return e.reply();
    }
    if (t != null && action.startsWith("Describe") && !t.take(caller)) {
      throttledCalls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
      countSecond(throttledPerSecond, action, t.second());
      return faultReply(Ec2Fault.THROTTLING, action);
    }
    try {
      return switch (action) {
        case "DescribeVpcEndpoints" -> ok(action, describeVpcEndpoints(p));
        case "DescribeSubnets" -> ok(action, describeSubnets(p, caller));
        case "DescribeAvailabilityZones" -> ok(action, describeAvailabilityZones(p, caller));
        case "DescribeNetworkInterfaces" -> ok(action, describeNetworkInterfaces(p, caller));
        default -> throw new Ec2Error(400, "InvalidAction",
            "The action " + action + " is not valid for this web service.");
      };
    } catch (Ec2Error e) {
      return e.reply();
    }
  }

  private Account authenticate(String authorization) {
    if (authorization == null) {
      throw new Ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    if (!m.find()) {
      throw new Ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    Account account = kit.accountByAccessKey(m.group(1));
    if (account == null) {
      throw new Ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    if (!m.group(3).equals(kit.region())) {
      throw new Ec2Error(401, "AuthFailure", "Credential should be scoped to a valid region, not '"
          + m.group(3) + "'. This emulator serves '" + kit.region() + "'.");
    }
    if (!m.group(4).equals("ec2")) {
      throw new Ec2Error(401, "AuthFailure", "Credential should be scoped to correct service: 'ec2'.");
    }
    return account;
  }

  // ---- DescribeVpcEndpoints ----

  private Xml describeVpcEndpoints(Map<String, String> p) {
    List<String> ids = indexed(p, "VpcEndpointId");
    for (String id : ids) {
      if (!ENDPOINT_ID.matcher(id).matches()) {
        throw new Ec2Error(400, "InvalidVpcEndpointId.Malformed",
            "The specified VPC endpoint ID '" + id + "' is malformed. It must be in the form vpce-xxxxxxxx.");
      }
      if (kit.endpoints().stream().noneMatch(e -> e.id().equals(id))) {
        throw new Ec2Error(400, "InvalidVpcEndpointId.NotFound", "The VpcEndPoint ID '" + id + "' does not exist");
      }
    }
    List<EmulatedEndpoint> matches = filter(kit.endpoints(), p,
        Set.of("service-name", "vpc-id", "vpc-endpoint-id", "vpc-endpoint-state", "vpc-endpoint-type"),
        e -> Map.of("service-name", List.of(e.serviceName()), "vpc-id", List.of(e.vpcId()),
            "vpc-endpoint-id", List.of(e.id()), "vpc-endpoint-state", List.of(e.state()),
            "vpc-endpoint-type", List.of(e.type())));
    if (!ids.isEmpty()) {
      matches.removeIf(e -> !ids.contains(e.id()));
    }
    Xml x = response("DescribeVpcEndpoints");
    Page<EmulatedEndpoint> page = page("DescribeVpcEndpoints", matches, p);
    x.open("vpcEndpointSet");
    for (EmulatedEndpoint e : page.items()) {
      vpcEndpoint(x, e);
    }
    x.close("vpcEndpointSet");
    x.leaf("nextToken", page.nextToken());
    return x;
  }

  private void vpcEndpoint(Xml x, EmulatedEndpoint e) {
    boolean iface = e.type().equals("Interface");
    x.open("item")
        .leaf("vpcEndpointId", e.id())
        .leaf("vpcEndpointType", e.type())
        .leaf("vpcId", e.vpcId())
        .leaf("serviceName", e.serviceName())
        .leaf("state", e.state())
        .empty("routeTableIdSet");
    x.open("subnetIdSet");
    for (Zone z : e.zones()) {
      x.leaf("item", e.subnetId(z.name()));
    }
    x.close("subnetIdSet");
    x.open("groupSet").open("item").leaf("groupId", Ids.hex("sg-", 17, e.id()))
        .leaf("groupName", "vpce-" + e.id()).close("item").close("groupSet");
    x.leaf("ipAddressType", e.ipAddressType());
    x.open("dnsOptions").leaf("dnsRecordIpType", e.dnsRecordIpType()).close("dnsOptions");
    x.leaf("privateDnsEnabled", e.privateDnsName() != null);
    x.leaf("requesterManaged", false);
    x.open("networkInterfaceIdSet");
    for (Zone z : e.zones()) {
      x.leaf("item", e.networkInterfaceId(z.name()));
    }
    x.close("networkInterfaceIdSet");
    x.open("dnsEntrySet");
    if (iface) {
      dnsEntry(x, e.regionalDnsName(), VPCE_HOSTED_ZONE);
      for (Zone z : unsorted(e.zones())) {
        dnsEntry(x, e.zonalDnsName(z.name()), VPCE_HOSTED_ZONE);
      }
      if (e.privateDnsName() != null) {
        dnsEntry(x, e.privateDnsName(), PRIVATE_HOSTED_ZONE);
      }
    }
    x.close("dnsEntrySet");
    x.leaf("creationTimestamp", "2025-03-14T09:26:53.589Z");
    x.open("tagSet").open("item").leaf("key", "Name").leaf("value", e.id()).close("item").close("tagSet");
    x.leaf("ownerId", e.owner().id());
    if (e.state().equals("failed")) {
      x.open("lastError").leaf("code", "InsufficientFreeAddressesInSubnet")
          .leaf("message", "The subnet has no free addresses for the endpoint network interface.")
          .close("lastError");
      x.leaf("failureReason", "The subnet has no free addresses for the endpoint network interface.");
    }
    x.leaf("serviceRegion", e.serviceRegion());
    x.close("item");
  }

  /** AWS lists zonal entries unsorted: the second zone comes first, as in the API reference sample. */
  private static List<Zone> unsorted(List<Zone> zones) {
    List<Zone> out = new ArrayList<>(zones);
    if (out.size() > 1) {
      out.add(0, out.remove(1));
    }
    return out;
  }

  private static void dnsEntry(Xml x, String name, String hostedZone) {
    x.open("item").leaf("dnsName", name).leaf("hostedZoneId", hostedZone).close("item");
  }

  // ---- DescribeSubnets ----

  private record SubnetRow(String id, String vpcId, Zone zone, int index) {}

  private Xml describeSubnets(Map<String, String> p, Account caller) {
    List<SubnetRow> subnets = new ArrayList<>();
    Set<String> vpcs = new LinkedHashSet<>();
    vpcs.add(kit.vpcId());
    kit.endpoints().forEach(e -> vpcs.add(e.vpcId()));
    for (String vpc : vpcs) {
      int i = 0;
      for (Zone z : kit.zones()) {
        subnets.add(new SubnetRow(Ids.subnetId(vpc, z.id()), vpc, z, i++));
      }
    }
    List<String> ids = indexed(p, "SubnetId");
    for (String id : ids) {
      if (subnets.stream().noneMatch(s -> s.id().equals(id))) {
        throw new Ec2Error(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
      }
    }
    List<SubnetRow> matches = filter(subnets, p,
        Set.of("subnet-id", "vpc-id", "availability-zone", "availability-zone-id", "state"),
        s -> Map.of("subnet-id", List.of(s.id()), "vpc-id", List.of(s.vpcId()),
            "availability-zone", List.of(caller.zoneName(s.zone().id())),
            "availability-zone-id", List.of(s.zone().id()), "state", List.of("available")));
    if (!ids.isEmpty()) {
      matches.removeIf(s -> !ids.contains(s.id()));
    }
    Page<SubnetRow> page = page("DescribeSubnets", matches, p);
    Xml x = response("DescribeSubnets");
    x.open("subnetSet");
    for (SubnetRow s : page.items()) {
      x.open("item")
          .leaf("subnetId", s.id())
          .leaf("state", "available")
          .leaf("vpcId", s.vpcId())
          .leaf("cidrBlock", "10.0." + s.index() + ".0/24")
          .leaf("availableIpAddressCount", 250)
          .leaf("availabilityZone", caller.zoneName(s.zone().id()))
          .leaf("availabilityZoneId", s.zone().id())
          .leaf("defaultForAz", false)
          .leaf("mapPublicIpOnLaunch", false)
          .leaf("ownerId", kit.ownerAccount().id())
          .close("item");
    }
    x.close("subnetSet");
    x.leaf("nextToken", page.nextToken());
    return x;
  }

  // ---- DescribeAvailabilityZones ----

  private Xml describeAvailabilityZones(Map<String, String> p, Account caller) {
    List<String> names = indexed(p, "ZoneName");
    List<String> zoneIds = indexed(p, "ZoneId");
    List<Zone> matches = filter(kit.zones(), p,
        Set.of("zone-name", "zone-id", "region-name", "state", "zone-type"),
        z -> Map.of("zone-name", List.of(caller.zoneName(z.id())), "zone-id", List.of(z.id()),
            "region-name", List.of(kit.region()), "state", List.of("available"),
            "zone-type", List.of("availability-zone")));
    if (!names.isEmpty() || !zoneIds.isEmpty()) {
      matches.removeIf(z -> !names.contains(caller.zoneName(z.id())) && !zoneIds.contains(z.id()));
    }
    Xml x = response("DescribeAvailabilityZones");
    x.open("availabilityZoneInfo");
    for (Zone z : matches) {
      x.open("item")
          .leaf("optInStatus", "opt-in-not-required")
          .leaf("zoneName", caller.zoneName(z.id()))
          .leaf("zoneId", z.id())
          .leaf("zoneState", "available")
          .leaf("regionName", kit.region())
          .leaf("groupName", kit.region())
          .leaf("networkBorderGroup", kit.region())
          .leaf("zoneType", "availability-zone")
          .empty("messageSet")
          .close("item");
    }
    x.close("availabilityZoneInfo");
    return x;
  }

  // ---- DescribeNetworkInterfaces ----

  /** One network interface: an endpoint's in one zone, or the emulated instance's (task's) own. */
  private record EniRow(String id, String vpcId, String subnetId, Zone zone, String ip, String ipv6,
      String description, String ownerId, boolean requesterManaged, String interfaceType) {}

  private List<EniRow> networkInterfaces() {
    List<EniRow> enis = new ArrayList<>();
    for (EmulatedEndpoint e : kit.endpoints()) {
      if (e.type().equals("Interface")) {
        for (ZoneFront f : e.fronts()) {
          Zone z = f.zone();
          InetAddress v6 = e.ipv6Address(z.name());
          enis.add(new EniRow(e.networkInterfaceId(z.name()), e.vpcId(), e.subnetId(z.name()), z,
              f.ip().getHostAddress(), v6 == null ? null : v6.getHostAddress(), "VPC Endpoint Interface " + e.id(),
              e.owner().id(), true, "vpc_endpoint"));
        }
      }
    }
    Zone z = kit.instanceZone();
    enis.add(new EniRow(Ids.hex("eni-", 17, "instance/" + z.id()), kit.vpcId(), Ids.subnetId(kit.vpcId(), z.id()), z,
        LocalPrivateLink.TASK_ADDRESS, null, "the emulated instance's (or ECS task's) network interface",
        kit.callerAccount().id(), false, "interface"));
    return enis;
  }

  private Xml describeNetworkInterfaces(Map<String, String> p, Account caller) {
    List<EniRow> enis = networkInterfaces();
    List<String> ids = indexed(p, "NetworkInterfaceId");
    for (String id : ids) {
      if (enis.stream().noneMatch(n -> n.id().equals(id))) {
        throw new Ec2Error(400, "InvalidNetworkInterfaceID.NotFound",
            "The networkInterface ID '" + id + "' does not exist");
      }
    }
    List<EniRow> matches = filter(enis, p,
        Set.of("network-interface-id", "vpc-id", "subnet-id", "availability-zone", "availability-zone-id",
            "addresses.private-ip-address", "private-ip-address", "interface-type", "status"),
        n -> {
          Map<String, List<String>> a = new TreeMap<>();
          a.put("network-interface-id", List.of(n.id()));
          a.put("vpc-id", List.of(n.vpcId()));
          a.put("subnet-id", List.of(n.subnetId()));
          a.put("availability-zone", List.of(caller.zoneName(n.zone().id())));
          a.put("availability-zone-id", List.of(n.zone().id()));
          a.put("addresses.private-ip-address", List.of(n.ip()));
          a.put("private-ip-address", List.of(n.ip()));
          a.put("interface-type", List.of(n.interfaceType()));
          a.put("status", List.of("in-use"));
          return a;
        });
    if (!ids.isEmpty()) {
      matches.removeIf(n -> !ids.contains(n.id()));
    }
    Page<EniRow> page = page("DescribeNetworkInterfaces", matches, p);
    Xml x = response("DescribeNetworkInterfaces");
    x.open("networkInterfaceSet");
    for (EniRow n : page.items()) {
      x.open("item")
          .leaf("networkInterfaceId", n.id())
          .leaf("subnetId", n.subnetId())
          .leaf("vpcId", n.vpcId())
          .leaf("availabilityZone", caller.zoneName(n.zone().id()))
          .leaf("availabilityZoneId", n.zone().id())
          .leaf("description", n.description())
          .leaf("ownerId", n.ownerId());
      if (n.requesterManaged()) {
        x.leaf("requesterId", "727180483921");
      }
      x.leaf("requesterManaged", n.requesterManaged())
          .leaf("status", "in-use")
          .leaf("macAddress", "0e:" + Ids.hex("", 10, n.id()).replaceAll("(..)(?!$)", "$1:"))
          .leaf("privateIpAddress", n.ip())
          .leaf("sourceDestCheck", true)
          .open("privateIpAddressesSet").open("item").leaf("privateIpAddress", n.ip()).leaf("primary", true)
          .close("item").close("privateIpAddressesSet");
      if (n.ipv6() != null) {
        x.open("ipv6AddressesSet").open("item").leaf("ipv6Address", n.ipv6()).leaf("isPrimaryIpv6", true)
            .close("item").close("ipv6AddressesSet");
      }
      x.leaf("interfaceType", n.interfaceType())
          .empty("tagSet")
          .close("item");
    }
    x.close("networkInterfaceSet");
    x.leaf("nextToken", page.nextToken());
    return x;
  }

  // ---- shared mechanics ----

  /** {@code Name.1}, {@code Name.2}, … in index order. */
  private static List<String> indexed(Map<String, String> p, String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; p.containsKey(name + "." + i); i++) {
      out.add(p.get(name + "." + i));
    }
    return out;
  }

  /** Applies {@code Filter.N.Name/Value.M}: values of one filter are ORed, filters are ANDed. */
  private static <T> List<T> filter(List<T> items, Map<String, String> p, Set<String> known,
      Function<T, Map<String, List<String>>> attributes) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String key : p.keySet()) {
      Matcher m = FILTER_NAME.matcher(key);
      if (m.matches()) {
        String name = p.get(key);
        if (!known.contains(name)) {
          throw new Ec2Error(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
        }
        filters.put(m.group(1) + ":" + name, indexed(p, "Filter." + m.group(1) + ".Value"));
      }
    }
    List<T> out = new ArrayList<>();
    for (T item : items) {
      Map<String, List<String>> attrs = attributes.apply(item);
      boolean all = filters.entrySet().stream().allMatch(f -> {
        String name = f.getKey().substring(f.getKey().indexOf(':') + 1);
        return attrs.getOrDefault(name, List.of()).stream().anyMatch(f.getValue()::contains);
      });
      if (all) {
        out.add(item);
      }
    }
    return out;
  }

  private record Page<T>(List<T> items, String nextToken) {}

  private <T> Page<T> page(String action, List<T> all, Map<String, String> p) {
    int start = 0;
    String token = p.get("NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!decoded.startsWith(action + ":")) {
          throw new IllegalArgumentException(decoded);
        }
        start = Integer.parseInt(decoded.substring(action.length() + 1));
      } catch (IllegalArgumentException e) {
        throw new Ec2Error(400, "InvalidPaginationToken", "The pagination token '" + token + "' is invalid.");
      }
    }
    int size = all.size();
    String max = p.get("MaxResults");
    if (max != null) {
      try {
        size = Math.min(Integer.parseInt(max), 1000);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1) {
        throw new Ec2Error(400, "InvalidParameterValue",
            "Value (" + max + ") for parameter maxResults is invalid. Expecting a value between 1 and 1000.");
      }
    }
    int end = Math.min(all.size(), start + Math.min(size, pageLimit));
    List<T> items = start >= all.size() ? List.of() : all.subList(start, end);
    String next = end < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString((action + ":" + end).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(items, next);
  }

  /** Starts {@code <ActionResponse xmlns=…>} with a request ID; {@link #ok} closes it. */
  private static Xml response(String action) {
    return new Xml().openRoot(action + "Response").leaf("requestId", UUID.randomUUID());
  }

  private static Reply ok(String action, Xml body) {
    return Reply.of(200, XML, body.close(action + "Response").toString());
  }

  private static Reply faultReply(Ec2Fault f, String action) {
    return switch (f) {
      case THROTTLING -> new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.").reply();
      case UNAUTHORIZED -> new Ec2Error(403, "UnauthorizedOperation",
          "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/test is not "
              + "authorized to perform: ec2:" + action + " because no identity-based policy allows the ec2:"
              + action + " action").reply();
      case INTERNAL_ERROR -> new Ec2Error(500, "InternalError",
          "An internal error has occurred").reply();
      case MALFORMED_BODY -> Reply.of(200, XML, "<DescribeVpcEndpointsResponse><vpcEndpointSet><item>");
      case EMPTY_ANSWER -> ok(action, response(action).empty("vpcEndpointSet"));
    };
  }

  /** An EC2 error: the {@code <Response><Errors><Error>} envelope, not the one other Query services use. */
  private static final class Ec2Error extends RuntimeException {
    private final int status;
    private final String code;

    Ec2Error(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }

    Reply reply() {
      Xml x = new Xml();
      x.open("Response").open("Errors").open("Error").leaf("Code", code).leaf("Message", getMessage())
          .close("Error").close("Errors").leaf("RequestID", UUID.randomUUID()).close("Response");
      return Reply.of(status, XML, x.toString());
    }
  }
}
