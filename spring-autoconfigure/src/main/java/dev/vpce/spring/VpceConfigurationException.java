package dev.vpce.spring;

/**
 * A {@code vpce.*} property has a value vpce cannot use. Names the property, the value and the fix; the
 * {@link VpceConfigurationFailureAnalyzer} turns it into Boot's start-up failure report.
 */
public class VpceConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The property's full name, such as {@code vpce.bindings.orders.service-name}. */
  private final String property;
  private final transient Object value;
  /** What to change, worded as an instruction. */
  private final String fix;

  /**
   * @param property the property's full name, for example {@code vpce.bindings.orders.service-name}
   * @param value    the value it has, or null when it is missing
   * @param problem  what is wrong with it, worded to follow the value ("is not an AZ name")
   * @param fix      what to change, worded as an instruction ("use an AZ name such as us-east-1a")
   */
  public VpceConfigurationException(String property, Object value, String problem, String fix) {
    super("vpce property " + property + " = '" + value + "' " + problem + "; " + fix);
    this.property = property;
    this.value = value;
    this.fix = fix;
  }

  /**
   * The property the message is about.
   *
   * @return the property's full name, for example {@code vpce.bindings.orders.service-name}
   */
  public String property() {
    return property;
  }

  /**
   * The value vpce rejected.
   *
   * @return the value as bound, or null when the property is missing
   */
  public Object value() {
    return value;
  }

  /**
   * What to change, as the failure analysis shows it under "Action".
   *
   * @return an instruction naming an acceptable value, for example "use an AZ name such as us-east-1a"
   */
  public String fix() {
    return fix;
  }
}
