package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.VersionedRefresh;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LaneRunner} and {@link StateRefresh}'s waiting under load: thousands of nodes in random lanes,
 * with random orderings between them, finishing in random order, some failing, waited for by several
 * threads at once, and cancelled halfway.
 */
class LaneRunnerStressTest {
  private static final int NODES = 4_000;
  private static final int LANES = 12;

  /** Random lanes and "after" edges to earlier nodes of a random order (so no cycle). */
  private record Graph(Map<String, String> laneOf, Map<String, List<String>> after) {}

  private static Graph graph(Random random, int nodes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      names.add(String.format("node%05d", i));
    }
    List<String> shuffled = new ArrayList<>(names);
    java.util.Collections.shuffle(shuffled, random);
    Map<String, String> laneOf = new LinkedHashMap<>();
    Map<String, List<String>> after = new HashMap<>();
    for (int i = 0; i < shuffled.size(); i++) {
      String n = shuffled.get(i);
      laneOf.put(n, "lane" + random.nextInt(LANES));
      if (i > 0 && random.nextInt(4) == 0) {
        List<String> before = new ArrayList<>();
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
          before.add(shuffled.get(random.nextInt(i)));
        }
        after.put(n, before);
      }
    }
    return new Graph(laneOf, after);
  }

  @Test
  void everyNodeRunsOnceWithinItsLimitsAfterWhatItFollows() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      Graph g = graph(random, NODES);
      int laneLimit = 3;
      int totalLimit = seed == 3 ? Integer.MAX_VALUE : 8;
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      Set<String> settled = ConcurrentHashMap.newKeySet();
      Map<String, AtomicInteger> runningByLane = new ConcurrentHashMap<>();
      Map<String, Integer> maxByLane = new ConcurrentHashMap<>();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      List<String> outOfOrder = java.util.Collections.synchronizedList(new ArrayList<>());
      Set<String> failing = ConcurrentHashMap.newKeySet();
      g.laneOf().keySet().forEach(n -> {
        if (random.nextInt(10) == 0) {
          failing.add(n);
        }
      });
      Map<String, Long> priority = new HashMap<>();
      for (int l = 0; l < LANES; l++) {
        priority.put("lane" + l, (long) random.nextInt(5));
      }

      LaneRunner<String> runner = new LaneRunner<>(g.laneOf(), g.after(), priority, laneLimit, totalLimit, node -> {
        runs.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
        String lane = g.laneOf().get(node);
        int inLane = runningByLane.computeIfAbsent(lane, k -> new AtomicInteger()).incrementAndGet();
        maxByLane.merge(lane, inLane, Math::max);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        for (String d : g.after().getOrDefault(node, List.of())) {
          if (!settled.contains(d)) {
            outOfOrder.add(node + " before " + d);
          }
        }
        try {
          LockSupport.parkNanos(1_000L * ThreadLocalRandomHolder.next(300));
          if (failing.contains(node)) {
            throw new IOException("failed " + node);
          }
          return node;
        } finally {
          running.decrementAndGet();
          runningByLane.get(lane).decrementAndGet();
          settled.add(node);
        }
      }).start();

      for (String n : g.laneOf().keySet()) {
        if (failing.contains(n)) {
          ExecutionException e = assertThrows(ExecutionException.class, () -> runner.outcome(n).get());
          assertEquals("failed " + n, e.getCause().getMessage());
        } else {
          assertEquals(n, runner.outcome(n).get());
        }
      }
      runner.cancel(); // everything settled: returns at once, changes nothing
      assertEquals(NODES, runs.size());
      assertTrue(runs.values().stream().allMatch(c -> c.get() == 1), "a node ran twice");
      assertEquals(List.of(), outOfOrder);
      assertTrue(maxByLane.values().stream().allMatch(m -> m <= laneLimit), maxByLane.toString());
      assertTrue(maxRunning.get() <= Math.min(totalLimit, LANES * laneLimit), "ran " + maxRunning.get() + " at once");
    }
  }

  @Test
  void cancelStartsNothingMoreAndWaitsForWhatRuns() throws Exception {
    Random random = new Random(7);
    Graph g = graph(random, NODES);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    CountDownLatch halfway = new CountDownLatch(NODES / 4);
    LaneRunner<String> runner = new LaneRunner<>(g.laneOf(), g.after(), Map.of(), 4, 16, node -> {
      started.incrementAndGet();
      running.incrementAndGet();
      try {
        halfway.countDown();
        LockSupport.parkNanos(1_000L * ThreadLocalRandomHolder.next(500));
        return node;
      } finally {
        running.decrementAndGet();
      }
    }).start();
    halfway.await();
    runner.cancel();
    assertEquals(0, running.get(), "cancel returned while a task ran");
    int startedAtCancel = started.get();
    int done = 0;
    int cancelled = 0;
    for (String n : g.laneOf().keySet()) {
      Future<String> f = runner.outcome(n);
      assertTrue(f.isDone(), n);
      try {
        assertEquals(n, f.get());
        done++;
      } catch (CancellationException | ExecutionException e) {
        assertInstanceOf(CancellationException.class, e instanceof ExecutionException ? e.getCause() : e);
        cancelled++;
      }
    }
    assertEquals(startedAtCancel, started.get(), "a node started after cancel returned");
    assertEquals(startedAtCancel, done);
    assertEquals(NODES - startedAtCancel, cancelled);
    assertTrue(cancelled > 0, "cancelled halfway");
  }

  /**
   * Several planners wait at once on overlapping sets of addresses while refreshes finish in random
   * order: each gets every answer, and the failures in one message in address order.
   */
  @Test
  void waitersGetEveryAnswerAndEveryFailureInAddressOrder() throws Exception {
    Random random = new Random(11);
    Graph g = graph(random, NODES);
    Set<String> failing = ConcurrentHashMap.newKeySet();
    Set<String> gone = ConcurrentHashMap.newKeySet();
    g.laneOf().keySet().forEach(n -> {
      int r = random.nextInt(20);
      if (r == 0) {
        failing.add(n);
      } else if (r == 1) {
        gone.add(n);
      }
    });
    StateRefresh refresh = new StateRefresh(new LaneRunner<VersionedRefresh.Result>(g.laneOf(), g.after(), Map.of(), 4,
        16, node -> {
          LockSupport.parkNanos(1_000L * ThreadLocalRandomHolder.next(200));
          if (failing.contains(node)) {
            throw new IOException("no " + node);
          }
          ObjectNode attrs = TfJson.object().put("name", node);
          return new VersionedRefresh.Result(gone.contains(node) ? Optional.empty() : Optional.of(attrs),
              TfJson.object());
        }).start());
    List<String> all = new ArrayList<>(g.laneOf().keySet());
    try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> answers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        List<String> subset = new ArrayList<>(all.subList(w * NODES / 16, NODES / 2 + w * NODES / 16));
        java.util.Collections.shuffle(subset, new Random(w));
        answers.add(waiters.submit(() -> {
          Map<String, String> expectedErrors = new TreeMap<>();
          subset.stream().filter(failing::contains).forEach(a -> expectedErrors.put(a, "no " + a));
          try {
            Map<String, Optional<ObjectNode>> got = refresh.await(subset, new ConcurrentHashMap<>());
            return expectedErrors.isEmpty() && got.size() == subset.size() ? "ok" : "missing failures";
          } catch (PlanException e) {
            List<String> lines = new ArrayList<>();
            expectedErrors.forEach((a, m) -> lines.add("refreshing " + a + ": " + m));
            return e.getMessage().equals("refresh failed:\n  " + String.join("\n  ", lines)) ? "ok" : e.getMessage();
          }
        }));
      }
      for (Future<String> a : answers) {
        assertEquals("ok", a.get());
      }
    }
    List<String> fine = all.stream().filter(a -> !failing.contains(a)).toList();
    Map<String, Optional<ObjectNode>> got = refresh.await(fine, new HashMap<>());
    for (String a : fine) {
      assertEquals(gone.contains(a) ? Optional.empty() : Optional.of(TfJson.object().put("name", a)), got.get(a));
    }
    refresh.close();
  }

  /** Random waits without a shared Random across threads. */
  private static final class ThreadLocalRandomHolder {
    static int next(int bound) {
      return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
    }
  }
}
