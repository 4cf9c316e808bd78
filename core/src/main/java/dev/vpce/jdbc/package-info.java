/**
 * JDBC (drivers and HikariCP are optional dependencies): the {@code jdbc:vpce:} driver
 * ({@link dev.vpce.jdbc.VpceDriver}), socket factories for pgJDBC, MySQL Connector/J and MariaDB Connector/J
 * on unchanged URLs, the {@link dev.vpce.jdbc.VpceJdbc} registry of {@link dev.vpce.PrivateLink}s, and
 * {@link dev.vpce.jdbc.PoolFailback}, which brings a HikariCP pool back to the local zone after a recovery.
 */
package dev.vpce.jdbc;
