package io.dbsync.importer;

import io.dbsync.state.StateLock;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM during an import (review D8): a shutdown hook that stops the dispatch of new
 * changes, lets the ones in flight finish (the state is saved after each), and waits for the run to
 * release its lock. If the run does not get there within the grace period (a slow planning, a big
 * upload), the hook releases the lock itself: the state is crash-safe, so a later run resumes.
 */
final class InterruptGuard implements AutoCloseable {
  static final Duration GRACE = Duration.ofSeconds(30);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  InterruptGuard(StateLock lock, PrintStream out) {
    hook = new Thread(() -> {
      stopping.set(true);
      out.println("Interrupted: finishing the changes in flight, saving the state and releasing the lock...");
      out.flush();
      try {
        if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          lock.close();
        }
      } catch (InterruptedException | IOException e) {
        // the JVM is going down; a lock left here is stale and taken over by the next run on this host
      }
    }, "databricks-sync-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True once a signal asked the process to stop: no new change may start. */
  boolean stopping() {
    return stopping.get();
  }

  /** The run is over and its lock released. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running and sees the latch
    }
  }
}
