package dev.vpce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesWhatAParserReadsBack() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
    m.put("number", 1.5);
    m.put("flag", true);
    m.put("nothing", null);
    m.put("verdict", Verdict.WARN);
    m.put("list", Arrays.asList(1, "two", List.of(), Map.of()));
    JsonNode n = new ObjectMapper().readTree(Json.write(m));
    assertThat(n.get("text").asText()).isEqualTo("quote \" backslash \\ newline \n tab \t bell \u0007 é");
    assertThat(n.get("number").asDouble()).isEqualTo(1.5);
    assertThat(n.get("flag").asBoolean()).isTrue();
    assertThat(n.get("nothing").isNull()).isTrue();
    assertThat(n.get("verdict").asText()).isEqualTo("WARN");
    assertThat(n.get("list")).hasSize(4);
    assertThat(n.get("list").get(2).isArray()).isTrue();
    assertThat(n.get("list").get(3).isObject()).isTrue();
  }
}
