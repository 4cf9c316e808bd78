package dev.vpce.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The {@code vpce} command line: {@code doctor} and {@code --help}. Runs in-process for tests; {@link Main} adds
 * the SDK's default credentials chain and the process exit.
 */
public final class Cli {
  private Cli() {}

  /**
   * Runs one command and returns its exit code: 0 every step OK, 1 a warning, 2 a failed step, 64 bad usage,
   * 70 the doctor itself failed.
   *
   * @param args        the command and its options, for example {@code doctor --host H --service S --json}
   * @param out         where the report (text or JSON) and {@code --help} go
   * @param err         where usage errors and an internal failure's stack trace go
   * @param credentials the credentials EC2 calls are signed with (the SDK's default chain in {@link Main}); asked
   *                    once per run
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err,
      Supplier<AwsCredentialsProvider> credentials) {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty() || list.contains("--help") || list.contains("-h")) {
      (list.isEmpty() ? err : out).println(DoctorOptions.USAGE);
      return list.isEmpty() ? Report.EXIT_USAGE : Report.EXIT_OK;
    }
    if (!list.get(0).equals("doctor")) {
      err.println("unknown command '" + list.get(0) + "'; the command is doctor");
      err.println(DoctorOptions.USAGE);
      return Report.EXIT_USAGE;
    }
    DoctorOptions options;
    try {
      options = DoctorOptions.parse(list.subList(1, list.size()));
    } catch (UsageException e) {
      err.println("vpce doctor: " + e.getMessage());
      err.println(DoctorOptions.USAGE);
      return Report.EXIT_USAGE;
    }
    Report report;
    try {
      report = new Doctor(options, credentials.get()).run();
    } catch (RuntimeException e) {
      err.println("vpce doctor failed unexpectedly: " + e);
      e.printStackTrace(err);
      return Report.EXIT_INTERNAL;
    }
    if (options.json()) {
      report.printJson(out);
    } else {
      report.printText(out);
    }
    out.flush();
    return report.exitCode();
  }
}
