package dev.vpce;

import dev.vpce.discovery.DiscoveryException;
import dev.vpce.discovery.EndpointDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link EndpointDiscovery} whose answers a unit test sets; counts calls as EC2 would see them. */
public final class FakeDiscovery implements EndpointDiscovery {
  private final Map<String, List<Endpoint>> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Exception failure;
  private volatile Error error;
  private volatile boolean emptyAnswer;

  public FakeDiscovery endpoint(Endpoint e) {
    endpoints.computeIfAbsent(e.serviceName(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(e);
    return this;
  }

  /** Replaces the endpoint with this ID. */
  public FakeDiscovery replace(Endpoint e) {
    endpoints.get(e.serviceName()).removeIf(o -> o.id().equals(e.id()));
    return endpoint(e);
  }

  /** Every call fails with this ({@code DiscoveryException} or a {@code RuntimeException}) until cleared. */
  public FakeDiscovery fail(Exception e) {
    this.failure = e;
    return this;
  }

  /** Every call throws this error (say, a class missing at run time) until cleared. */
  public FakeDiscovery error(Error e) {
    this.error = e;
    return this;
  }

  /** Every answer lists no endpoint until cleared. */
  public FakeDiscovery emptyAnswers(boolean empty) {
    this.emptyAnswer = empty;
    return this;
  }

  public FakeDiscovery clear() {
    failure = null;
    error = null;
    emptyAnswer = false;
    return this;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public List<Endpoint> describe(String serviceName, String vpcId) throws DiscoveryException {
    return describe(Set.of(serviceName), vpcId).get(serviceName);
  }

  @Override
  public Map<String, List<Endpoint>> describe(Set<String> serviceNames, String vpcId) throws DiscoveryException {
    calls.incrementAndGet();
    Error err = error;
    if (err != null) {
      throw err;
    }
    Exception f = failure;
    if (f instanceof DiscoveryException d) {
      throw d;
    }
    if (f instanceof RuntimeException r) {
      throw r;
    }
    Map<String, List<Endpoint>> out = new LinkedHashMap<>();
    for (String s : serviceNames) {
      List<Endpoint> l = new ArrayList<>();
      if (!emptyAnswer) {
        for (Endpoint e : endpoints.getOrDefault(s, List.of())) {
          if (vpcId == null || vpcId.equals(e.vpcId())) {
            l.add(e);
          }
        }
      }
      out.put(s, l);
    }
    return out;
  }
}
