package dev.vpce.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's command line.
 *
 * @param phase    how long each of the six phases runs
 * @param httpOnly leave out the JDBC clients and the database
 * @param colour   ANSI colours on the console
 * @param html     where the HTML report goes
 */
public record DemoOptions(Duration phase, boolean httpOnly, boolean colour, Path html) {
  public static final Duration MIN_PHASE = Duration.ofMillis(500);
  public static final Duration MAX_PHASE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PHASE = Duration.ofSeconds(10);
  static final String USAGE = """
      usage: java -jar vpce-demo.jar [--phase=10s] [--http-only] [--no-colour] [--html=FILE] [--help]
        --phase=D      length of each of the six phases, 500ms to 60s (default 10s)
        --http-only    HTTP clients only, no database
        --no-colour    plain text (also --no-color, or the NO_COLOR environment variable)
        --html=FILE    where the HTML report goes (default examples/target/vpce-demo-report.html when run
                       from the repository root, else ./vpce-demo-report.html)""";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");

  public DemoOptions {
    if (phase == null || phase.compareTo(MIN_PHASE) < 0 || phase.compareTo(MAX_PHASE) > 0) {
      throw new IllegalArgumentException("--phase has the value '" + phase + "'; expected 500ms to 60s");
    }
    if (html == null) {
      throw new IllegalArgumentException("--html must name a file");
    }
  }

  /** Reads the arguments; bad input fails naming the option, the value and what is expected. */
  public static DemoOptions parse(String... args) {
    Duration phase = DEFAULT_PHASE;
    boolean httpOnly = false;
    boolean colour = System.getenv("NO_COLOR") == null;
    Path html = Files.isDirectory(Path.of("examples", "target"))
        ? Path.of("examples", "target", "vpce-demo-report.html") : Path.of("vpce-demo-report.html");
    for (String arg : args) {
      if (arg.startsWith("--phase=")) {
        phase = duration(arg.substring("--phase=".length()));
      } else if (arg.equals("--http-only")) {
        httpOnly = true;
      } else if (arg.equals("--no-colour") || arg.equals("--no-color")) {
        colour = false;
      } else if (arg.startsWith("--html=") && arg.length() > "--html=".length()) {
        html = Path.of(arg.substring("--html=".length()));
      } else {
        throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
      }
    }
    return new DemoOptions(phase, httpOnly, colour, html);
  }

  private static Duration duration(String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("--phase has the value '" + value
          + "'; expected a duration such as 10s or 1500ms, from 500ms to 60s");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    if (d.compareTo(MIN_PHASE) < 0 || d.compareTo(MAX_PHASE) > 0) {
      throw new IllegalArgumentException("--phase has the value '" + value + "'; expected 500ms to 60s");
    }
    return d;
  }
}
