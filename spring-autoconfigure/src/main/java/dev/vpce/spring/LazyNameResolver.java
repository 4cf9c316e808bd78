package dev.vpce.spring;

import dev.vpce.IpAddressType;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A {@link NameResolver} built on its first lookup. Creating vpce's dnsjava resolver initialises dnsjava
 * (a few hundred classes); the {@code PrivateLink} does its first lookups on its own background thread, so
 * deferring the creation to then takes that cost off the context's start-up thread.
 */
final class LazyNameResolver implements NameResolver {
  private final Supplier<NameResolver> factory;
  private volatile NameResolver delegate;

  LazyNameResolver(Supplier<NameResolver> factory) {
    this.factory = factory;
  }

  private NameResolver delegate() {
    NameResolver d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = factory.get();
          delegate = d;
        }
      }
    }
    return d;
  }

  /** Whether the real resolver was built yet. */
  boolean built() {
    return delegate != null;
  }

  @Override
  public DnsAnswer resolve(String name) throws IOException {
    return delegate().resolve(name);
  }

  @Override
  public DnsAnswer resolve(String name, IpAddressType types) throws IOException {
    return delegate().resolve(name, types);
  }

  @Override
  public String toString() {
    NameResolver d = delegate;
    return d == null ? "vpce resolver (not built yet)" : d.toString();
  }
}
