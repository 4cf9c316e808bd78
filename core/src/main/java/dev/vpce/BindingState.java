package dev.vpce;

/** Where a binding is in its lifecycle; see {@link BindingStatus#state()}. */
public enum BindingState {
  /** Placement, discovery or DNS have not produced a route yet; the first {@code resolve} may wait. */
  STARTING,
  /** The binding has a route; control-plane failures keep it, only an ending endpoint state removes it. */
  ROUTED,
  /** The endpoint cannot carry traffic (rejected, deleted, missing): {@code resolve} fails with the reason. */
  FAILED,
  /** {@link PrivateLink#close()} was called. */
  CLOSED
}
