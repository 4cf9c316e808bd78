package dev.vpce;

/** Where the first address of a route sits, relative to this process. */
public enum RouteTier {
  /** An address of the endpoint in this process's own zone. */
  LOCAL_ZONE,
  /** An address of the endpoint known to be in another zone. */
  OTHER_ZONE,
  /** An address from the regional name whose zone is not known. */
  REGIONAL
}
