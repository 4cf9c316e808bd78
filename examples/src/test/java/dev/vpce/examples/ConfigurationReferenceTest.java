package dev.vpce.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpce.Binding;
import dev.vpce.Placement;
import dev.vpce.PrivateLink;
import dev.vpce.dns.DnsAnswer;
import dev.vpce.http.hc5.PrivateLinkHttpClient5;
import dev.vpce.http.jdk.PrivateLinkConnectProxy;
import dev.vpce.http.okhttp.PrivateLinkOkHttp;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's "Configuration reference" must agree with the code: every public method of each builder has a row,
 * no row names a method that does not exist, and where a fresh builder holds a default in a field of the same
 * name (a duration, a number, a flag, a set of ports, an enum), the row's default is that value. The
 * {@code vpce.*} properties come from the starter's generated configuration metadata, defaults included.
 * Generic on purpose: a new setting or property fails this test until README has its row.
 */
class ConfigurationReferenceTest {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|min|s|m|h|d)\\b");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private static Map<String, List<Row>> reference;
  private static List<Row> allTableRows;
  private static PrivateLink privateLink;

  /** One README table row, once per name its first cell gives in backticks. */
  record Row(String name, String firstCell, String defaultCell, int line) {}

  @BeforeAll
  static void readReadmeAndBuildAPrivateLink() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    reference = referenceTables(lines);
    allTableRows = rows(lines, 0, lines.size());
    // a static binding answered by a resolver in this JVM: nothing leaves the process
    privateLink = PrivateLink.builder()
        .bind(Binding.builder("orders.internal.example.com")
            .regionalDnsName("vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")
            .build())
        .placement(Placement.ofZoneName("us-east-1a"))
        .nameResolver(name -> new DnsAnswer(List.of(InetAddress.getByName("127.0.0.1")), Duration.ofMinutes(1)))
        .build();
  }

  @AfterAll
  static void close() {
    privateLink.close();
  }

  @Test
  void everyPrivateLinkBuilderMethodHasARowWithTheDefaultTheBuilderHolds() {
    assertThat(checkBuilder("PrivateLink.Builder", PrivateLink.Builder.class, PrivateLink.builder()))
        .as("defaults checked against the code").isGreaterThanOrEqualTo(9);
  }

  @Test
  void everyBindingBuilderMethodHasARowWithTheDefaultTheBuilderHolds() {
    assertThat(checkBuilder("Binding.Builder", Binding.Builder.class, Binding.builder("orders.internal.example.com")))
        .as("defaults checked against the code").isGreaterThanOrEqualTo(1);
  }

  @Test
  void everyHttpClient5BuilderMethodHasARowWithTheDefaultTheBuilderHolds() {
    assertThat(checkBuilder("PrivateLinkHttpClient5", PrivateLinkHttpClient5.class,
        PrivateLinkHttpClient5.builder(privateLink))).as("defaults checked against the code").isGreaterThanOrEqualTo(4);
  }

  @Test
  void everyConnectProxyBuilderMethodHasARowWithTheDefaultTheBuilderHolds() {
    assertThat(checkBuilder("PrivateLinkConnectProxy.Builder", PrivateLinkConnectProxy.Builder.class,
        PrivateLinkConnectProxy.builder(privateLink))).as("defaults checked against the code").isGreaterThanOrEqualTo(5);
  }

  @Test
  void everyOkHttpEntryPointAndEverySettingConfigureMakesHasARowWithTheValueTheClientGets() throws Exception {
    List<Row> rows = table("PrivateLinkOkHttp");
    Set<String> entryPoints = Arrays.stream(PrivateLinkOkHttp.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> builderSettings = Arrays.stream(OkHttpClient.Builder.class.getMethods()).map(Method::getName)
        .collect(Collectors.toSet());
    Set<String> documented = names(rows);
    assertThat(documented).as("README `PrivateLinkOkHttp` rows for its public methods").containsAll(entryPoints);
    for (Row row : rows) {
      assertThat(entryPoints.contains(row.name()) || builderSettings.contains(row.name()))
          .as("README line %d names `%s`, neither a method of PrivateLinkOkHttp nor an OkHttpClient.Builder setting",
              row.line(), row.name())
          .isTrue();
    }

    OkHttpClient client = PrivateLinkOkHttp.configure(new OkHttpClient.Builder(), privateLink).build();
    int checked = 0;
    for (Row row : rows) {
      if (entryPoints.contains(row.name())) {
        continue;
      }
      Method millis = getter(OkHttpClient.class, row.name() + "Millis");
      Method flag = getter(OkHttpClient.class, row.name());
      if (millis != null && millis.getReturnType() == int.class) {
        expectDefault(row, Duration.ofMillis((int) millis.invoke(client)));
        checked++;
      } else if (flag != null && flag.getReturnType() == boolean.class) {
        expectDefault(row, flag.invoke(client));
        checked++;
      } else {
        assertThat(row.defaultCell()).as("README line %d: the default of `%s`", row.line(), row.name()).isNotBlank();
      }
    }
    assertThat(checked).as("OkHttp settings checked against a configured client").isGreaterThanOrEqualTo(2);
  }

  @Test
  void everyVpcePropertyHasARowWithTheDefaultOfTheStartersMetadata() throws Exception {
    Map<String, JsonNode> properties = vpceProperties();
    List<Row> rows = table("vpce.*");
    Set<String> expected = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> p : properties.entrySet()) {
      expected.addAll(expectedRows(p.getKey(), p.getValue().path("type").asText()));
    }
    Set<String> documented = names(rows);
    assertThat(documented).as("README `vpce.*` rows (from the starter's configuration metadata)")
        .containsAll(expected);
    assertThat(expected).as("README `vpce.*` rows that name no property of the starter").containsAll(documented);

    int checked = 0;
    for (Row row : rows) {
      JsonNode p = properties.get(row.name());
      if (p != null && p.has("defaultValue")) {
        assertThat(springValue(row.defaultCell()))
            .as("README line %d: default of %s", row.line(), row.name())
            .isEqualTo(metadataValue(p.get("defaultValue")));
        checked++;
      } else {
        assertThat(row.defaultCell()).as("README line %d: the default of `%s`", row.line(), row.name()).isNotBlank();
      }
    }
    assertThat(checked).as("property defaults checked against the metadata").isGreaterThanOrEqualTo(10);
  }

  @Test
  void everyOtherReadmeRowOfOnePropertyGivesTheSameDefault() throws Exception {
    Map<String, JsonNode> properties = vpceProperties();
    for (Row row : allTableRows) {
      JsonNode p = properties.get(row.name());
      if (p == null || !p.has("defaultValue") || CODE.matcher(row.firstCell()).results().count() != 1
          || row.defaultCell().isBlank()) {
        continue;
      }
      assertThat(springValue(row.defaultCell()))
          .as("README line %d: default of %s", row.line(), row.name())
          .isEqualTo(metadataValue(p.get("defaultValue")));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  /** Checks rows against the builder's public methods and defaults; returns how many defaults it compared. */
  private static int checkBuilder(String heading, Class<?> type, Object fresh) {
    List<Row> rows = table(heading);
    Map<String, Method> methods = new LinkedHashMap<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()
          && !m.getName().equals("toString")) {
        methods.putIfAbsent(m.getName(), m);
      }
    }
    Set<String> documented = names(rows);
    assertThat(documented).as("README `%s` rows for its public methods", heading).containsAll(methods.keySet());
    assertThat(methods.keySet()).as("README `%s` rows that name no public method", heading).containsAll(documented);

    int checked = 0;
    for (Row row : rows) {
      Method method = methods.get(row.name());
      boolean setter = method.getReturnType() == type;
      if (!setter) {
        continue;
      }
      assertThat(row.defaultCell()).as("README line %d: default of `%s`", row.line(), row.name())
          .isNotBlank();
      Object value = fieldValue(type, fresh, row.name());
      if (isCheckable(value)) {
        expectDefault(row, value);
        checked++;
      }
    }
    return checked;
  }

  private static boolean isCheckable(Object value) {
    return value instanceof Duration || value instanceof Number || value instanceof Boolean || value instanceof Enum
        || value instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(Integer.class::isInstance);
  }

  private static void expectDefault(Row row, Object value) {
    String cell = row.defaultCell().replace("`", "");
    String what = "README line " + row.line() + ": the default of `" + row.name() + "` is " + value
        + " in the code, the row says '" + row.defaultCell() + "'";
    if (value instanceof Duration d) {
      Matcher m = DURATION.matcher(cell);
      assertThat(m.find()).as(what).isTrue();
      assertThat(duration(m.group(1), m.group(2))).as(what).isEqualTo(d);
    } else if (value instanceof Boolean b) {
      String first = cell.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
      assertThat(first).as(what).isIn(b ? List.of("on", "true") : List.of("off", "false"));
    } else if (value instanceof Number n) {
      Matcher m = NUMBER.matcher(cell);
      assertThat(m.find()).as(what).isTrue();
      assertThat(Long.parseLong(m.group())).as(what).isEqualTo(n.longValue());
    } else if (value instanceof Enum<?> e) {
      assertThat(cell.trim().split("\\s+")[0]).as(what).isEqualTo(e.name());
    } else if (value instanceof Collection<?> c) {
      Set<Long> inCell = new TreeSet<>();
      NUMBER.matcher(cell).results().forEach(r -> inCell.add(Long.parseLong(r.group())));
      Set<Long> inCode = new TreeSet<>();
      c.forEach(i -> inCode.add(((Integer) i).longValue()));
      assertThat(inCell).as(what).isEqualTo(inCode);
    }
  }

  private static Duration duration(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException(unit);
    };
  }

  private static Object fieldValue(Class<?> type, Object instance, String name) {
    try {
      Field f = type.getDeclaredField(name);
      if (Modifier.isStatic(f.getModifiers())) {
        return null;
      }
      f.setAccessible(true);
      return f.get(instance);
    } catch (NoSuchFieldException e) {
      return null; // no field of that name: the row's default is prose
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Method getter(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The rows a property needs: itself, or for a map of records one row per record component. */
  private static List<String> expectedRows(String name, String type) {
    Matcher map = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,\\s*([\\w.$]+)>").matcher(type);
    if (map.matches()) {
      try {
        Class<?> value = Class.forName(map.group(1), false, ConfigurationReferenceTest.class.getClassLoader());
        if (value.isRecord()) {
          List<String> out = new ArrayList<>();
          for (RecordComponent c : value.getRecordComponents()) {
            out.add(name + ".<name>." + kebab(c.getName()));
          }
          return out;
        }
      } catch (ClassNotFoundException e) {
        throw new AssertionError("the starter's metadata names " + map.group(1) + ", which is not on the class path", e);
      }
    }
    return List.of(name);
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static Map<String, JsonNode> vpceProperties() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (InputStream in = PrivateLink.class.getClassLoader()
        .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the starter's configuration metadata on the test class path").isNotNull();
      for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
        String name = p.path("name").asText();
        if (name.startsWith("vpce.")) {
          out.put(name, p);
        }
      }
    }
    assertThat(out).as("vpce.* properties in the starter's metadata").isNotEmpty();
    return out;
  }

  /** A README default as the metadata writes it: the first backticked value (`5m`, `true`, `443`). */
  private static String springValue(String cell) {
    Matcher m = CODE.matcher(cell);
    return (m.find() ? m.group(1) : cell.trim()).toLowerCase(Locale.ROOT);
  }

  private static String metadataValue(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return String.join(", ", items).toLowerCase(Locale.ROOT);
    }
    return value.asText().toLowerCase(Locale.ROOT);
  }

  private static Set<String> names(List<Row> rows) {
    return rows.stream().map(Row::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Row> table(String heading) {
    List<Row> rows = reference.get(heading);
    assertThat(rows).as("README's Configuration reference has a `### `%s`` table", heading).isNotNull().isNotEmpty();
    return rows;
  }

  /** The tables under "## Configuration reference", keyed by the first backticked name of their heading. */
  private static Map<String, List<Row>> referenceTables(List<String> lines) {
    int start = lines.indexOf("## Configuration reference");
    assertThat(start).as("README has a '## Configuration reference' section").isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (int i = start + 1; i < end; i++) {
      if (lines.get(i).startsWith("### ")) {
        Matcher m = CODE.matcher(lines.get(i));
        assertThat(m.find()).as("README line %d: a reference heading names its class in backticks", i + 1).isTrue();
        int to = i + 1;
        while (to < end && !lines.get(to).startsWith("### ")) {
          to++;
        }
        out.put(m.group(1), rows(lines, i + 1, to));
      }
    }
    return out;
  }

  private static List<Row> rows(List<String> lines, int from, int to) {
    List<Row> out = new ArrayList<>();
    boolean header = true;
    for (int i = from; i < to; i++) {
      String line = lines.get(i).trim();
      if (!line.startsWith("|")) {
        header = true;
        continue;
      }
      if (header || line.matches("\\|[-| :]+\\|")) {
        header = line.matches("\\|[-| :]+\\|") ? false : header;
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
      String first = cells[0].trim();
      String dflt = cells.length > 1 ? cells[1].trim() : "";
      Matcher m = CODE.matcher(first);
      while (m.find()) {
        String name = m.group(1);
        int paren = name.indexOf('(');
        out.add(new Row((paren < 0 ? name : name.substring(0, paren)).trim(), first, dflt, i + 1));
      }
    }
    return out;
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("README.md");
      if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("examples/pom.xml"))) {
        return candidate;
      }
    }
    throw new AssertionError("README.md of the repository not found above " + Path.of("").toAbsolutePath());
  }
}
