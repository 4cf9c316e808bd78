package dev.vpce.testkit;

import dev.vpce.testkit.HttpCall.Reply;
import dev.vpce.testkit.HttpCall.Request;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The EC2 instance metadata service, version 2: a session token from {@code PUT /latest/api/token}
 * (answered with the TTL header the SDK requires), then {@code GET /latest/meta-data/…} with that
 * token. Without a valid token a read answers 401; IMDSv1 reads are not served. It reports the
 * placement of the emulated instance ({@link LocalPrivateLink#instanceZone}) in the caller account's AZ
 * names. Thread-safe.
 */
public final class ImdsEmulator {
  static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
  static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
  static final String MAC = "0e:49:61:0f:c3:11";

  private final LocalPrivateLink kit;
  private final URI endpoint;
  private final Clock clock;
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger metadataRequests = new AtomicInteger();
  private volatile MetadataFault fault;
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private volatile java.time.Duration latency = java.time.Duration.ZERO;

  ImdsEmulator(LocalPrivateLink kit, URI endpoint, Clock clock) {
    this.kit = kit;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /**
   * The URI to give the SDK's {@code Ec2MetadataClient} as its endpoint.
   *
   * @return the emulator's base URI on loopback
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Answers with this fault until {@link #clearFault()}.
   *
   * @param newFault the fault
   * @return this emulator, for chaining
   */
  public ImdsEmulator fault(MetadataFault newFault) {
    this.faultsLeft.set(-1);
    this.fault = Checks.notNull("fault", newFault);
    return this;
  }

  /**
   * Answers the next {@code times} requests (token or metadata) with this fault, then normally again.
   *
   * @param newFault the fault
   * @param times how many requests get it; at least 1
   * @return this emulator, for chaining
   */
  public ImdsEmulator fault(MetadataFault newFault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, but was " + times);
    }
    this.faultsLeft.set(times);
    this.fault = Checks.notNull("fault", newFault);
    return this;
  }

  /**
   * Delays every answer by this much (a slow metadata service); zero by default.
   *
   * @param added the delay per answer, zero for none
   * @return this emulator, for chaining
   */
  public ImdsEmulator latency(java.time.Duration added) {
    this.latency = Checks.notNegative("latency", added);
    return this;
  }

  /**
   * Answers normally again.
   *
   * @return this emulator, for chaining
   */
  public ImdsEmulator clearFault() {
    this.fault = null;
    return this;
  }

  /**
   * Token requests ({@code PUT /latest/api/token}) since start or the last reset.
   *
   * @return the number of token requests
   */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /**
   * Metadata reads since start or the last reset.
   *
   * @return the number of metadata reads
   */
  public int metadataRequests() {
    return metadataRequests.get();
  }

  void reset() {
    fault = null;
    latency = java.time.Duration.ZERO;
    tokens.clear();
    tokenRequests.set(0);
    metadataRequests.set(0);
  }

  Reply handle(Request r) {
    return answer(r).delayedBy(latency);
  }

  private Reply answer(Request r) {
    MetadataFault f = fault;
    if (f != null && faultsLeft.get() > 0 && faultsLeft.decrementAndGet() == 0) {
      fault = null;
    }
    boolean tokenRequest = r.path().endsWith("/api/token");
    (tokenRequest ? tokenRequests : metadataRequests).incrementAndGet();
    if (f == MetadataFault.SERVER_ERROR) {
      return Reply.text(500, "Internal Server Error");
    }
    if (tokenRequest) {
      return f == MetadataFault.HANG ? Reply.hang() : token(r);
    }
    if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      return Reply.text(405, "Method Not Allowed");
    }
    if (!validToken(r.header(TOKEN_HEADER)) || f == MetadataFault.UNAUTHORIZED) {
      return Reply.text(401, "Unauthorized");
    }
    if (f == MetadataFault.NOT_FOUND || !r.path().startsWith("/latest/meta-data/")) {
      return Reply.text(404, "Not Found");
    }
    String value = metadata(r.path().substring("/latest/meta-data/".length()));
    return value == null ? Reply.text(404, "Not Found") : Reply.text(200, value);
  }

  private Reply token(Request r) {
    if (!r.method().equals("PUT")) {
      return Reply.text(405, "Method Not Allowed");
    }
    if (!r.path().equals("/latest/api/token")) {
      return Reply.text(403, "Forbidden");
    }
    if (r.header("X-Forwarded-For") != null) {
      return Reply.text(403, "Forbidden");
    }
    String ttl = r.header(TOKEN_TTL_HEADER);
    int seconds;
    try {
      seconds = Integer.parseInt(ttl);
    } catch (NumberFormatException | NullPointerException e) {
      return Reply.text(400, "Bad Request");
    }
    if (seconds < 1 || seconds > 21_600) {
      return Reply.text(400, "Bad Request");
    }
    String token = "AQAEA" + UUID.randomUUID().toString().replace("-", "") + "==";
    tokens.put(token, clock.instant().plusSeconds(seconds));
    return Reply.text(200, token).withHeader(TOKEN_TTL_HEADER, String.valueOf(seconds));
  }

  private boolean validToken(String token) {
    if (token == null) {
      return false;
    }
    Instant expiry = tokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  private String metadata(String path) {
    Zone zone = kit.instanceZone();
    Account caller = kit.callerAccount();
    String macPrefix = "network/interfaces/macs/" + MAC + "/";
    return switch (path) {
      case "placement/" -> "availability-zone\navailability-zone-id\nregion";
      case "placement/availability-zone" -> caller.zoneName(zone.id());
      case "placement/availability-zone-id" -> zone.id();
      case "placement/region" -> kit.region();
      case "mac" -> MAC;
      case "network/interfaces/macs/" -> MAC + "/";
      default -> {
        if (!path.startsWith(macPrefix)) {
          yield null;
        }
        yield switch (path.substring(macPrefix.length())) {
          case "vpc-id" -> kit.vpcId();
          case "subnet-id" -> Ids.subnetId(kit.vpcId(), zone.id());
          case "owner-id" -> caller.id();
          case "local-ipv4s" -> "127.0.0.1";
          case "interface-id" -> Ids.hex("eni-", 17, "instance/" + zone.id());
          case "device-number" -> "0";
          default -> null;
        };
      }
    };
  }
}
