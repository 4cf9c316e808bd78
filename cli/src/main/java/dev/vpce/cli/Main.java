package dev.vpce.cli;

import java.util.Arrays;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** {@code java -jar vpce-cli.jar doctor ...}: see {@link DoctorOptions#USAGE}. */
public final class Main {
  private Main() {}

  /**
   * Runs the command in {@code args} and exits with its code: 0 all OK, 1 a warning, 2 a step failed, 64 bad
   * usage, 70 the doctor itself failed.
   *
   * @param args the command and its options, for example {@code doctor --host H --service S}
   */
  public static void main(String[] args) {
    // vpce's own INFO lines would interleave with the report; --verbose shows them on stderr
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
          Arrays.asList(args).contains("--verbose") ? "debug" : "warn");
    }
    System.exit(Cli.run(args, System.out, System.err, () -> DefaultCredentialsProvider.builder().build()));
  }
}
