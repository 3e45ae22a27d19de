package io.dbsync.kind;

import io.dbsync.testing.KindHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refreshes from a listing, with many threads refreshing and writing at once: one load of the listing,
 * every object the run has started writing is read on its own from then on, the others come from the
 * listing, and an object the listing lacks is never answered from it.
 */
class ListedByIdStressTest {
  private static final int THREADS = 32;
  private static final int OBJECTS = 500;

  @Test
  void writtenObjectsAreReadOnTheirOwnAndTheListingIsLoadedOnce() throws Exception {
    KindHarness.Apply ctx = KindHarness.applying(null);
    ListedById listed = ListedById.of(ctx);
    Map<String, String> listing = IntStream.range(0, OBJECTS).boxed()
        .collect(Collectors.toMap(i -> "id" + i, i -> "listed " + i));
    AtomicInteger loads = new AtomicInteger();
    RunListings.Loader<Map<String, String>> loader = () -> {
      loads.incrementAndGet();
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // others arrive while it loads
      return listing;
    };
    Map<String, Boolean> writeStarted = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < OBJECTS * 4; i++) {
            int n = (i * 7 + thread * 13) % (OBJECTS + 20); // some ids the listing lacks
            String id = "id" + n;
            if ((i + thread) % 5 == 0) {
              listed.writing("kind", id);
              writeStarted.put(id, true);
            } else {
              boolean writtenBefore = writeStarted.containsKey(id);
              Optional<String> answer = listed.get(ctx, "kind", id, loader);
              if (writtenBefore || n >= OBJECTS) {
                assertTrue(answer.isEmpty(), id + ": written by the run or not listed, so read on its own");
              } else if (answer.isPresent()) {
                assertEquals("listed " + n, answer.get());
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, loads.get(), "one listing for the whole run, whatever the writes");
    for (int n = 0; n < OBJECTS; n++) {
      String id = "id" + n;
      assertEquals(!writeStarted.containsKey(id), listed.get(ctx, "kind", id, loader).isPresent(), id);
    }
    assertEquals(Optional.empty(), listed.get(ctx, "other", "id1", () -> null), "a listing that did not load answers nothing");
  }
}
