package dev.vpce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The doctor uses only vpce's public API: if it needs an internal class, the API is missing something. */
class PublicApiOnlyTest {
  @Test
  void noSourceOfTheCliImportsVpceInternals() throws Exception {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains("dev.vpce.internal");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(offenders).isEmpty();
  }
}
