package dev.vpce.spring;

/**
 * A {@code vpce.*} property has a value vpce cannot use. Names the property, the value and the fix; the
 * {@link VpceConfigurationFailureAnalyzer} turns it into Boot's start-up failure report.
 */
public class VpceConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final transient Object value;
  private final String fix;

  public VpceConfigurationException(String property, Object value, String problem, String fix) {
    super("vpce property " + property + " = '" + value + "' " + problem + "; " + fix);
    this.property = property;
    this.value = value;
    this.fix = fix;
  }

  /** The property's full name, for example {@code vpce.bindings.orders.service-name}. */
  public String property() {
    return property;
  }

  /** The rejected value (may be null when the property is missing). */
  public Object value() {
    return value;
  }

  /** What to change. */
  public String fix() {
    return fix;
  }
}
