package dev.vpce.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void readsEveryOption() {
    DemoOptions o = DemoOptions.parse("--phase=1500ms", "--http-only", "--no-colour", "--html=out/r.html");

    assertThat(o.phase()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.httpOnly()).isTrue();
    assertThat(o.colour()).isFalse();
    assertThat(o.html()).isEqualTo(Path.of("out/r.html"));
  }

  @Test
  void defaultsToTenSecondPhasesWithBothClients() {
    DemoOptions o = DemoOptions.parse();

    assertThat(o.phase()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.httpOnly()).isFalse();
  }

  @Test
  void badValuesNameTheOptionTheValueAndWhatIsExpected() {
    assertThatThrownBy(() -> DemoOptions.parse("--phase=fast"))
        .hasMessageContaining("--phase").hasMessageContaining("'fast'").hasMessageContaining("such as 10s");
    assertThatThrownBy(() -> DemoOptions.parse("--phase=2m"))
        .hasMessageContaining("'2m'");
    assertThatThrownBy(() -> DemoOptions.parse("--phase=90s"))
        .hasMessageContaining("'90s'").hasMessageContaining("500ms to 60s");
    assertThatThrownBy(() -> DemoOptions.parse("--colour=pink"))
        .hasMessageContaining("unknown option '--colour=pink'").hasMessageContaining("usage:");
  }
}
