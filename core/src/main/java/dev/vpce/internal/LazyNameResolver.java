package dev.vpce.internal;

import dev.vpce.IpAddressType;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A {@link NameResolver} made on its first lookup. The default resolver reads the system's DNS set-up
 * ({@code /etc/resolv.conf}, JNDI) and initialises dnsjava (a few hundred classes); the engine's lookups run
 * on its own threads, so deferring the creation to the first one keeps that off the thread that builds the
 * {@code PrivateLink}. A factory that fails is asked again on the next lookup, and its error is that lookup's
 * (an {@link IOException}, so it is retried like any failed lookup).
 */
public final class LazyNameResolver implements NameResolver {
  private final String description;
  private final Supplier<? extends NameResolver> factory;
  private volatile NameResolver delegate;

  /**
   * @param description what the resolver is, for {@link #toString()} until it is made
   * @param factory     makes the resolver; called once, on the first lookup
   */
  public LazyNameResolver(String description, Supplier<? extends NameResolver> factory) {
    this.description = Checks.notNull("description", description);
    this.factory = Checks.notNull("factory", factory);
  }

  private NameResolver delegate() throws IOException {
    NameResolver d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          try {
            d = Checks.notNull("the resolver made by " + description, factory.get());
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
  public boolean created() {
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
