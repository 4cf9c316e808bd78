package dev.vpce.cli;

/** The outcome of one doctor step; the report's verdict is the worst of its steps. */
public enum Verdict {
  /** The step found nothing wrong. */
  OK,
  /** The step did not apply (for example EC2 discovery for a static binding). */
  SKIP,
  /** vpce works, but not as well as it could (regional routes, an unreachable zone). */
  WARN,
  /** vpce cannot route this host as things stand. */
  FAIL;

  Verdict worst(Verdict other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case SKIP -> 0;
      case OK -> 1;
      case WARN -> 2;
      case FAIL -> 3;
    };
  }
}
