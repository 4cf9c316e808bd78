package dev.vpce.jdbc;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * No address of a binding's route took a connection within the driver's connect timeout. The message names
 * the binding and every address tried, with its zone and its error; the cause is the last error. The
 * {@code jdbc:vpce:} driver turns it into an {@code SQLException} with SQLState {@code 08001}; through a
 * socket factory alone it reaches the application as the cause of the driver's own exception.
 */
public final class ZonalConnectException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /**
   * One address tried.
   *
   * @param address the socket address
   * @param zone    where the address sits, for example {@code local zone us-east-1a} or {@code regional}
   * @param error   what went wrong, for example {@code java.net.ConnectException: Connection refused}
   */
  public record Attempt(InetSocketAddress address, String zone, String error) {
    @Override
    public String toString() {
      return address.getAddress().getHostAddress() + ":" + address.getPort() + " (" + zone + "): " + error;
    }
  }

  /** The binding's hostname. */
  private final String host;
  private final transient List<Attempt> attempts;

  ZonalConnectException(String host, List<Attempt> attempts, String budget, Throwable last) {
    super("vpce [" + host + "] no address of the route took the connection " + budget + "; tried "
        + attempts.size() + ": " + String.join("; ", attempts.stream().map(Attempt::toString).toList()));
    this.host = host;
    this.attempts = List.copyOf(attempts);
    initCause(last);
  }

  /**
   * The binding's hostname.
   *
   * @return the hostname the driver connected to
   */
  public String host() {
    return host;
  }

  /**
   * Every address tried, in order.
   *
   * @return an immutable list of the attempts, first tried first; null after deserialization (not serialized)
   */
  public List<Attempt> attempts() {
    return attempts;
  }
}
