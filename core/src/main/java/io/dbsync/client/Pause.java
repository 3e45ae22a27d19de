package io.dbsync.client;

import java.io.InterruptedIOException;

/** Waiting between polls of a long-running operation, with an interrupt surfacing as an I/O failure. */
public final class Pause {
  private Pause() {}

  /** Sleeps; an interrupt keeps the thread's interrupted flag and ends the wait with an exception. */
  public static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting");
      io.initCause(e);
      throw io;
    }
  }
}
