package dev.vpce.http.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One established tunnel: copies bytes both ways until each side has finished, and closes both sockets
 * when no byte has moved in either direction for the idle timeout (a one-way download keeps it open).
 * Closing before PrivateLink's own 350 s idle limit means the client sees a clean close instead of a
 * flow that was silently dropped.
 */
final class Tunnel {
  private final Socket client;
  private final Socket upstream;
  private final long idleMillis;
  private final Clock clock;
  private final Runnable onClose;
  private final AtomicInteger finished = new AtomicInteger();
  private volatile long lastActivity;
  private volatile boolean idleClosed;

  Tunnel(Socket client, Socket upstream, Duration idleTimeout, Clock clock, Runnable onClose) {
    this.client = client;
    this.upstream = upstream;
    this.idleMillis = idleTimeout.toMillis();
    this.clock = clock;
    this.onClose = onClose;
    this.lastActivity = clock.millis();
  }

  /**
   * Copies upstream to client on an executor's thread and client to upstream on this one; returns when both
   * directions are done, so the caller's connection slot is held for exactly as long as the tunnel.
   */
  void run(Executor executor) throws InterruptedException {
    CountDownLatch download = new CountDownLatch(1);
    try {
      executor.execute(() -> {
        try {
          pump(upstream, client);
        } finally {
          download.countDown();
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      closeBoth();
      return;
    }
    pump(client, upstream);
    download.await();
  }

  /** Whether the tunnel was closed for being idle. */
  boolean closedForIdleness() {
    return idleClosed;
  }

  /** Copies until EOF, then half-closes the other side; an error or the idle timeout ends the tunnel. */
  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        long quietFor = clock.millis() - lastActivity;
        if (quietFor >= idleMillis) {
          idleClosed = true;
          closeBoth();
          return;
        }
        from.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, idleMillis - quietFor)));
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException quiet) {
          continue; // the other direction may have moved meanwhile: look again
        }
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        out.flush();
        lastActivity = clock.millis();
      }
      to.shutdownOutput();
      if (finished.incrementAndGet() == 2) {
        closeBoth();
      }
    } catch (IOException | RuntimeException e) {
      closeBoth();
    }
  }

  void closeBoth() {
    close(client);
    close(upstream);
    onClose.run();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
