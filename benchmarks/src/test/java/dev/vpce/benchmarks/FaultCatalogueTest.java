package dev.vpce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, section 4: the fault catalogue in {@code benchmarks/RESULTS.md} names, for every fault and bad
 * input, the tests that prove it. This test fails when a row names a test class or method that does not exist
 * in any module's {@code src/test/java}, when a row names no test, and when a fault vpce is known to handle
 * has no row.
 */
class FaultCatalogueTest {
  /** Every fault and bad input the project handles; each must have a row in the catalogue. */
  static final Set<String> KNOWN_FAULTS = Set.of(
      // bad input
      "IN-SERVICE-NAME", "IN-SERVICE-NAME-FORMS", "IN-REGION", "IN-DURATION", "IN-ZONE", "IN-BINDING", "IN-VPC-ID",
      "IN-RECORD-TYPE", "IN-NULL", "IN-UNBOUND-HOST", "IN-CLOSED", "IN-JDBC-URL", "IN-JDBC-PARAM",
      "IN-JDBC-UNBOUND", "IN-SPRING-PROPS", "IN-PROXY", "IN-PROXY-FULL", "IN-CLI",
      // every endpoint state, at start-up and during refresh
      "ST-PENDING-ACCEPTANCE", "ST-PENDING", "ST-PARTIAL", "ST-REJECTED", "ST-FAILED", "ST-EXPIRED",
      "ST-DELETING", "ST-DELETED", "ST-MISSING", "ST-SEVERAL-VPCS",
      // EC2
      "EC2-THROTTLING", "EC2-PERMISSION", "EC2-CREDENTIALS", "EC2-UNREACHABLE", "EC2-SERVER-ERROR",
      "EC2-MALFORMED-XML", "EC2-EMPTY-ANSWER", "EC2-NO-REGION", "EC2-CROSS-REGION",
      // placement
      "IMDS-HANG", "IMDS-401", "IMDS-ERROR", "IMDS-ABSENT", "ECS-NO-ZONE", "ECS-NO-VPC", "SHARED-VPC",
      // DNS
      "DNS-NXDOMAIN", "DNS-NODATA", "DNS-SERVFAIL", "DNS-TIMEOUT", "DNS-LOCAL-ZONAL", "DNS-CNAME",
      // zones
      "ZONE-REFUSE", "ZONE-BLACKHOLE", "ZONE-RESET", "ZONE-LATENCY", "ZONE-TLS", "ZONE-RECOVER", "ZONE-ALL-DOWN");

  static final Pattern ID = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)+");
  static final Pattern REF = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([A-Za-z0-9_]+)`");

  /** A catalogue row: its fault ID and the test references of its last cell. */
  record Row(String id, List<String> refs) {}

  /** The rows of section 4 of RESULTS.md: table lines whose first cell is a fault ID. */
  static List<Row> rows(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    boolean inCatalogue = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inCatalogue = line.startsWith("## 4.");
        continue;
      }
      if (!inCatalogue || !line.startsWith("|")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String first = cells.length > 1 ? cells[1].trim() : "";
      if (!ID.matcher(first).matches()) {
        continue;
      }
      List<String> refs = new ArrayList<>();
      Matcher m = REF.matcher(cells[cells.length - 1]);
      while (m.find()) {
        refs.add(m.group(1) + "#" + m.group(2));
      }
      rows.add(new Row(first, refs));
    }
    return rows;
  }

  /** Test sources by simple class name, from the src/test/java of every module directly under the project root. */
  static Map<String, List<String>> testSources(Path root) {
    Map<String, List<String>> byClass = new LinkedHashMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory)
          .collect(Collectors.toList())) {
        try (Stream<Path> files = Files.walk(tests)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
            String name = f.getFileName().toString().replaceFirst("\\.java$", "");
            byClass.computeIfAbsent(name, k -> new ArrayList<>()).add(Files.readString(f));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byClass;
  }

  /** What is wrong with the catalogue; empty when every row is proven and every known fault has a row. */
  static List<String> problems(List<Row> rows, Map<String, List<String>> sources, Set<String> known) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Row r : rows) {
      if (!seen.add(r.id())) {
        problems.add(r.id() + ": more than one row");
      }
      if (r.refs().isEmpty()) {
        problems.add(r.id() + ": names no test");
      }
      for (String ref : r.refs()) {
        String cls = ref.substring(0, ref.indexOf('#'));
        String method = ref.substring(ref.indexOf('#') + 1);
        List<String> files = sources.get(cls);
        if (files == null) {
          problems.add(r.id() + ": no test class " + cls);
          continue;
        }
        Pattern declared = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
        if (files.stream().noneMatch(src -> declared.matcher(src).find())) {
          problems.add(r.id() + ": no method " + method + " in " + cls);
        }
      }
    }
    for (String id : new TreeSet<>(known)) {
      if (!seen.contains(id)) {
        problems.add(id + ": a known fault without a row");
      }
    }
    return problems;
  }

  static Path moduleDir() {
    Path here = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return Files.exists(here.resolve("RESULTS.md")) ? here : here.resolve("benchmarks");
  }

  @Test
  void everyRowNamesTestsThatExistAndEveryKnownFaultHasARow() throws IOException {
    Path module = moduleDir();
    List<Row> rows = rows(Files.readAllLines(module.resolve("RESULTS.md")));
    Map<String, List<String>> sources = testSources(module.getParent());
    assertThat(sources).as("test sources found under %s", module.getParent()).containsKeys("DiscoveryIT",
        "FaultCatalogueTest");
    assertThat(rows).hasSizeGreaterThanOrEqualTo(KNOWN_FAULTS.size());
    assertThat(problems(rows, sources, KNOWN_FAULTS)).isEmpty();
  }

  @Test
  void aRowNamingAMissingTestOrNoTestAndAFaultWithoutARowAreReported() {
    List<String> catalogue = List.of(
        "## 3. Other", "| X-NOT-HERE | ignored | `Nope#nope` |",
        "## 4. Catalogue",
        "| ID | Fault | Proof |",
        "|---|---|---|",
        "| A-ONE | real | `Demo#works` |",
        "| A-TWO | wrong method | `Demo#doesNotExist` |",
        "| A-THREE | wrong class | `Missing#works` |",
        "| A-FOUR | no proof | none |");
    Map<String, List<String>> sources = Map.of("Demo", List.of("class Demo { @Test void works() {} }"));
    assertThat(problems(rows(catalogue), sources, Set.of("A-ONE", "A-TWO", "A-THREE", "A-FOUR", "A-FIVE")))
        .containsExactly("A-TWO: no method doesNotExist in Demo", "A-THREE: no test class Missing",
            "A-FOUR: names no test", "A-FIVE: a known fault without a row");
  }
}
