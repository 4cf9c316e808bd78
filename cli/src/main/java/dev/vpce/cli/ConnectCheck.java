package dev.vpce.cli;

import dev.vpce.PrivateLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TCP connect to every endpoint address, timed, and with {@code --tls} a TLS handshake over it with SNI and
 * hostname verification on the host (never weakened: the JDK's trust store, plus {@code --ca-file} if given).
 */
final class ConnectCheck {
  private ConnectCheck() {}

  /** One address's outcome; {@code failure} is null when it worked. */
  record Outcome(DnsCheck.Target target, InetSocketAddress socket, IOException failure) {}

  /**
   * Connects to every target and tells {@code privateLink} (null when none runs) each outcome, as a reporting
   * client would: its breakers then show what a client would meet (with a threshold of one failure).
   */
  static List<Outcome> run(DoctorOptions o, List<DnsCheck.Target> targets, SSLContext tls, PrivateLink privateLink,
      Step step) {
    List<Outcome> outcomes = new ArrayList<>();
    if (targets.isEmpty()) {
      step.result(Verdict.FAIL, "no address to connect to (see dns)");
      step.fact("addresses", List.of());
      return outcomes;
    }
    List<Object> facts = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (DnsCheck.Target t : targets) {
      InetSocketAddress at = new InetSocketAddress(t.address(), o.port());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("address", t.address().getHostAddress());
      f.put("port", o.port());
      f.put("zone", t.zone());
      String where = t.address().getHostAddress() + ":" + o.port() + " (" + t.zone() + ")";
      long start = System.nanoTime();
      try (Socket s = new Socket()) {
        s.connect(at, (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis()));
        long connectNanos = System.nanoTime() - start;
        double connectMs = connectNanos / 1e6;
        f.put("connectMillis", round(connectMs));
        String line = where + ": connected in " + round(connectMs) + " ms";
        if (tls != null) {
          s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis() * 5));
          long hs = System.nanoTime();
          try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, o.host(), o.port(), false)) {
            SSLParameters p = ssl.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(o.host())));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(p);
            ssl.startHandshake();
            double handshakeMs = (System.nanoTime() - hs) / 1e6;
            Map<String, Object> t2 = new LinkedHashMap<>();
            t2.put("protocol", ssl.getSession().getProtocol());
            t2.put("cipherSuite", ssl.getSession().getCipherSuite());
            t2.put("peer", ssl.getSession().getPeerPrincipal().getName());
            t2.put("handshakeMillis", round(handshakeMs));
            f.put("tls", t2);
            line += ", TLS " + ssl.getSession().getProtocol() + " with " + ssl.getSession().getPeerPrincipal().getName()
                + " in " + round(handshakeMs) + " ms";
          }
        }
        f.put("ok", true);
        if (privateLink != null) {
          privateLink.connectSucceeded(at, Duration.ofNanos(connectNanos));
        }
        step.detail(line);
        outcomes.add(new Outcome(t, at, null));
      } catch (IOException e) {
        String why = describe(e, o);
        f.put("ok", false);
        f.put("error", why);
        if (privateLink != null) {
          boolean counted = privateLink.connectFailed(at, e);
          f.put("countedByVpce", counted);
          why += counted ? " [counted by vpce]" : " [not counted by vpce: not the address's fault]";
        }
        step.detail(where + ": " + why);
        failed.add(t.address().getHostAddress() + " (" + t.zone() + ")");
        outcomes.add(new Outcome(t, at, e));
      }
      facts.add(f);
    }
    step.fact("addresses", facts);
    step.fact("tls", tls != null);
    long ok = outcomes.stream().filter(x -> x.failure() == null).count();
    if (ok == 0) {
      step.result(Verdict.FAIL, "no address answered on port " + o.port() + ": " + failed);
    } else if (!failed.isEmpty()) {
      step.result(Verdict.WARN, ok + " of " + outcomes.size() + " addresses answered; failing: " + failed
          + " (vpce moves past them)");
    } else {
      step.result(Verdict.OK, "all " + ok + " addresses answered on port " + o.port() + (tls != null
          ? " with a verified TLS handshake for " + o.host() : ""));
    }
    return outcomes;
  }

  private static String describe(IOException e, DoctorOptions o) {
    if (e instanceof SocketTimeoutException) {
      return "timed out after " + o.connectTimeout().toMillis() + " ms (blackholed: a security group, NACL or the "
          + "zone dropping packets)";
    }
    if (e instanceof java.net.ConnectException) {
      return "refused (" + e.getMessage() + ")";
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS handshake failed: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
