package dev.vpce.statusquo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * pgJDBC as it connects today, without vpce: the URL's host resolved by DNS ({@link StatusQuoResolver}, the JVM
 * resolver's behaviour against the kit's DNS server) and one connect to the first address, as
 * {@code new InetSocketAddress(host, port)} does. pgJDBC's own lookup fails first (the JVM resolves through a
 * hosts file that names none of these hosts), so the address reaches this socket unresolved. The URL names the
 * resolver: {@code socketFactory=dev.vpce.statusquo.StatusQuoSocketFactory&socketFactoryArg=NAME} with NAME
 * given to {@link #register}.
 */
public final class StatusQuoSocketFactory extends UnconnectedSocketFactory {
  private static final Map<String, StatusQuoResolver> RESOLVERS = new ConcurrentHashMap<>();

  private final String name;
  private final StatusQuoResolver resolver;

  /**
   * For pgJDBC, which passes the connection's properties.
   *
   * @param info the connection's properties; {@code socketFactoryArg} names the resolver
   */
  public StatusQuoSocketFactory(Properties info) {
    this.name = info.getProperty("socketFactoryArg");
    this.resolver = name == null ? null : RESOLVERS.get(name);
  }

  /**
   * Makes a resolver available to URLs with {@code socketFactoryArg=name}, replacing one registered before.
   *
   * @param name the value of {@code socketFactoryArg}
   * @param resolver the resolver the sockets of those connections use
   */
  public static void register(String name, StatusQuoResolver resolver) {
    RESOLVERS.put(name, resolver);
  }

  /**
   * Forgets the resolver registered as {@code name}, if any; connections made after fail.
   *
   * @param name the value of {@code socketFactoryArg}
   */
  public static void unregister(String name) {
    RESOLVERS.remove(name);
  }

  @Override
  public Socket createSocket() {
    Socket s = new StatusQuoSocket(name, resolver);
    LastSocket.remember(s);
    return s;
  }

  private static final class StatusQuoSocket extends Socket {
    private final String name;
    private final StatusQuoResolver resolver;

    StatusQuoSocket(String name, StatusQuoResolver resolver) {
      this.name = name;
      this.resolver = resolver;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress a && a.isUnresolved()) {
        if (resolver == null) {
          throw new IOException("no status quo resolver registered for socketFactoryArg=" + name
              + "; call StatusQuoSocketFactory.register(name, resolver) first");
        }
        InetAddress first = resolver.resolve(a.getHostString()).get(0);
        super.connect(new InetSocketAddress(first, a.getPort()), timeout);
      } else {
        super.connect(endpoint, timeout);
      }
    }
  }
}
