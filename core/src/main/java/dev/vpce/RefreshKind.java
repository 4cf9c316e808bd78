package dev.vpce;

/** Which background refresh of a binding failed; see {@link BindingStatus#refreshFailures()}. */
public enum RefreshKind {
  /** Endpoint discovery while the binding had no route yet. */
  START_UP,
  /** Endpoint discovery (metadata refresh) while the binding had a route. */
  ENDPOINT,
  /** A DNS refresh of one of the binding's names (a name two bindings share counts for both). */
  DNS
}
