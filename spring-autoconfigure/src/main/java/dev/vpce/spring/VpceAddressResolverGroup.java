package dev.vpce.spring;

import dev.vpce.PrivateLink;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A Netty resolver group for Reactor Netty: bound hosts get their vpce route (all addresses, best first, which
 * Reactor Netty tries in order); every other address goes to the group the client had before. Never blocks an
 * event loop: once a binding has been resolved it answers from vpce's route table at once; the very first
 * resolution of a binding (which may wait for placement, discovery and DNS) runs on {@code offLoop} and completes
 * the promise from there.
 */
final class VpceAddressResolverGroup extends AddressResolverGroup<SocketAddress> {
  private final PrivateLink privateLink;
  private final AddressResolverGroup<? extends SocketAddress> unbound;
  private final Executor offLoop;
  private final Set<String> warm = ConcurrentHashMap.newKeySet();

  VpceAddressResolverGroup(PrivateLink privateLink, AddressResolverGroup<? extends SocketAddress> unbound,
      Executor offLoop) {
    this.privateLink = privateLink;
    this.unbound = unbound != null ? unbound : DefaultAddressResolverGroup.INSTANCE;
    this.offLoop = offLoop;
  }

  /** Whether a host's first resolution has completed, so that later ones answer on the calling thread. */
  boolean isWarm(String host) {
    return warm.contains(host.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  @SuppressWarnings("unchecked")
  protected AddressResolver<SocketAddress> newResolver(EventExecutor executor) {
    return new Resolver(executor, (AddressResolver<SocketAddress>) unbound.getResolver(executor));
  }

  private final class Resolver implements AddressResolver<SocketAddress> {
    private final EventExecutor executor;
    private final AddressResolver<SocketAddress> unboundResolver;

    Resolver(EventExecutor executor, AddressResolver<SocketAddress> unboundResolver) {
      this.executor = executor;
      this.unboundResolver = unboundResolver;
    }

    private String boundHost(SocketAddress address) {
      if (address instanceof InetSocketAddress a && a.isUnresolved() && privateLink.isBound(a.getHostString())) {
        return a.getHostString();
      }
      return null;
    }

    @Override
    public boolean isSupported(SocketAddress address) {
      return boundHost(address) != null || unboundResolver.isSupported(address);
    }

    @Override
    public boolean isResolved(SocketAddress address) {
      return boundHost(address) == null && unboundResolver.isResolved(address);
    }

    @Override
    public Future<SocketAddress> resolve(SocketAddress address) {
      return resolve(address, executor.newPromise());
    }

    @Override
    public Future<SocketAddress> resolve(SocketAddress address, Promise<SocketAddress> promise) {
      String host = boundHost(address);
      if (host == null) {
        return unboundResolver.resolve(address, promise);
      }
      Promise<List<SocketAddress>> all = executor.newPromise();
      all.addListener(f -> {
        if (f.isSuccess()) {
          promise.trySuccess(all.getNow().get(0));
        } else {
          promise.tryFailure(f.cause());
        }
      });
      resolveAll(address, all);
      return promise;
    }

    @Override
    public Future<List<SocketAddress>> resolveAll(SocketAddress address) {
      return resolveAll(address, executor.newPromise());
    }

    @Override
    public Future<List<SocketAddress>> resolveAll(SocketAddress address, Promise<List<SocketAddress>> promise) {
      String host = boundHost(address);
      if (host == null) {
        return unboundResolver.resolveAll(address, promise);
      }
      int port = ((InetSocketAddress) address).getPort();
      if (isWarm(host)) {
        complete(host, port, promise);
      } else {
        offLoop.execute(() -> complete(host, port, promise));
      }
      return promise;
    }

    @Override
    public void close() {
      // the unbound group owns its resolvers
    }
  }

  /** Connect outcomes are reported ({@link VpceConnectRecorder}), so an address due for a trial may come first. */
  private void complete(String host, int port, Promise<List<SocketAddress>> promise) {
    List<SocketAddress> out = null;
    Throwable failure = null;
    try {
      List<InetAddress> route = privateLink.resolve(host);
      out = new ArrayList<>(route.size());
      for (InetAddress a : route) {
        out.add(new InetSocketAddress(a, port));
      }
    } catch (UnknownHostException | RuntimeException e) {
      failure = e;
    }
    // warm before the promise completes: whoever the promise wakes must find the next lookup non-blocking
    warm.add(host.toLowerCase(java.util.Locale.ROOT));
    if (failure == null) {
      promise.trySuccess(out);
    } else {
      promise.tryFailure(failure);
    }
  }
}
