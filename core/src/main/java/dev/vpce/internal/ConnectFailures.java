package dev.vpce.internal;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which connect failures say something about the address. TCP connect and TLS handshake failures do;
 * certificate and hostname-verification failures (the same on every address) and cancelled attempts
 * (a race lost to another address, a closed socket) do not.
 */
public final class ConnectFailures {
  private ConnectFailures() {}

  public static boolean countsAgainstAddress(Throwable failure) {
    if (failure == null || failure instanceof SSLPeerUnverifiedException || hasCertificateCause(failure)) {
      return false;
    }
    if (failure instanceof SocketTimeoutException) {
      return true; // connect or handshake timed out
    }
    if (failure instanceof InterruptedIOException) {
      return false; // cancelled, not failed
    }
    if (failure instanceof SocketException se && "Socket closed".equalsIgnoreCase(se.getMessage())) {
      return false; // closed by the client itself, typically the loser of a connect race
    }
    if (failure.getClass() == java.io.IOException.class && failure.getMessage() != null
        && (failure.getMessage().contains("Connection reset") || failure.getMessage().contains("Broken pipe"))) {
      return true; // NIO (HttpClient's async reactor) reports a reset during the handshake as a bare IOException
    }
    return failure instanceof ConnectException
        || failure instanceof NoRouteToHostException
        || failure instanceof PortUnreachableException
        || failure instanceof SocketException
        || failure instanceof EOFException
        || failure instanceof SSLException;
  }

  private static boolean hasCertificateCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("No subject alternative") || m.contains("No name matching")
          || m.contains("not verified") || m.contains("PKIX path"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
