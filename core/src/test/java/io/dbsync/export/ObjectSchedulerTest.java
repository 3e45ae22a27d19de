package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Phase 2's runner: every object once, bounded, the family with most work left first and holding two thirds of the slots. */
class ObjectSchedulerTest {
  private static final Kind JOB = new FixedKind("databricks_job", "job", "job");
  private static final Kind NOTEBOOK = new FixedKind("databricks_notebook", "notebook", "notebook");
  private static final Kind CLUSTER = new FixedKind("databricks_cluster", "cluster", "cluster");

  private static List<SourceObject> named(String prefix, int n) {
    List<SourceObject> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(new SourceObject(prefix + i, prefix + "_" + i, null));
    }
    return l;
  }

  /**
   * Stress: thousands of objects added from several threads while others run (as listings hand
   * them over), on virtual threads: each exported exactly once, never more than the bound at once.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a deadlock guard only
  void everyObjectOnceAndNeverMoreThanTheSlotsAtOnceWhileObjectsKeepComing() throws Exception {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    try (ObjectScheduler s = new ObjectScheduler(16, (kind, obj) -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      seen.merge(kind.info().type() + "/" + obj.id(), 1, Integer::sum);
      if (ThreadLocalRandom.current().nextInt(10) == 0) {
        Thread.yield();
      }
      inFlight.decrementAndGet();
    })) {
      List<Thread> adders = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        Kind kind = List.of(JOB, NOTEBOOK, CLUSTER).get(t % 3);
        String prefix = "t" + t + "_";
        adders.add(Thread.ofVirtual().start(() -> {
          for (int batch = 0; batch < 5; batch++) {
            s.add(kind, named(prefix + batch + "_", ThreadLocalRandom.current().nextInt(50, 150)));
            Thread.yield();
          }
        }));
      }
      for (Thread a : adders) {
        a.join();
      }
      s.finish();
    }
    assertTrue(seen.size() > 12 * 5 * 50, "all objects: " + seen.size());
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "each object exported once");
    assertTrue(maxInFlight.get() <= 16, "at most 16 at once: " + maxInFlight.get());
  }

  @Test
  void theFamilyWithMostWorkLeftStartsFirst() {
    // workspace reads at 50/s: 5 notebooks take 100 ms; jobs at 100/s: 2 take 20 ms; clusters at 30/s: 1 takes 33 ms
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    Semaphore hold = new Semaphore(0);
    try (ObjectScheduler s = new ObjectScheduler(1, (kind, obj) -> {
      if (obj.id().equals("first")) {
        hold.acquireUninterruptibly(); // keeps the one slot until every object is queued
      }
      started.add(obj.id());
    })) {
      s.add(CLUSTER, List.of(new SourceObject("first", "first", null)));
      s.add(JOB, named("job", 2));
      s.add(NOTEBOOK, named("nb", 5));
      s.add(CLUSTER, named("cl", 1));
      hold.release();
      s.finish();
    }
    // notebooks while they have most work left (100, 80, 60, 40 ms against 33 and 20), then by work left
    assertEquals(List.of("first", "nb0", "nb1", "nb2", "nb3", "cl0"), started.subList(0, 6));
    assertEquals(9, started.size());
  }

  /** With 6 slots, the busiest family settles at 4 running and the others at 2, once both have objects waiting. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a deadlock guard only
  void theBusiestFamilyHoldsTwoThirdsOfTheSlots() throws Exception {
    LinkedBlockingQueue<String> started = new LinkedBlockingQueue<>();
    Semaphore done = new Semaphore(0);
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    try (ObjectScheduler s = new ObjectScheduler(6, (kind, obj) -> {
      String type = kind.info().type();
      running.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
      started.add(type);
      done.acquireUninterruptibly();
      running.get(type).decrementAndGet();
    })) {
      s.add(NOTEBOOK, named("nb", 100)); // alone: takes every slot
      for (int i = 0; i < 6; i++) {
        assertNotNull(started.poll(30, TimeUnit.SECONDS));
      }
      s.add(JOB, named("job", 100));
      for (int i = 0; i < 10; i++) {
        done.release();
        assertNotNull(started.poll(30, TimeUnit.SECONDS));
      }
      assertEquals(4, running.get("databricks_notebook").get());
      assertEquals(2, running.get("databricks_job").get());
      done.release(1000);
      s.finish();
    }
  }

  @Test
  void aVirtualMachineErrorStillStopsTheRun() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> {
      try (ObjectScheduler s = new ObjectScheduler(4, (kind, obj) -> {
        if (obj.id().equals("nb1")) {
          throw oom;
        }
      })) {
        s.add(JOB, named("job", 2));
        s.add(NOTEBOOK, named("nb", 2));
        s.finish();
      }
    });
    assertSame(oom, thrown);
  }

  /** After an error escaped one object's task, no waiting object starts; finish rethrows it. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void noObjectStartsAfterAnErrorEscaped() {
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    InternalError boom = new InternalError("test");
    InternalError thrown = assertThrows(InternalError.class, () -> {
      try (ObjectScheduler s = new ObjectScheduler(1, (kind, obj) -> {
        started.add(obj.id());
        if (obj.id().equals("job0")) {
          throw boom;
        }
      })) {
        s.add(JOB, named("job", 5));
        s.finish();
      }
    });
    assertSame(boom, thrown);
    assertEquals(List.of("job0"), started, "one slot: the others waited, and none started after the error");
  }

  /**
   * A run stopped early (an error escaped a listing: closed without finish) waits for the objects
   * running and drops the ones waiting.
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void closingWithoutFinishWaitsForTheRunningAndDropsTheWaiting() throws Exception {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    ObjectScheduler s = new ObjectScheduler(2, (kind, obj) -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.add(obj.id());
    });
    s.add(JOB, named("job", 6));
    assertTrue(running.await(10, TimeUnit.SECONDS), "two objects run");
    Thread closing = Thread.ofVirtual().start(s::close);
    closing.join(200);
    assertTrue(closing.isAlive(), "close waits for the running objects");
    release.countDown();
    closing.join(10_000);
    assertFalse(closing.isAlive());
    assertEquals(2, done.size(), "the two running finished, the four waiting were dropped: " + done);
  }
}
