package io.dbsync.kind;

import io.dbsync.testing.KindHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run's listings: many threads asking at once share one load per key; writes make them load again. */
class RunListingsStressTest {
  private static final int THREADS = 32;

  @Test
  void manyThreadsShareOneLoadPerKey() throws Exception {
    RunListings listings = RunListings.of(KindHarness.applying(null));
    AtomicInteger loadsA = new AtomicInteger();
    AtomicInteger loadsB = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Object>> answers = new ArrayList<>();
      for (int i = 0; i < THREADS * 20; i++) {
        boolean a = i % 2 == 0;
        answers.add(pool.submit(() -> {
          start.await();
          return listings.get(a ? "kind:a" : "kind:b", () -> {
            (a ? loadsA : loadsB).incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // the others arrive while this load runs
            return a ? List.of("a") : null;
          });
        }));
      }
      start.countDown();
      Object first = null;
      for (int i = 0; i < answers.size(); i++) {
        Object v = answers.get(i).get(30, TimeUnit.SECONDS);
        if (i % 2 == 0) {
          first = first == null ? v : first;
          assertSame(first, v, "every thread sees the one loaded listing");
        } else {
          assertNull(v, "a null listing (e.g. a folder that does not exist) is kept too");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, loadsA.get(), "one load of a listing that many threads asked for at once");
    assertEquals(1, loadsB.get());
  }

  @Test
  void aWriteDropsTheListingAndALoadItOverlappedIsNotKept() throws Exception {
    RunListings listings = RunListings.of(KindHarness.applying(null));
    AtomicInteger loads = new AtomicInteger();
    assertEquals(List.of(1), listings.get("k", () -> List.of(loads.incrementAndGet())));
    assertEquals(List.of(1), listings.get("k", () -> List.of(loads.incrementAndGet())), "cached");
    listings.changed("k");
    assertEquals(List.of(2), listings.get("k", () -> List.of(loads.incrementAndGet())), "loaded again after a write");

    // a write while the load runs: the caller gets what it loaded, the next caller loads again
    assertEquals(List.of(3), listings.get("w", () -> {
      listings.changed("w");
      return List.of(loads.incrementAndGet());
    }));
    assertEquals(List.of(4), listings.get("w", () -> List.of(loads.incrementAndGet())));

    listings.get("tree:/a/b", () -> "x");
    listings.get("tree:/a/c", () -> "y");
    listings.get("tree:/ab", () -> "z");
    listings.changedUnder("tree:/a/");
    assertEquals("x2", listings.get("tree:/a/b", () -> "x2"), "below the prefix: dropped");
    assertEquals("z", listings.get("tree:/ab", () -> "z2"), "beside it: kept");
    assertTrue(loads.get() == 4);
  }
}
