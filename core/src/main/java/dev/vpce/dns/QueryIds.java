package dev.vpce.dns;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Random 16-bit DNS query IDs: with the fresh ephemeral port, what an off-path forger has to guess (RFC 5452).
 * They come from the kernel's generator, {@code /dev/urandom}, 512 bytes at a time; where that file cannot be
 * read (Windows), from a {@link SecureRandom}. Not from a {@code SecureRandom} everywhere: on Linux its default
 * reads the same file but mixes in a SHA1PRNG, whose first use loads some 40 classes (message digests, var
 * handles, constant descriptors) on the refresh thread while the application starts, and adds nothing a query
 * ID needs. The JCA's configuration ({@code securerandom.source}, FIPS providers) is not consulted for these IDs;
 * it still is for the fallback. Thread-safe.
 */
final class QueryIds {
  private final String source;
  private final byte[] buffer = new byte[512];
  private int next = buffer.length; // nothing read yet
  private SecureRandom fallback; // once the source fails

  QueryIds() {
    this("/dev/urandom");
  }

  /** IDs from this file of random bytes (tests pass their own), or a SecureRandom once it cannot be read. */
  QueryIds(String source) {
    this.source = source;
  }

  /** A uniformly random ID from 0 to 65535. */
  synchronized int next() {
    if (fallback != null) {
      return fallback.nextInt(0x10000);
    }
    if (next == buffer.length) {
      try (InputStream in = new FileInputStream(source)) {
        if (in.readNBytes(buffer, 0, buffer.length) != buffer.length) {
          throw new IOException(source + " ended early");
        }
        next = 0;
      } catch (IOException | SecurityException e) { // SecurityException: a security manager denies the file
        fallback = new SecureRandom();
        return fallback.nextInt(0x10000);
      }
    }
    int id = (buffer[next] & 0xff) << 8 | buffer[next + 1] & 0xff;
    next += 2;
    return id;
  }

  /** Whether the IDs come from the fallback because the source could not be read. */
  synchronized boolean fellBack() {
    return fallback != null;
  }
}
