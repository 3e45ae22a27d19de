package io.dbsync.kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KeyedLocks under load on virtual threads: at most one body per key at a time, bodies of different
 * keys at the same time, every body run exactly once, the lock released after a failure, reentrant.
 */
class KeyedLocksStressTest {
  @Test
  @Timeout(120) // a deadlock guard, not a speed assertion
  void oneBodyPerKeyAtATimeAndDifferentKeysTogether() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    int keys = 20;
    int tasks = 4_000;
    Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    AtomicInteger overlapsWithinAKey = new AtomicInteger();
    AtomicInteger concurrentKeys = new AtomicInteger();
    AtomicInteger maxConcurrentKeys = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        String key = "k" + (t % keys);
        int n = t;
        done.add(pool.submit(() -> locks.with(key, () -> {
          if (inside.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlapsWithinAKey.incrementAndGet();
          }
          maxConcurrentKeys.accumulateAndGet(concurrentKeys.incrementAndGet(), Math::max);
          try {
            Thread.sleep(1); // a blocking call, as a listing is
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          concurrentKeys.decrementAndGet();
          inside.get(key).decrementAndGet();
          ran.incrementAndGet();
          return n;
        })));
      }
      for (int t = 0; t < tasks; t++) {
        assertEquals(t, done.get(t).get());
      }
    }
    assertEquals(0, overlapsWithinAKey.get(), "two bodies of one key overlapped");
    assertEquals(tasks, ran.get());
    assertTrue(maxConcurrentKeys.get() > 1, "bodies of different keys ran together: " + maxConcurrentKeys.get());
  }

  @Test
  void aFailingBodyReleasesTheLockAndTheLockIsReentrant() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    assertThrows(IOException.class, () -> locks.with("k", () -> {
      throw new IOException("listing failed");
    }));
    assertEquals("inner", locks.with("k", () -> locks.with("k", () -> "inner")));
    try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
      assertEquals("free", other.submit(() -> locks.with("k", () -> "free")).get());
    }
  }
}
