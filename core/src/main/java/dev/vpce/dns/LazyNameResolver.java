package dev.vpce.dns;

import dev.vpce.IpAddressType;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/** {@link NameResolver#lazy}: a resolver made on its first lookup. Thread-safe. */
final class LazyNameResolver implements NameResolver {
  private final String description;
  private final Supplier<? extends NameResolver> factory;
  private volatile NameResolver delegate;

  LazyNameResolver(String description, Supplier<? extends NameResolver> factory) {
    this.description = Objects.requireNonNull(description, "description must not be null");
    this.factory = Objects.requireNonNull(factory, "factory must not be null");
  }

  private NameResolver delegate() throws IOException {
    NameResolver d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          try {
            d = Objects.requireNonNull(factory.get(), "the factory of the " + description + " made null");
          } catch (RuntimeException e) {
            throw new IOException("could not set up the " + description + ": " + e.getMessage(), e);
          }
          delegate = d;
        }
      }
    }
    return d;
  }

  /** Whether the real resolver was made yet. */
  boolean created() {
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
    return d == null ? description + " (not set up yet)" : d.toString();
  }
}
