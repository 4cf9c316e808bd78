package dev.vpce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A logical hostname tied to a PrivateLink endpoint. TLS SNI, certificate checks and the HTTP
 * {@code Host} header keep using the hostname; only the TCP destination follows the route.
 *
 * <p>A binding names either a <b>service</b>, whose endpoint is discovered through the EC2 API, or a
 * <b>static</b> endpoint: its regional DNS name and, optionally, zonal DNS names by AZ name or AZ ID.
 * A static binding makes no AWS call at all; without explicit zonal names, the local zone's name is
 * derived by the documented rule ({@code <endpoint-id>-<suffix>-<az-name>.…}). Immutable.
 */
public final class Binding {
  private final String host;
  private final String serviceName;
  private final String regionalDnsName;
  private final Map<String, String> zonalDnsNames;
  private final boolean bindPrivateDnsName;
  private final IpAddressType dnsRecordIpType;

  private Binding(Builder b) {
    this.host = b.host;
    this.serviceName = b.serviceName;
    this.regionalDnsName = b.regionalDnsName;
    this.zonalDnsNames = Map.copyOf(b.zonalDnsNames);
    this.bindPrivateDnsName = b.bindPrivateDnsName;
    this.dnsRecordIpType = b.dnsRecordIpType == null ? IpAddressType.IPV4 : b.dnsRecordIpType;
  }

  /**
   * Starts a binding for a hostname.
   *
   * @param host the hostname clients connect to, for example {@code orders.internal.example.com}; checked when the
   *     {@link PrivateLink} is built
   * @return a builder that needs a service name or a regional DNS name
   */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /**
   * The logical hostname.
   *
   * @return the hostname as given to {@link #builder(String)}
   */
  public String host() {
    return host;
  }

  /**
   * The service name, or null for a static binding.
   *
   * @return the service name, for example {@code com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0}, or null
   */
  public String serviceName() {
    return serviceName;
  }

  /**
   * The regional DNS name of a static binding, or null.
   *
   * @return the endpoint's regional DNS name, or null for a discovered binding
   */
  public String regionalDnsName() {
    return regionalDnsName;
  }

  /**
   * Zonal DNS names of a static binding by AZ name or AZ ID; may be empty.
   *
   * @return an immutable map from zone (AZ name or AZ ID) to DNS name; empty for discovered bindings
   */
  public Map<String, String> zonalDnsNames() {
    return zonalDnsNames;
  }

  /**
   * Whether the discovered endpoint's private DNS name is bound too (true unless turned off).
   *
   * @return false only when {@link Builder#bindPrivateDnsName(boolean)} turned it off
   */
  public boolean bindPrivateDnsName() {
    return bindPrivateDnsName;
  }

  /**
   * The record types a static binding's names are asked for; {@link IpAddressType#IPV4} unless set.
   *
   * @return the record types; never null
   */
  public IpAddressType dnsRecordIpType() {
    return dnsRecordIpType;
  }

  /**
   * Whether this binding makes no AWS call.
   *
   * @return true for a static binding (regional DNS name given), false for a discovered one (service name given)
   */
  public boolean isStatic() {
    return serviceName == null;
  }

  @Override
  public String toString() {
    return host + " -> " + (isStatic() ? regionalDnsName : serviceName);
  }

  /** Builds a {@link Binding}; checked when the {@link PrivateLink} is built. */
  public static final class Builder {
    private final String host;
    private String serviceName;
    private String regionalDnsName;
    private final Map<String, String> zonalDnsNames = new LinkedHashMap<>();
    private boolean bindPrivateDnsName = true;
    private IpAddressType dnsRecordIpType;

    private Builder(String host) {
      this.host = host;
    }

    /**
     * Discover the endpoint of this service ({@code com.amazonaws.vpce.<region>.vpce-svc-…}).
     *
     * @param name the endpoint service name
     * @return this builder
     */
    public Builder serviceName(String name) {
      this.serviceName = name;
      return this;
    }

    /**
     * A static endpoint: its regional DNS name ({@code vpce-…vpce.amazonaws.com}).
     *
     * @param name the endpoint's regional DNS name
     * @return this builder
     */
    public Builder regionalDnsName(String name) {
      this.regionalDnsName = name;
      return this;
    }

    /**
     * A static endpoint's zonal DNS name for a zone, by AZ name ({@code us-east-1a}) or AZ ID ({@code use1-az6}).
     *
     * @param zone an AZ name or AZ ID; a zone given twice keeps the last name
     * @param name the endpoint's DNS name in that zone
     * @return this builder
     */
    public Builder zonalDnsName(String zone, String name) {
      zonalDnsNames.put(zone, name);
      return this;
    }

    /**
     * Whether to bind the discovered endpoint's private DNS name as well; true by default.
     *
     * @param bind false to route only {@link Binding#host()}, true to route the private DNS name too
     * @return this builder
     */
    public Builder bindPrivateDnsName(boolean bind) {
      this.bindPrivateDnsName = bind;
      return this;
    }

    /**
     * The record types a static endpoint's names carry, as its {@code dnsOptions.dnsRecordIpType} says: A
     * records ({@link IpAddressType#IPV4}, the default), AAAA records, or both. A discovered binding reads
     * it from the endpoint.
     *
     * @param types the record types, not null
     * @return this builder
     * @throws IllegalArgumentException when types is null
     */
    public Builder dnsRecordIpType(IpAddressType types) {
      if (types == null) {
        throw new IllegalArgumentException("binding[" + host + "].dnsRecordIpType must not be null");
      }
      this.dnsRecordIpType = types;
      return this;
    }

    /**
     * Builds the binding.
     *
     * @return an immutable binding; the rest is checked by {@link PrivateLink.Builder#build()}
     * @throws IllegalArgumentException when {@code dnsRecordIpType} is set on a discovered binding
     */
    public Binding build() {
      if (serviceName != null && dnsRecordIpType != null) {
        throw new IllegalArgumentException("binding[" + host + "].dnsRecordIpType is for static bindings; a "
            + "discovered binding reads it from the endpoint's dnsOptions, but was " + dnsRecordIpType);
      }
      return new Binding(this);
    }
  }
}
