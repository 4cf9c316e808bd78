package dev.vpce.cli;

/** The command line is wrong; the message names the option, the value and what is expected. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
