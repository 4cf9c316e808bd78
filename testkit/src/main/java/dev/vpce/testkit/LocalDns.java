package dev.vpce.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on 127.0.0.1 (UDP and TCP, one port) that answers the endpoints' regional,
 * zonal and private DNS names with A records (and AAAA records for IPv6 endpoints), built from real DNS
 * packets with dnsjava's message classes; a name can also be made a CNAME with its own TTL. Per-name faults
 * and changed answers switch at run time; every question is logged. Like any authoritative server (RFC 2308),
 * it puts an SOA record in the authority section of a negative answer (NXDOMAIN, or NODATA: a name without
 * records of the asked type), whose TTL and MINIMUM field are the {@link #negativeTtl() negative TTL}; its
 * owner is the name's parent, where a real server names its zone's apex.
 * Thread-safe.
 */
public final class LocalDns {
  private static final int MAX_UDP = 512;
  private static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(60);
  private static final Name PRIMARY = Name.fromConstantString("ns.vpce.test.");
  private static final Name HOSTMASTER = Name.fromConstantString("hostmaster.vpce.test.");

  private final Map<String, List<InetAddress>> records;
  private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
  private final Map<String, DnsFault> faults = new ConcurrentHashMap<>();
  private final Map<String, Alias> aliases = new ConcurrentHashMap<>();
  private final List<DnsQuery> log = new ArrayList<>();
  private final Duration initialTtl;
  private final Clock clock;
  private final ExecutorService workers;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Duration ttl;
  private volatile Duration negativeTtl = DEFAULT_NEGATIVE_TTL;

  LocalDns(Map<String, List<InetAddress>> records, Duration ttl, Clock clock, ExecutorService workers)
      throws IOException {
    this.records = Map.copyOf(records);
    this.initialTtl = ttl;
    this.ttl = ttl;
    this.clock = clock;
    this.workers = workers;
    DatagramSocket[] u = new DatagramSocket[1];
    ServerSocket[] t = new ServerSocket[1];
    bindBoth(u, t);
    this.udp = u[0];
    this.tcp = t[0];
    start("udp", this::serveUdp);
    start("tcp", this::acceptTcp);
  }

  /** Binds UDP on an ephemeral loopback port, then TCP on the same port; retries if TCP's is taken. */
  private static void bindBoth(DatagramSocket[] udp, ServerSocket[] tcp) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        tcp[0] = ZoneFront.bind(new InetSocketAddress(u.getLocalAddress(), u.getLocalPort()), 50);
        udp[0] = u;
        return;
      } catch (IOException portTakenForTcp) {
        u.close();
        last = portTakenForTcp;
      }
    }
    throw new IOException("could not bind one port for DNS over UDP and TCP on loopback", last);
  }

  /**
   * Where to send queries: 127.0.0.1 and the server's port, for UDP and TCP alike.
   *
   * @return the server's loopback address and port
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  /**
   * The TTL of every answer from now on.
   *
   * @return the TTL answers carry now
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Sets the TTL of every answer from now on (whole seconds).
   *
   * @param newTtl the TTL, zero or more, at most 2^31 - 1 s, rounded down to whole seconds
   * @return this server, for chaining
   */
  public LocalDns ttl(Duration newTtl) {
    this.ttl = Checks.dnsTtl("ttl", newTtl);
    return this;
  }

  /**
   * How long a negative answer may be cached (RFC 2308): its SOA record's TTL and MINIMUM field. 60 s unless
   * set.
   *
   * @return the negative TTL answers carry now
   */
  public Duration negativeTtl() {
    return negativeTtl;
  }

  /**
   * Sets how long negative answers may be cached from now on (whole seconds), until
   * {@link LocalPrivateLink#reset}.
   *
   * @param newNegativeTtl the negative TTL, zero or more, at most 2^31 - 1 s, rounded down to whole seconds
   * @return this server, for chaining
   */
  public LocalDns negativeTtl(Duration newNegativeTtl) {
    this.negativeTtl = Checks.dnsTtl("negativeTtl", newNegativeTtl);
    return this;
  }

  /**
   * Answers a name with a fault until {@link #clear} or {@link LocalPrivateLink#reset}.
   *
   * @param name the DNS name
   * @param fault what to answer (NXDOMAIN, SERVFAIL, a timeout, ...)
   * @return this server, for chaining
   */
  public LocalDns fault(String name, DnsFault fault) {
    faults.put(key(name), Checks.notNull("fault", fault));
    return this;
  }

  /**
   * Answers a name (known or new) with these addresses instead; none gives an empty NOERROR answer.
   *
   * @param name the DNS name
   * @param addresses the addresses to answer with, in that order
   * @return this server, for chaining
   */
  public LocalDns answer(String name, InetAddress... addresses) {
    answers.put(key(name), List.of(addresses));
    return this;
  }

  /**
   * Answers a name with a CNAME to {@code target}, with its own TTL, followed by the target's records (when
   * this server has them, with the server's TTL), as an authoritative server does for an alias in its zone.
   *
   * @param name the DNS name that becomes an alias
   * @param target the name it points to; its records follow in the answer
   * @param cnameTtl the TTL of the CNAME record itself
   * @return this server, for chaining
   */
  public LocalDns cname(String name, String target, Duration cnameTtl) {
    Checks.dnsTtl("cnameTtl", cnameTtl);
    aliases.put(key(name), new Alias(key(Checks.notNull("target", target)), cnameTtl));
    return this;
  }

  /**
   * Removes any fault, changed answer and CNAME for a name.
   *
   * @param name the DNS name
   * @return this server, for chaining
   */
  public LocalDns clear(String name) {
    faults.remove(key(name));
    answers.remove(key(name));
    aliases.remove(key(name));
    return this;
  }

  private record Alias(String target, Duration ttl) {}

  /**
   * The names this server is authoritative for from the start.
   *
   * @return an immutable set of the names
   */
  public Set<String> names() {
    return records.keySet();
  }

  /**
   * Every question received since start or the last reset, oldest first.
   *
   * @return a snapshot of the query log
   */
  public List<DnsQuery> queries() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /**
   * How many questions for a name were received since start or the last reset.
   *
   * @param name the DNS name, in any case
   * @return the number of questions for it
   */
  public long queries(String name) {
    String k = key(name);
    return queries().stream().filter(q -> q.name().equals(k)).count();
  }

  void reset() {
    faults.clear();
    answers.clear();
    aliases.clear();
    ttl = initialTtl;
    negativeTtl = DEFAULT_NEGATIVE_TTL;
    synchronized (log) {
      log.clear();
    }
  }

  void close() {
    udp.close();
    ZoneFront.closeQuietly(tcp);
    for (Socket s : open) {
      ZoneFront.closeQuietly(s);
    }
  }

  private void start(String transport, Runnable loop) {
    Thread t = new Thread(loop, "vpce-testkit-dns-" + transport + "-" + udp.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  private void serveUdp() {
    byte[] buf = new byte[4096];
    while (!udp.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
        byte[] reply = answer(java.util.Arrays.copyOf(p.getData(), p.getLength()), "udp", MAX_UDP);
        if (reply != null) {
          udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // one bad packet: keep serving
      }
    }
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket s = tcp.accept();
        open.add(s);
        workers.execute(() -> serveTcp(s));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serveTcp(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        byte[] reply = answer(query, "tcp", 65_535);
        if (reply != null) {
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      }
    } catch (EOFException done) {
      // the client closed the connection
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(s);
    }
  }

  /** Builds the reply to one query, or null to send nothing (a malformed query or a timeout fault). */
  private byte[] answer(byte[] wire, String transport, int maxLength) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException malformed) {
      return null;
    }
    Record question = query.getQuestion();
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      reply.getHeader().setFlag(Flags.RD);
    }
    if (question == null) {
      reply.getHeader().setRcode(Rcode.FORMERR);
      return reply.toWire(maxLength);
    }
    reply.addRecord(question, Section.QUESTION);
    String name = key(question.getName().toString());
    synchronized (log) {
      log.add(new DnsQuery(name, Type.string(question.getType()), transport, clock.instant()));
    }
    DnsFault fault = faults.get(name);
    if (fault == DnsFault.TIMEOUT) {
      return null;
    }
    if (fault != null) {
      reply.getHeader().setRcode(fault == DnsFault.NXDOMAIN ? Rcode.NXDOMAIN : Rcode.SERVFAIL);
      if (fault == DnsFault.NXDOMAIN) {
        reply.getHeader().setFlag(Flags.AA);
        reply.addRecord(soa(question.getName()), Section.AUTHORITY);
      }
      return reply.toWire(maxLength);
    }
    Name owner = question.getName();
    int type = question.getType();
    for (int hops = 0; aliases.containsKey(name) && hops < 8 && type != Type.CNAME; hops++) {
      Alias alias = aliases.get(name);
      Name target;
      try {
        target = Name.fromString(alias.target() + ".");
      } catch (IOException e) {
        reply.getHeader().setRcode(Rcode.SERVFAIL);
        return reply.toWire(maxLength);
      }
      reply.addRecord(new CNAMERecord(owner, DClass.IN, alias.ttl().getSeconds(), target), Section.ANSWER);
      owner = target;
      name = alias.target();
    }
    List<InetAddress> addresses = answers.containsKey(name) ? answers.get(name) : records.get(name);
    if (addresses == null && owner != question.getName()) {
      reply.getHeader().setFlag(Flags.AA);
      return reply.toWire(maxLength); // a CNAME out of this server's names: the client asks again
    }
    reply.getHeader().setFlag(Flags.AA);
    if (addresses == null || question.getDClass() != DClass.IN) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
      reply.addRecord(soa(owner), Section.AUTHORITY);
      return reply.toWire(maxLength);
    }
    long ttlSeconds = ttl.getSeconds();
    boolean any = false;
    for (InetAddress a : addresses) {
      if (a instanceof Inet4Address && (type == Type.A || type == Type.ANY)) {
        reply.addRecord(new ARecord(owner, DClass.IN, ttlSeconds, a), Section.ANSWER);
        any = true;
      } else if (a instanceof Inet6Address && (type == Type.AAAA || type == Type.ANY)) {
        reply.addRecord(new AAAARecord(owner, DClass.IN, ttlSeconds, a), Section.ANSWER);
        any = true;
      }
    }
    if (!any) {
      reply.addRecord(soa(owner), Section.AUTHORITY); // NODATA
    }
    return reply.toWire(maxLength);
  }

  /**
   * The SOA of a negative answer about {@code name}, with the negative TTL as its TTL and MINIMUM, as a resolver
   * reads them (RFC 2308). A real server names its zone's apex as the owner (for a private hosted zone of an
   * AWS service name, the service name itself); this one, which has no zones, names the name's parent.
   */
  private Record soa(Name name) {
    Name zone = name.labels() > 2 ? new Name(name, 1) : Name.root;
    long negative = negativeTtl.getSeconds();
    return new SOARecord(zone, DClass.IN, negative, PRIMARY, HOSTMASTER, 1, 7200, 900, 1_209_600, negative);
  }

  static String key(String name) {
    Checks.notNull("name", name);
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
