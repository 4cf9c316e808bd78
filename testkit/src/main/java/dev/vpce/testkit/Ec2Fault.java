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
  MALFORMED_BODY
}
