package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryIdsTest {
  @TempDir
  Path dir;

  @Test
  void idsAreTheSourcesBytesTwoAtATimeHighByteFirstReadAgainEvery256Ids() throws IOException {
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    Path source = Files.write(dir.resolve("random"), bytes);
    QueryIds ids = new QueryIds(source.toString());

    int[] first = new int[256];
    for (int i = 0; i < first.length; i++) {
      first[i] = ids.next();
      assertThat(first[i]).isEqualTo((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
    }
    // a regular file gives the same 512 bytes again: the 257th ID proves the source was opened and read again
    for (int i = 0; i < first.length; i++) {
      assertThat(ids.next()).isEqualTo(first[i]);
    }
  }

  @Test
  void aSourceThatEndsEarlyOrIsMissingFallsBackToSecureRandom() throws IOException {
    Path shortFile = Files.write(dir.resolve("short"), new byte[100]); // all zero: would give ID 0 every time
    for (QueryIds ids : new QueryIds[] {new QueryIds(shortFile.toString()),
        new QueryIds(dir.resolve("missing").toString())}) {
      assertSpread(ids, 1_000, 900);
    }
  }

  @Test
  void theKernelsGeneratorGivesUniformlySpreadIds() {
    // 10,000 draws from 65,536 values give about 9,270 distinct ones; a stuck or narrow source gives far fewer
    assertSpread(new QueryIds(), 10_000, 9_000);
  }

  private static void assertSpread(QueryIds ids, int draws, int atLeastDistinct) {
    Set<Integer> seen = new HashSet<>();
    boolean highHalf = false;
    for (int i = 0; i < draws; i++) {
      int id = ids.next();
      assertThat(id).isBetween(0, 0xffff);
      highHalf |= id >= 0x8000;
      seen.add(id);
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(atLeastDistinct);
    assertThat(highHalf).as("IDs use all 16 bits").isTrue();
  }
}
