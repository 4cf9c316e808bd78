/**
 * Spring Boot 4 auto-configuration: a {@link dev.vpce.PrivateLink} built from {@code vpce.*} properties
 * ({@link dev.vpce.spring.VpceProperties}), routes for the HTTP clients Boot builds (Apache HttpClient 5,
 * Reactor Netty, the JDK client), a health indicator, a {@code vpce} Actuator endpoint and meters.
 */
package dev.vpce.spring;
