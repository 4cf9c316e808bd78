/**
 * Zonal-first routing to AWS PrivateLink interface endpoints. {@link dev.vpce.PrivateLink} binds logical
 * hostnames to endpoints (discovered through the EC2 API or named statically by {@link dev.vpce.Binding}) and
 * hands out routes: the endpoint's addresses in this process's Availability Zone first, then the regional
 * name's, reordered by per-address breakers fed by the connect outcomes callers report. TLS, SNI and the
 * {@code Host} header stay on the logical hostname.
 */
package dev.vpce;
