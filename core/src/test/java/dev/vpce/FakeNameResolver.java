package dev.vpce;

import dev.vpce.dns.DnsAnswer;
import dev.vpce.dns.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link NameResolver} whose answers a unit test sets; the DNS wire is covered by the ITs. */
public final class FakeNameResolver implements NameResolver {
  private final Map<String, DnsAnswer> answers = new ConcurrentHashMap<>();
  private final Map<String, IOException> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();

  public FakeNameResolver answer(String name, Duration ttl, String... ips) {
    List<InetAddress> list = java.util.Arrays.stream(ips).map(FakeNameResolver::ip).toList();
    answers.put(name, new DnsAnswer(list, ttl));
    failures.remove(name);
    return this;
  }

  public FakeNameResolver fail(String name, IOException failure) {
    failures.put(name, failure);
    return this;
  }

  public int queries(String name) {
    AtomicInteger n = queries.get(name);
    return n == null ? 0 : n.get();
  }

  @Override
  public DnsAnswer resolve(String name) throws IOException {
    queries.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    IOException f = failures.get(name);
    if (f != null) {
      throw f;
    }
    DnsAnswer a = answers.get(name);
    if (a == null) {
      throw new UnknownHostException(name + ": NXDOMAIN (fake)");
    }
    return a;
  }

  public static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
