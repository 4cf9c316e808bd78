package dev.vpce;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What vpce logged while a block ran: slf4j-simple (the test binding) writes to the current System.err. */
final class LogCapture {
  interface Block {
    void run() throws Exception;
  }

  private LogCapture() {}

  static synchronized String during(Block block) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setErr(new PrintStream(new TeeStream(original, capture), true, StandardCharsets.UTF_8));
    try {
      block.run();
    } finally {
      System.err.flush();
      System.setErr(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream a;
    private final PrintStream b;

    TeeStream(PrintStream a, PrintStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
