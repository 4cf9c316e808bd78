package dev.vpce.jdbc;

import dev.vpce.PrivateLink;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The socket every vpce socket factory hands to its driver. {@code connect(host:port, timeout)} to a bound
 * host tries the binding's route in order within the driver's timeout: each address but the last gets at
 * most half of what remains (and at most the engine's adaptive deadline), so the regional addresses always
 * keep their share. A connection that the server resets or closes before it has sent its first byte counts
 * as a failed connect too: the next address is tried and what the driver had written is sent again, so a
 * zone that accepts and then resets costs no {@code getConnection} call. Every TCP outcome is reported;
 * success once the server has spoken, so TLS and authentication failures never count against an address.
 *
 * <p>For a host no {@code PrivateLink} binds it behaves as a plain socket. Options set on it are kept and
 * applied to every socket it opens. One driver thread at a time, as drivers use sockets.
 */
final class ZonalSocket extends Socket {
  /** What each address but the last may take when the driver sets no connect timeout. */
  static final Duration NO_TIMEOUT_SHARE = Duration.ofSeconds(2);
  private static final int MAX_REPLAY = 64 * 1024;

  private interface Setting {
    void apply(Socket s) throws IOException;
  }

  private final Function<String, PrivateLink> links;
  private Socket template; // holds options set before connect; made only when one is
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final InputStream in = new RoutedInput();
  private final OutputStream out = new RoutedOutput();
  private SocketAddress localBind;
  private volatile Socket delegate;
  private volatile boolean closed;
  // the delegate's streams, taken when it connects; once the server has spoken, reads and writes go straight
  // to them (one volatile read of spoke per call), since failover is over
  private InputStream delegateIn;
  private OutputStream delegateOut;

  // the route of a bound host; guarded by this
  private PrivateLink link;
  private String host;
  private List<InetSocketAddress> route;
  private int next;
  private long deadline; // System.nanoTime() deadline, or 0 for none
  private int timeoutMillis;
  private List<ZonalConnectException.Attempt> attempts;
  private InetSocketAddress current;
  private long connectNanos;
  private volatile boolean spoke;
  private ByteArrayOutputStream sent;

  /** @param links the {@code PrivateLink} for a host, or null when none binds it */
  ZonalSocket(Function<String, PrivateLink> links) {
    this.links = links;
  }

  // ------------------------------------------------------------------ connecting

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    if (delegate != null) {
      throw new SocketException("already connected");
    }
    if (!(endpoint instanceof InetSocketAddress isa)) {
      throw new IllegalArgumentException("Unsupported address type: " + endpoint);
    }
    if (timeout < 0) {
      throw new IllegalArgumentException("connect: timeout can't be negative");
    }
    String name = isa.getHostString();
    PrivateLink l = links.apply(name);
    if (l == null) {
      Socket s = open();
      try {
        s.connect(isa, timeout);
      } catch (IOException e) {
        closeQuietly(s);
        throw e;
      }
      spoke = true;
      delegate = s;
      closeTemplate(); // an unconnected socket that only held options
      return;
    }
    synchronized (this) {
      link = l;
      host = name;
      route = EngineShim.resolve(l, name, isa.getPort());
      next = 0;
      attempts = new ArrayList<>(route.size());
      timeoutMillis = timeout;
      deadline = timeout > 0 ? System.nanoTime() + Duration.ofMillis(timeout).toNanos() : 0;
      sent = new ByteArrayOutputStream(); // what the driver writes before the server speaks, to send again
      connectNext(null);
    }
    closeTemplate();
  }

  /** Connects to the next address of the route that takes the connection. Caller holds the lock. */
  private void connectNext(IOException earlier) throws IOException {
    IOException last = earlier;
    while (next < route.size()) {
      InetSocketAddress target = route.get(next++);
      boolean lastAddress = next == route.size();
      long remaining = deadline == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
      if (deadline != 0 && remaining <= 0) {
        break;
      }
      int t = attemptTimeout(target, lastAddress, remaining);
      Socket s = open();
      long start = System.nanoTime();
      try {
        s.connect(target, t);
      } catch (IOException e) {
        closeQuietly(s);
        String after = !(e instanceof SocketTimeoutException) || t == 0 ? ""
            : lastAddress ? " (after the remaining " + t + " ms)" : " (after its share of " + t + " ms)";
        failed(target, e + after, e);
        last = e;
        continue;
      }
      connectNanos = System.nanoTime() - start;
      current = target;
      spoke = false;
      try {
        delegateIn = s.getInputStream();
        delegateOut = s.getOutputStream();
      } catch (IOException e) { // the socket connected a moment ago: it is not closed or shut down
        closeQuietly(s);
        failed(target, e.toString(), e);
        last = e;
        continue;
      }
      delegate = s;
      return;
    }
    String budget = timeoutMillis > 0 ? "within the connect timeout of " + timeoutMillis + " ms"
        : "(no connect timeout set; each address but the last got " + NO_TIMEOUT_SHARE.toMillis() + " ms)";
    throw new ZonalConnectException(host, attempts, budget, last);
  }

  private int attemptTimeout(InetSocketAddress target, boolean lastAddress, long remaining) {
    if (lastAddress) {
      return (int) remaining; // 0 (no limit) when the driver set none
    }
    if (deadline == 0) {
      return (int) Math.max(1, EngineShim.connectTimeout(link, target, NO_TIMEOUT_SHARE).toMillis());
    }
    long adaptive = EngineShim.connectTimeout(link, target, Duration.ofMillis(remaining)).toMillis();
    return (int) Math.max(1, Math.min(adaptive, remaining / 2));
  }

  private void failed(InetSocketAddress target, String error, IOException cause) {
    attempts.add(new ZonalConnectException.Attempt(target, EngineShim.zoneOf(link, host, target.getAddress()),
        error));
    EngineShim.connectFailed(link, target, cause);
  }

  /**
   * The server reset or closed the connection before it said anything: count it against the address, and
   * carry on with the next address, sending again what the driver had written.
   */
  private synchronized void failover(IOException cause) throws IOException {
    if (spoke || link == null || closed || sent == null) {
      throw cause;
    }
    IOException reason = cause;
    while (true) {
      failed(current, reason.toString() + " (before the server said anything)", reason);
      Socket dead = delegate;
      delegate = null;
      closeQuietly(dead);
      connectNext(reason);
      byte[] replay = sent.toByteArray();
      if (replay.length == 0) {
        return;
      }
      try {
        delegate.getOutputStream().write(replay);
        delegate.getOutputStream().flush();
        return;
      } catch (IOException e) {
        reason = e;
      }
    }
  }

  private synchronized void spokeFirst() {
    if (!spoke) {
      spoke = true;
      sent = null;
      EngineShim.connectSucceeded(link, current, Duration.ofNanos(connectNanos));
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket();
    try {
      for (Setting setting : settings.values()) {
        setting.apply(s);
      }
      if (localBind != null) {
        s.bind(localBind);
      }
    } catch (IOException e) {
      closeQuietly(s);
      throw e;
    }
    return s;
  }

  private static boolean failsOver(IOException e) {
    return !(e instanceof SocketTimeoutException);
  }

  private final class RoutedInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (spoke) {
        return delegateIn.read(b, off, len);
      }
      while (true) {
        Socket s = connected();
        int n;
        try {
          n = s.getInputStream().read(b, off, len);
        } catch (IOException e) {
          if (spoke || !failsOver(e)) {
            throw e;
          }
          failover(e);
          continue;
        }
        if (!spoke) {
          if (n < 0) {
            failover(new EOFException("the server closed the connection"));
            continue;
          }
          if (n > 0) {
            spokeFirst();
          }
        }
        return n;
      }
    }

    @Override
    public int available() throws IOException {
      if (spoke) {
        return delegateIn.available();
      }
      return connected().getInputStream().available();
    }

    @Override
    public void close() throws IOException {
      ZonalSocket.this.close();
    }
  }

  private final class RoutedOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (spoke) {
        delegateOut.write(b, off, len);
        return;
      }
      synchronized (ZonalSocket.this) {
        if (!spoke && sent != null) {
          if (sent.size() + len > MAX_REPLAY) {
            sent = null; // too much to send again: no failover for this connection
          } else {
            sent.write(b, off, len);
          }
        }
      }
      try {
        connected().getOutputStream().write(b, off, len);
      } catch (IOException e) {
        if (spoke || !failsOver(e)) {
          throw e;
        }
        failover(e); // sends everything written so far, this write included
      }
    }

    @Override
    public void flush() throws IOException {
      if (spoke) {
        delegateOut.flush();
        return;
      }
      try {
        connected().getOutputStream().flush();
      } catch (IOException e) {
        if (spoke || !failsOver(e)) {
          throw e;
        }
        failover(e);
      }
    }

    @Override
    public void close() throws IOException {
      ZonalSocket.this.close();
    }
  }

  private Socket connected() throws SocketException {
    Socket s = delegate;
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    if (s == null) {
      throw new SocketException("Socket is not connected");
    }
    return s;
  }

  // ------------------------------------------------------------------ the Socket API, delegated

  private Socket target() {
    Socket s = delegate;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      if (template == null) {
        template = new Socket();
      }
      return template;
    }
  }

  private synchronized void closeTemplate() {
    if (template != null) {
      closeQuietly(template);
    }
  }

  private void set(String key, Setting setting) throws IOException {
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    setting.apply(target());
    if (!spoke || delegate == null) {
      synchronized (this) {
        settings.put(key, setting);
      }
    }
  }

  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    if (closed) {
      throw new SocketException("Socket is closed");
    }
    localBind = bindpoint;
  }

  @Override
  public InetAddress getInetAddress() {
    return target().getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return target().getLocalAddress();
  }

  @Override
  public int getPort() {
    return target().getPort();
  }

  @Override
  public int getLocalPort() {
    return target().getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return target().getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return target().getLocalSocketAddress();
  }

  @Override
  public SocketChannel getChannel() {
    return null;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    Socket s = connected();
    return link == null ? s.getInputStream() : in;
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    Socket s = connected();
    return link == null ? s.getOutputStream() : out;
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    setUnchecked("tcpNoDelay", s -> s.setTcpNoDelay(on));
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return target().getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    setUnchecked("soLinger", s -> s.setSoLinger(on, linger));
  }

  @Override
  public int getSoLinger() throws SocketException {
    return target().getSoLinger();
  }

  @Override
  public void sendUrgentData(int data) throws IOException {
    connected().sendUrgentData(data);
  }

  @Override
  public void setOOBInline(boolean on) throws SocketException {
    setUnchecked("oobInline", s -> s.setOOBInline(on));
  }

  @Override
  public boolean getOOBInline() throws SocketException {
    return target().getOOBInline();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    setUnchecked("soTimeout", s -> s.setSoTimeout(timeout));
  }

  @Override
  public int getSoTimeout() throws SocketException {
    return target().getSoTimeout();
  }

  @Override
  public void setSendBufferSize(int size) throws SocketException {
    setUnchecked("sendBufferSize", s -> s.setSendBufferSize(size));
  }

  @Override
  public int getSendBufferSize() throws SocketException {
    return target().getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws SocketException {
    setUnchecked("receiveBufferSize", s -> s.setReceiveBufferSize(size));
  }

  @Override
  public int getReceiveBufferSize() throws SocketException {
    return target().getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    setUnchecked("keepAlive", s -> s.setKeepAlive(on));
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return target().getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws SocketException {
    setUnchecked("trafficClass", s -> s.setTrafficClass(tc));
  }

  @Override
  public int getTrafficClass() throws SocketException {
    return target().getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws SocketException {
    setUnchecked("reuseAddress", s -> s.setReuseAddress(on));
  }

  @Override
  public boolean getReuseAddress() throws SocketException {
    return target().getReuseAddress();
  }

  @Override
  public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
    set("option:" + name.name(), s -> s.setOption(name, value));
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return target().getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return target().supportedOptions();
  }

  @Override
  public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
    target().setPerformancePreferences(connectionTime, latency, bandwidth);
  }

  private void setUnchecked(String key, Setting setting) throws SocketException {
    try {
      set(key, setting);
    } catch (SocketException e) {
      throw e;
    } catch (IOException e) {
      SocketException se = new SocketException(e.getMessage());
      se.initCause(e);
      throw se;
    }
  }

  @Override
  public void shutdownInput() throws IOException {
    connected().shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    connected().shutdownOutput();
  }

  @Override
  public boolean isConnected() {
    Socket s = delegate;
    return s != null && s.isConnected();
  }

  @Override
  public boolean isBound() {
    Socket s = delegate;
    return s != null ? s.isBound() : localBind != null;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isInputShutdown() {
    return target().isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return target().isOutputShutdown();
  }

  @Override
  public void close() throws IOException {
    Socket s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = delegate;
      if (s != null && link != null && !spoke && sent != null) {
        // a client-first exchange that ended without an answer (a cancel request): the connect worked
        spokeFirst();
      }
    }
    closeTemplate();
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    Socket s = delegate;
    return "vpce " + (host != null ? "[" + host + "] " : "") + (s != null ? s.toString() : "unconnected socket");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
