package dev.vpce.testkit;

/** A failure the EC2 API emulator can answer with instead of the real result. */
public enum Ec2Fault {
  /** HTTP 503 with error code {@code RequestLimitExceeded}, which the SDK treats as throttling. */
  THROTTLING,
  /** HTTP 403 with error code {@code UnauthorizedOperation}: the caller lacks the IAM permission. */
  UNAUTHORIZED,
  /** HTTP 500 with error code {@code InternalError}. */
  INTERNAL_ERROR,
  /** HTTP 200 with a body that is not XML. */
  MALFORMED_BODY,
  /**
   * {@code DescribeVpcEndpoints} answers HTTP 200 with an empty {@code vpcEndpointSet}, as if no endpoint
   * existed; other actions answer normally (and do not use up a counted fault).
   */
  EMPTY_ANSWER
}
