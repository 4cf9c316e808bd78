package dev.vpce.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A UDP name server on loopback that answers as its script says (dnsjava's message classes on a socket), for the
 * replies the kit's DNS server does not give: silence, forged or broken datagrams, errors without a question.
 */
public final class ScriptedNameServer implements AutoCloseable {
  /** What the server sends for a query: the packets, given the query and a reply to fill in. */
  public interface Script {
    List<Message> answer(Message query, Message reply) throws IOException;

    /** Raw datagrams to send before the answer. */
    default List<byte[]> before(Message query) {
      return List.of();
    }
  }

  private final DatagramSocket socket;
  private final List<String> questions = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> asked = new CompletableFuture<>();

  /** A server on this loopback port (0: any free one). */
  public ScriptedNameServer(int port, Script script) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Thread t = new Thread(() -> serve(script), "scripted-dns-" + socket.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** A server on loopback that never answers. */
  public static ScriptedNameServer silent() throws IOException {
    return new ScriptedNameServer(0, (query, reply) -> List.of());
  }

  private void serve(Script script) {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message query = new Message(Arrays.copyOf(p.getData(), p.getLength()));
        questions.add(query.getQuestion().getName().toString());
        asked.complete(null);
        for (byte[] raw : script.before(query)) {
          socket.send(new DatagramPacket(raw, raw.length, p.getSocketAddress()));
        }
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RD);
        reply.getHeader().setFlag(Flags.RA);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        for (Message m : script.answer(query, reply)) {
          byte[] wire = m.toWire(512);
          socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
  }

  /** The names asked so far, one entry per query. */
  public List<String> questions() {
    return questions;
  }

  public void awaitQuestion() throws Exception {
    asked.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    socket.close();
  }
}
