package dev.vpce.testkit;

import dev.vpce.testkit.HttpCall.Reply;
import dev.vpce.testkit.HttpCall.Request;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ECS task metadata endpoint, version 4: {@code ${ECS_CONTAINER_METADATA_URI_V4}/task} answers the
 * task JSON, with or without {@code AvailabilityZone} (Fargate always has it; on EC2 it is optional).
 * Two shapes: the EC2 launch type (with {@code VPCID}, the default) and Fargate ({@link #fargate(boolean)}:
 * no {@code VPCID}; the task's address only in the containers' {@code Networks[].IPv4Addresses}). The
 * zone is the emulated instance's, in the caller account's AZ names. Thread-safe.
 */
public final class EcsMetadataEmulator {
  static final String TASK_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

  private final LocalPrivateLink kit;
  private final URI uri;
  private final boolean initiallyIncludesZone;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean includesZone;
  private volatile MetadataFault fault;
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private volatile boolean fargate;

  EcsMetadataEmulator(LocalPrivateLink kit, URI uri, boolean includesZone) {
    this.kit = kit;
    this.uri = uri;
    this.initiallyIncludesZone = includesZone;
    this.includesZone = includesZone;
  }

  /**
   * The value ECS puts in {@code ECS_CONTAINER_METADATA_URI_V4}.
   *
   * @return the metadata base URI on loopback
   */
  public URI uri() {
    return uri;
  }

  /**
   * Whether the task JSON carries {@code AvailabilityZone}.
   *
   * @param include false to leave {@code AvailabilityZone} out
   * @return this emulator, for chaining
   */
  public EcsMetadataEmulator includeAvailabilityZone(boolean include) {
    this.includesZone = include;
    return this;
  }

  /**
   * Answers with this fault until {@link #clearFault()}.
   *
   * @param newFault the fault
   * @return this emulator, for chaining
   */
  public EcsMetadataEmulator fault(MetadataFault newFault) {
    this.faultsLeft.set(-1);
    this.fault = Checks.notNull("fault", newFault);
    return this;
  }

  /**
   * Answers the next {@code times} requests with this fault, then normally again.
   *
   * @param newFault the fault
   * @param times how many requests get it; at least 1
   * @return this emulator, for chaining
   */
  public EcsMetadataEmulator fault(MetadataFault newFault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, but was " + times);
    }
    this.faultsLeft.set(times);
    this.fault = Checks.notNull("fault", newFault);
    return this;
  }

  /**
   * Whether the task JSON has the Fargate shape: {@code LaunchType} {@code FARGATE}, no {@code VPCID}, and
   * the task's address ({@link LocalPrivateLink#TASK_ADDRESS}) in the containers' {@code Networks} block
   * with the subnet details Fargate adds. False (the EC2 launch type, with {@code VPCID}) by default.
   *
   * @param fargateShape true for Fargate's task JSON, false for the EC2 launch type's
   * @return this emulator, for chaining
   */
  public EcsMetadataEmulator fargate(boolean fargateShape) {
    this.fargate = fargateShape;
    return this;
  }

  /**
   * Answers normally again.
   *
   * @return this emulator, for chaining
   */
  public EcsMetadataEmulator clearFault() {
    this.fault = null;
    return this;
  }

  /**
   * Requests since start or the last reset.
   *
   * @return the number of requests
   */
  public int requests() {
    return requests.get();
  }

  void reset() {
    includesZone = initiallyIncludesZone;
    fault = null;
    fargate = false;
    requests.set(0);
  }

  Reply handle(Request r) {
    requests.incrementAndGet();
    MetadataFault f = fault;
    if (f != null && faultsLeft.get() > 0 && faultsLeft.decrementAndGet() == 0) {
      fault = null;
    }
    if (f == MetadataFault.HANG) {
      return Reply.hang();
    }
    if (f == MetadataFault.SERVER_ERROR) {
      return Reply.text(500, "Internal Server Error");
    }
    if (f == MetadataFault.UNAUTHORIZED) {
      return Reply.text(401, "Unauthorized");
    }
    String base = "/v4/" + TASK_ID;
    if (f == MetadataFault.NOT_FOUND || !r.method().equals("GET")) {
      return Reply.text(404, "404 page not found");
    }
    if (r.path().equals(base + "/task")) {
      return Reply.of(200, "application/json", task());
    }
    if (r.path().equals(base) || r.path().equals(base + "/")) {
      return Reply.of(200, "application/json", container());
    }
    return Reply.text(404, "404 page not found");
  }

  private String task() {
    String zone = kit.callerAccount().zoneName(kit.instanceZone().id());
    String region = kit.region();
    String account = kit.callerAccount().id();
    StringBuilder json = new StringBuilder(512);
    json.append("{\"Cluster\":\"arn:aws:ecs:").append(region).append(':').append(account)
        .append(":cluster/default\",")
        .append("\"TaskARN\":\"arn:aws:ecs:").append(region).append(':').append(account)
        .append(":task/default/").append(TASK_ID).append("\",")
        .append("\"Family\":\"orders\",\"Revision\":\"7\",\"DesiredStatus\":\"RUNNING\",")
        .append("\"KnownStatus\":\"RUNNING\",\"Limits\":{\"CPU\":0.25,\"Memory\":512},")
        .append("\"PullStartedAt\":\"2025-03-14T09:26:50.12Z\",\"PullStoppedAt\":\"2025-03-14T09:26:52.42Z\",");
    if (includesZone) {
      json.append("\"AvailabilityZone\":\"").append(zone).append("\",");
    }
    if (!fargate) {
      json.append("\"VPCID\":\"").append(kit.vpcId()).append("\",");
    }
    json.append("\"LaunchType\":\"").append(fargate ? "FARGATE" : "EC2").append("\",")
        .append("\"Containers\":[").append(container()).append("]}");
    return json.toString();
  }

  private String container() {
    return "{\"DockerId\":\"" + TASK_ID + "-1234567890\",\"Name\":\"app\",\"DockerName\":\"app\","
        + "\"Image\":\"orders:latest\",\"DesiredStatus\":\"RUNNING\",\"KnownStatus\":\"RUNNING\","
        + "\"Type\":\"NORMAL\",\"Networks\":[{\"NetworkMode\":\"awsvpc\",\"IPv4Addresses\":[\""
        + LocalPrivateLink.TASK_ADDRESS + "\"]" + (fargate ? ",\"AttachmentIndex\":0,\"MACAddress\":\"0e:9e:32:c7:48:85\","
            + "\"IPv4SubnetCIDRBlock\":\"127.0.0.0/24\",\"PrivateDNSName\":\"ip-127-0-0-1.ec2.internal\","
            + "\"SubnetGatewayIpv4Address\":\"127.0.0.254/24\"" : "") + "}]}";
  }
}
