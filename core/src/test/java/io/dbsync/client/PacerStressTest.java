package io.dbsync.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many virtual threads take permits of several families from one {@link Pacer} at once. Time is
 * simulated: nobody sleeps; each permit's slot (the clock reading plus the wait it was told) is
 * recorded, and the slots of each bucket are checked against its rate, window by window.
 */
class PacerStressTest {
  static final long S = 1_000_000_000L;
  static final List<ApiFamily> FAMILIES = List.of(new ApiFamily("jobs"), new ApiFamily("scim"),
      new ApiFamily("secrets"), new ApiFamily("workspace"), new ApiFamily("dbfs"));

  /** A clock the test moves; "sleeping" only records how long the calling thread was told to wait. */
  static final class SimulatedClock implements Pacer.Clock {
    final AtomicLong now = new AtomicLong();
    final ThreadLocal<long[]> readAndSlept = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public long nanoTime() {
      long t = now.get();
      readAndSlept.get()[0] = t;
      return t;
    }

    @Override
    public void sleepNanos(long nanos) {
      readAndSlept.get()[1] = nanos;
    }

    /** Takes a permit and returns its slot. */
    long acquire(Pacer pacer, ApiFamily family, boolean write) throws Exception {
      readAndSlept.get()[1] = 0;
      pacer.acquire(family, write);
      long[] rs = readAndSlept.get();
      return rs[0] + rs[1];
    }
  }

  record Slot(String key, long at) {}

  @Test
  void noBucketEverExceedsItsRateWhileTimeMovesAndSomeRequestsAreThrottled() throws Exception {
    SimulatedClock clock = new SimulatedClock();
    Pacer pacer = new Pacer(RateLimits.published(), clock);
    ConcurrentLinkedQueue<Slot> slots = new ConcurrentLinkedQueue<>();
    int threads = 200;
    int perThread = 200;
    runAll(threads, t -> {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      for (int i = 0; i < perThread; i++) {
        ApiFamily f = FAMILIES.get(rnd.nextInt(FAMILIES.size()));
        boolean write = rnd.nextInt(3) == 0;
        long at = clock.acquire(pacer, f, write);
        slots.add(new Slot(RateLimits.published().limitFor(f.name(), write).orElseThrow().key(), at));
        if (rnd.nextInt(40) == 0) {
          pacer.throttled(f, write);
        }
        clock.now.addAndGet(rnd.nextLong(2_000_000)); // up to 2 ms between one thread's requests
      }
    });
    assertEquals(threads * perThread, slots.size(), "every request got its permit");
    Map<String, List<Long>> byKey = new ConcurrentHashMap<>();
    slots.forEach(s -> byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.at()));
    assertTrue(byKey.size() >= 8, "reads and writes of five families: " + byKey.keySet());
    byKey.forEach((key, at) -> {
      PublishedLimits.Limit limit = PublishedLimits.TABLE.stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
      double burst = Math.max(1, limit.perSecond() * AdaptiveBucket.BURST_SECONDS);
      for (long window : new long[] {S / 10, S, 5 * S}) {
        int most = mostInAnyWindow(at, window);
        double bound = burst + limit.perSecond() * window / (double) S + 1;
        assertTrue(most <= bound, key + ": " + most + " permits within " + window / 1e6 + " ms, more than " + bound);
      }
    });
  }

  @Test
  void atAFrozenInstantEveryPermitGetsItsOwnSlotAtExactlyTheRate() throws Exception {
    SimulatedClock clock = new SimulatedClock();
    clock.now.set(42 * S);
    Pacer pacer = new Pacer(RateLimits.published(List.of("jobs:read=8", "secrets=4", "dbfs=10")), clock);
    Map<String, List<Long>> slots = new ConcurrentHashMap<>();
    List<ApiFamily> families = List.of(new ApiFamily("jobs"), new ApiFamily("secrets"), new ApiFamily("dbfs"));
    int threads = 300;
    int perThread = 400;
    for (ApiFamily f : families) {
      slots.put(f.name(), Collections.synchronizedList(new ArrayList<>()));
    }
    runAll(threads, t -> {
      ApiFamily f = families.get(t % families.size());
      for (int i = 0; i < perThread; i++) {
        slots.get(f.name()).add(clock.acquire(pacer, f, false));
        if (i % 10 == 0) {
          Thread.yield(); // let the other virtual threads interleave
        }
      }
    });
    Map<String, Integer> rates = Map.of("jobs", 8, "secrets", 4, "dbfs", 10);
    slots.forEach((family, at) -> {
      int rate = rates.get(family);
      // a burst of the bucket's capacity, the first permit at once: slot k is k intervals on, less the burst
      double capacity = Math.max(1, rate * AdaptiveBucket.BURST_SECONDS);
      long burstNanos = (long) ((capacity - 1) * 1e9 / rate);
      List<Long> sorted = at.stream().sorted().toList();
      assertEquals(threads / families.size() * perThread, sorted.size());
      for (int k = 0; k < sorted.size(); k++) {
        long expected = 42 * S + Math.max(0, k * (S / rate) - burstNanos);
        assertEquals(expected, sorted.get(k), family + " permit " + k + ": a burst, then one slot per interval, none shared");
      }
    });
  }

  interface Body {
    void run(int thread) throws Exception;
  }

  static void runAll(int threads, Body body) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          body.run(id);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
  }

  /** The largest number of slots in any half-open window [slot, slot + width). */
  static int mostInAnyWindow(List<Long> slots, long width) {
    List<Long> sorted = slots.stream().sorted().toList();
    int most = 0;
    int end = 0;
    for (int start = 0; start < sorted.size(); start++) {
      while (end < sorted.size() && sorted.get(end) < sorted.get(start) + width) {
        end++;
      }
      most = Math.max(most, end - start);
    }
    return most;
  }
}
