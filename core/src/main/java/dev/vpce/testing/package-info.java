/**
 * Wiring a {@code PrivateLink} to the test kit ({@code vpce-testkit}'s {@code LocalPrivateLink}) for an
 * application's own tests. Needs {@code vpce-testkit} on the (test) classpath.
 */
package dev.vpce.testing;
