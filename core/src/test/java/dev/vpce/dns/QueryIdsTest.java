package dev.vpce.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS query IDs: the source's bytes, read again as they run out, and a SecureRandom when it cannot be read. */
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

    for (int i = 0; i < 256; i++) {
      assertThat(ids.next()).isEqualTo((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
    }
    // new bytes in the source: IDs 257 on are read from it again, not the first 256 over again
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 13 + 101);
    }
    Files.write(source, bytes);
    for (int i = 0; i < 256; i++) {
      assertThat(ids.next()).isEqualTo((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
    }
    assertThat(ids.fellBack()).isFalse();
  }

  @Test
  void aSourceThatEndsEarlyOrIsMissingFallsBackToSecureRandom() throws IOException {
    Path shortFile = Files.write(dir.resolve("short"), new byte[100]); // all zero: would give ID 0 every time
    for (QueryIds ids : new QueryIds[] {new QueryIds(shortFile.toString()),
        new QueryIds(dir.resolve("missing").toString())}) {
      assertSpread(ids, 1_000, 900);
      assertThat(ids.fellBack()).isTrue();
    }
  }

  @Test
  void theKernelsGeneratorGivesUniformlySpreadIds() {
    // 10,000 draws from 65,536 values give about 9,270 distinct ones; a stuck or narrow source gives far fewer
    QueryIds ids = new QueryIds();
    assertSpread(ids, 10_000, 9_000);
    assertThat(ids.fellBack()).as("read from /dev/urandom, where it can be read")
        .isEqualTo(!Files.isReadable(Path.of("/dev/urandom")));
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
