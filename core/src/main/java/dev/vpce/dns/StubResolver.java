package dev.vpce.dns;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * vpce's own stub resolver: asks recursive name servers for the A and AAAA records of a name over UDP, and over
 * TCP when the answer comes back truncated; follows CNAMEs in the answer, and with a new query when a chain
 * leaves it; keeps the smallest TTL along the chain. That is all vpce needs of DNS, and it costs a few classes
 * where a general DNS library initialises hundreds (dnsjava registers every record type it knows, about 75, on
 * its first message), work that would otherwise compete with the application's start-up for CPU.
 *
 * <p>Servers are asked in order, each once, each with the timeout; a server that times out, fails (SERVFAIL,
 * REFUSED and the like) or answers something else than the question passes the question to the next. NXDOMAIN
 * from a server is the answer. Each query has a random ID from the kernel's generator ({@link QueryIds}) and a
 * fresh ephemeral port, and a reply must echo the ID and the question, so an off-path guess is ignored. A UDP
 * wait ends at once when the thread is interrupted (vpce interrupts its refresh threads when it closes).
 * Thread-safe.
 */
final class StubResolver implements NameResolver {
  static final int MAX_CHAIN = 8;
  private static final int TYPE_A = 1;
  private static final int TYPE_CNAME = 5;
  private static final int TYPE_SOA = 6;
  private static final int TYPE_AAAA = 28;
  private static final int CLASS_IN = 1;
  private static final int RCODE_NXDOMAIN = 3;
  private static final QueryIds IDS = new QueryIds();

  private final List<InetSocketAddress> servers;
  private final Duration timeout;

  private StubResolver(List<InetSocketAddress> servers, Duration timeout) {
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
  }

  /**
   * A resolver that asks these name servers, in order, each with this timeout.
   *
   * @throws IllegalArgumentException when the list is empty or holds null, or the timeout is not positive
   */
  static StubResolver create(List<InetSocketAddress> servers, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("dns.timeout must be greater than 0, but was " + timeout);
    }
    if (servers == null || servers.isEmpty() || servers.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("dns.servers must name at least one name server and no null, but was "
          + servers);
    }
    for (InetSocketAddress s : servers) {
      if (s.isUnresolved()) {
        throw new IllegalArgumentException("dns.servers must be IP addresses, but " + s + " is a hostname");
      }
    }
    return new StubResolver(servers, timeout);
  }

  @Override
  public DnsAnswer resolve(String name) throws IOException {
    return resolve(name, IpAddressType.IPV4);
  }

  @Override
  public DnsAnswer resolve(String name, IpAddressType types) throws IOException {
    String start = canonical(name);
    DnsAnswer v4 = types.ipv4() ? lookup(name, start, TYPE_A) : null;
    DnsAnswer v6 = types.ipv6() ? lookup(name, start, TYPE_AAAA) : null;
    return DnsAnswer.ofFamilies(v4, v6);
  }

  /** One record type, following CNAMEs in the answer and, when a chain leaves it, with a new query. */
  private DnsAnswer lookup(String name, String start, int type) throws IOException {
    String current = start;
    long ttl = Long.MAX_VALUE;
    int hops = 0;
    Reply reply = query(name, current, type);
    while (true) {
      List<InetAddress> addresses = new ArrayList<>();
      String alias = null;
      for (Answer r : reply.answers()) {
        if (!r.owner().equals(current)) {
          continue;
        }
        if (r.type() == type) {
          addresses.add(InetAddress.getByAddress(name, r.address()));
          ttl = Math.min(ttl, r.ttl());
        } else if (r.type() == TYPE_CNAME && alias == null) {
          alias = r.target();
          ttl = Math.min(ttl, r.ttl());
        }
      }
      if (!addresses.isEmpty()) {
        return new DnsAnswer(addresses, Duration.ofSeconds(ttl));
      }
      if (alias == null) {
        if (reply.rcode() == RCODE_NXDOMAIN) {
          throw new UnknownHostException(name + ": NXDOMAIN" + (hops == 0 ? "" : " for its alias " + current)
              + " from " + servers);
        }
        // NODATA: the name exists without records of this type; the zone's SOA says how long that holds
        return DnsAnswer.noData(ttl, reply.negativeTtl());
      }
      if (++hops > MAX_CHAIN) {
        throw new IOException("DNS lookup of " + name + " followed more than " + MAX_CHAIN + " CNAMEs (a loop?)");
      }
      try {
        current = canonical(alias);
      } catch (UnknownHostException e) {
        throw new IOException("DNS lookup of " + name + " (" + typeName(type) + ") followed a CNAME to an invalid "
            + "name: " + e.getMessage());
      }
      String owner = current;
      if (reply.answers().stream().noneMatch(r -> r.owner().equals(owner))) {
        reply = query(name, current, type);
      }
    }
  }

  /** Asks the servers in order until one answers the question with NOERROR or NXDOMAIN. */
  private Reply query(String name, String asked, int type) throws IOException {
    byte[] question = question(asked, type);
    List<String> failures = new ArrayList<>(servers.size());
    for (InetSocketAddress server : servers) {
      try {
        Reply reply = ask(server, question, asked, type);
        if (reply.rcode() == 0 || reply.rcode() == RCODE_NXDOMAIN) {
          return reply;
        }
        failures.add(server + " " + rcodeName(reply.rcode()));
      } catch (IOException | RuntimeException e) { // runtime: e.g. an IPv6 server with -Djava.net.preferIPv4Stack
        if (Thread.currentThread().isInterrupted()) { // vpce is closing: stop here
          InterruptedIOException stop = new InterruptedIOException("DNS lookup of " + name + " (" + typeName(type)
              + ") was interrupted");
          stop.initCause(e);
          throw stop;
        }
        failures.add(server + " " + describe(e));
      }
    }
    throw new IOException("DNS lookup of " + name + " (" + typeName(type) + ") failed against " + servers + ": "
        + String.join("; ", failures));
  }

  private static String describe(Exception e) {
    if (e instanceof java.net.PortUnreachableException) {
      return "port unreachable (nothing listening)";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private Reply ask(InetSocketAddress server, byte[] question, String asked, int type) throws IOException {
    int id = IDS.next();
    byte[] query = withId(question, id);
    Reply reply = udp(server, query, id, asked, type);
    return reply.truncated() ? tcp(server, query, id, asked, type) : reply;
  }

  private Reply udp(InetSocketAddress server, byte[] query, int id, String asked, int type) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      channel.connect(server); // only the server's datagrams reach this port
      channel.write(ByteBuffer.wrap(query));
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(65_535); // a server that ignores the 512-byte limit is still read whole
      while (true) {
        await(selector, deadline, "");
        in.clear();
        if (channel.read(in) <= 0) {
          continue;
        }
        Reply reply = Reply.parse(in.array(), in.position(), id, asked, type);
        if (reply != null) {
          return reply;
        }
        // not the answer to this question (a stray or forged datagram): keep waiting
      }
    }
  }

  /**
   * The question again over TCP: connect, send and read against one deadline, on a selector, so a server that
   * trickles its answer cannot hold the lookup past its timeout and an interrupt ends the wait.
   */
  private Reply tcp(InetSocketAddress server, byte[] query, int id, String asked, int type) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
      if (!channel.connect(server)) {
        while (!channel.finishConnect()) {
          await(selector, deadline, " over TCP");
        }
      }
      ByteBuffer out = ByteBuffer.allocate(2 + query.length).putShort((short) query.length).put(query).flip();
      key.interestOps(SelectionKey.OP_WRITE);
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) {
          await(selector, deadline, " over TCP");
        }
      }
      key.interestOps(SelectionKey.OP_READ);
      ByteBuffer length = ByteBuffer.allocate(2);
      readFully(channel, selector, length, deadline);
      ByteBuffer wire = ByteBuffer.allocate(length.flip().getShort() & 0xffff);
      readFully(channel, selector, wire, deadline);
      Reply reply = Reply.parse(wire.array(), wire.limit(), id, asked, type);
      if (reply == null) {
        throw new IOException("answered another question over TCP");
      }
      if (reply.truncated()) {
        throw new IOException("answered truncated over TCP");
      }
      return reply;
    }
  }

  private void readFully(SocketChannel channel, Selector selector, ByteBuffer into, long deadline)
      throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into);
      if (n < 0) {
        throw new IOException("closed the TCP connection before the whole answer");
      }
      if (n == 0) {
        await(selector, deadline, " over TCP");
      }
    }
  }

  /** Waits on the selector until it is ready, the deadline passes (a timeout) or the thread is interrupted. */
  private void await(Selector selector, long deadline, String transport) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("timed out after " + timeout.toMillis() + " ms" + transport);
    }
    selector.select(Math.max(1, left / 1_000_000));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted");
    }
  }

  /** The query without its ID (bytes 0-1, set per attempt): RD set, one question of this type in class IN. */
  private static byte[] question(String name, int type) {
    ByteBuffer b = ByteBuffer.allocate(12 + name.length() + 2 + 4);
    b.putShort((short) 0).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0);
    for (String label : name.split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) bytes.length).put(bytes);
    }
    b.put((byte) 0).putShort((short) type).putShort((short) CLASS_IN);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] withId(byte[] question, int id) {
    byte[] q = question.clone();
    q[0] = (byte) (id >>> 8);
    q[1] = (byte) id;
    return q;
  }

  /**
   * The name in lower case without its trailing dot, checked: letters, digits, hyphens and underscores in labels
   * of 1 to 63 characters, at most 253 in all; the first label may be {@code *} (a wildcard name, asked as is).
   */
  static String canonical(String name) throws UnknownHostException {
    String n = name == null ? "" : name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    String problem = n.isEmpty() ? "it is empty" : n.length() > 253 ? "it is longer than 253 characters" : null;
    if (problem == null) {
      String[] labels = n.split("\\.", -1);
      for (int l = 0; l < labels.length && problem == null; l++) {
        String label = labels[l];
        if (l == 0 && label.equals("*") && labels.length > 1) {
          continue; // a wildcard name, as EC2 lists an S3 interface endpoint's: asked literally (RFC 4592)
        }
        if (label.isEmpty() || label.length() > 63) {
          problem = "a label is empty or longer than 63 characters";
          break;
        }
        for (int i = 0; i < label.length() && problem == null; i++) {
          char c = label.charAt(i);
          if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
            problem = "'" + c + "' is not a letter, digit, hyphen or underscore";
          }
        }
      }
    }
    if (problem != null) {
      throw new UnknownHostException("'" + name + "' is not a valid DNS name: " + problem);
    }
    return n.toLowerCase(Locale.ROOT);
  }

  static String typeName(int type) {
    return type == TYPE_A ? "A" : type == TYPE_AAAA ? "AAAA" : "TYPE" + type;
  }

  private static String rcodeName(int rcode) {
    return switch (rcode) {
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      default -> "RCODE " + rcode;
    };
  }

  @Override
  public String toString() {
    return "dns" + servers;
  }

  /** One resource record of the answer section that vpce reads: A, AAAA (with address) or CNAME (with target). */
  record Answer(String owner, int type, long ttl, byte[] address, String target) {}

  /**
   * A reply to the question asked.
   *
   * @param negativeTtl for a NODATA reply (NOERROR, whole, no addresses), how long the absence of records may be
   *                    cached (RFC 2308), in seconds; -1 for any other reply, or one without a well-formed SOA
   */
  record Reply(int rcode, boolean truncated, List<Answer> answers, long negativeTtl) {
    /**
     * Parses a reply, or returns null when it is not the reply to this question (another ID, not a response,
     * another question).
     *
     * @throws IOException when it is malformed
     */
    static Reply parse(byte[] wire, int length, int id, String asked, int type) throws IOException {
      if (length < 12) {
        return null; // not even a header: a stray datagram, whoever sent it
      }
      Reader r = new Reader(wire, length);
      int replyId = r.u16();
      int flags = r.u16();
      int qd = r.u16();
      int an = r.u16();
      int ns = r.u16();
      r.u16(); // additional
      if (replyId != id || (flags & 0x8000) == 0 || (flags & 0x7800) != 0) {
        return null;
      }
      int rcode = flags & 0x000f;
      if (qd == 0 && rcode != 0 && rcode != RCODE_NXDOMAIN) {
        // RFC 1035 lets an error reply (FORMERR, SERVFAIL, REFUSED...) leave the question out: it can only send
        // the lookup on to the next server, so it is taken as this server's failure
        return new Reply(rcode, false, List.of(), -1);
      }
      if (qd != 1) {
        return null;
      }
      String qname = r.name();
      int qtype = r.u16();
      int qclass = r.u16();
      if (!qname.equals(asked) || qtype != type || qclass != CLASS_IN) {
        return null;
      }
      boolean truncated = (flags & 0x0200) != 0;
      List<Answer> answers = new ArrayList<>(an);
      boolean addresses = false;
      for (int i = 0; i < an && !truncated; i++) {
        String owner = r.name();
        int rtype = r.u16();
        int rclass = r.u16();
        long ttl = r.u32();
        int rdlength = r.u16();
        int end = r.position() + rdlength;
        if (end > length) {
          throw new IOException("a record runs past the end of the reply");
        }
        ttl = DnsAnswer.wireTtl(ttl);
        if (rclass == CLASS_IN && (rtype == TYPE_A && rdlength == 4 || rtype == TYPE_AAAA && rdlength == 16)) {
          answers.add(new Answer(owner, rtype, ttl, r.bytes(rdlength), null));
          addresses = true;
        } else if (rclass == CLASS_IN && rtype == TYPE_CNAME) {
          answers.add(new Answer(owner, rtype, ttl, null, r.name()));
          if (r.position() > end) {
            throw new IOException("a CNAME's target runs past its record");
          }
        }
        r.seek(end);
      }
      boolean nodata = rcode == 0 && !truncated && !addresses;
      return new Reply(rcode, truncated, List.copyOf(answers), nodata ? negativeTtl(r, ns) : -1);
    }

    /**
     * The negative TTL of RFC 2308 from the authority section of a NODATA reply: the SOA record's TTL or its
     * MINIMUM field, whichever is smaller, a value with the top bit set counting as 0 (RFC 2181); the smallest
     * when there are several. -1 when there is no well-formed SOA: the section only advises how long to cache,
     * so a broken one is not a reason to fail a lookup; the empty answer is then not cached.
     */
    private static long negativeTtl(Reader r, int ns) {
      long negative = -1;
      try {
        for (int i = 0; i < ns; i++) {
          r.name();
          int rtype = r.u16();
          int rclass = r.u16();
          long ttl = r.u32();
          int rdlength = r.u16();
          int end = r.position() + rdlength;
          if (end > r.length()) {
            return -1;
          }
          if (rtype == TYPE_SOA && rclass == CLASS_IN) {
            r.name(); // MNAME
            r.name(); // RNAME
            if (r.position() + 20 != end) { // then SERIAL, REFRESH, RETRY, EXPIRE and MINIMUM, 4 octets each
              return -1;
            }
            r.seek(end - 4);
            long soa = DnsAnswer.soaNegativeTtl(ttl, r.u32());
            negative = negative < 0 ? soa : Math.min(negative, soa);
          }
          r.seek(end);
        }
      } catch (IOException broken) {
        return -1;
      }
      return negative;
    }
  }

  /** Reads a DNS message: big-endian integers and names with compression pointers. */
  static final class Reader {
    private final byte[] wire;
    private final int length;
    private int pos;

    Reader(byte[] wire, int length) {
      this.wire = wire;
      this.length = length;
    }

    int position() {
      return pos;
    }

    int length() {
      return length;
    }

    void seek(int position) {
      pos = position;
    }

    int u8() throws IOException {
      if (pos >= length) {
        throw new IOException("the reply ends early (" + length + " bytes)");
      }
      return wire[pos++] & 0xff;
    }

    int u16() throws IOException {
      return u8() << 8 | u8();
    }

    long u32() throws IOException {
      return (long) u16() << 16 | u16();
    }

    byte[] bytes(int n) throws IOException {
      if (pos + n > length) {
        throw new IOException("the reply ends early (" + length + " bytes)");
      }
      byte[] b = java.util.Arrays.copyOfRange(wire, pos, pos + n);
      pos += n;
      return b;
    }

    /** A name in lower case without the trailing dot; follows compression pointers, which must point back. */
    String name() throws IOException {
      StringBuilder out = new StringBuilder();
      int octets = 1; // the root label
      int at = pos;
      int resume = -1;
      int limit = at; // a pointer must go before the smallest position read so far: no loops
      while (true) {
        if (at >= length) {
          throw new IOException("a name runs past the end of the reply");
        }
        int len = wire[at] & 0xff;
        if ((len & 0xc0) == 0xc0) {
          if (at + 1 >= length) {
            throw new IOException("a name runs past the end of the reply");
          }
          int target = (len & 0x3f) << 8 | wire[at + 1] & 0xff;
          if (target >= limit) {
            throw new IOException("a compression pointer does not point back");
          }
          if (resume < 0) {
            resume = at + 2;
          }
          at = target;
          limit = target;
          continue;
        }
        if ((len & 0xc0) != 0) {
          throw new IOException("an unknown label type");
        }
        if (len == 0) {
          pos = resume >= 0 ? resume : at + 1;
          return out.toString();
        }
        octets += 1 + len;
        if (at + 1 + len > length || octets > 255) {
          throw new IOException("a name runs past the end of the reply or past 255 octets");
        }
        if (out.length() > 0) {
          out.append('.');
        }
        for (int i = 0; i < len; i++) {
          int c = wire[at + 1 + i] & 0xff;
          if (c >= 'A' && c <= 'Z') {
            out.append((char) (c + ('a' - 'A'))); // RFC 4343: only ASCII letters fold
          } else if (c > 0x20 && c < 0x7f && c != '.' && c != '\\') {
            out.append((char) c);
          } else { // a dot, backslash or unprintable byte inside a label, escaped so names cannot merge
            out.append('\\').append(c / 100).append(c / 10 % 10).append(c % 10);
          }
        }
        at += 1 + len;
      }
    }
  }
}
