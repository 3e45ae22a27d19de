package io.dbsync.dag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DagExecutorTest {
  @Test
  void runsInDependencyOrderWithBoundedParallelism() throws Exception {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      g.put("leaf" + i, List.of());
    }
    g.put("root", new ArrayList<>(g.keySet()));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    Map<String, DagExecutor.Outcome<String>> out = DagExecutor.run(g, 3, n -> {
      max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Thread.sleep(30);
      inFlight.decrementAndGet();
      finished.add(n);
      return n.toUpperCase();
    });
    assertEquals(3, max.get());
    assertEquals("root", finished.get(finished.size() - 1));
    assertEquals("ROOT", out.get("root").value());
  }

  @Test
  void failureSkipsDependentsOnly() throws Exception {
    Map<String, List<String>> g = Map.of("a", List.of(), "b", List.of("a"), "c", List.of("b"), "d", List.of());
    Map<String, DagExecutor.Outcome<Boolean>> out = DagExecutor.run(g, 2, n -> {
      if (n.equals("a")) {
        throw new IllegalStateException("boom");
      }
      return true;
    });
    assertEquals("boom", out.get("a").error().getMessage());
    assertEquals("a", out.get("b").skippedBecause());
    assertEquals("a", out.get("c").skippedBecause());
    assertTrue(out.get("d").ok());
  }

  @Test
  void aNodeThatRunsDespiteFailuresRunsOnceItsDependenciesSettled() throws Exception {
    Map<String, List<String>> g = Map.of("a", List.of(), "b", List.of("a"), "ok", List.of(),
        "batch", List.of("b", "ok"), "after", List.of("batch"), "strict", List.of("b", "ok"));
    Set<String> ran = ConcurrentHashMap.newKeySet();
    Map<String, DagExecutor.Outcome<Boolean>> out = DagExecutor.run(g, 2, DagExecutor.Schedule.TOPOLOGICAL,
        "batch"::equals, n -> {
          ran.add(n);
          if (n.equals("a")) {
            throw new IllegalStateException("boom");
          }
          return true;
        });
    assertEquals("a", out.get("b").skippedBecause());
    assertTrue(out.get("batch").ok(), "ran although b was skipped");
    assertTrue(out.get("after").ok());
    assertEquals("a", out.get("strict").skippedBecause(), "other nodes are still skipped");
    assertEquals(Set.of("a", "ok", "batch", "after"), ran);
  }

  @Test
  void withOneSlotReadyNodesRunHighestPriorityFirst() throws Exception {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("low1", List.of());
    g.put("low2", List.of());
    g.put("mid", List.of());
    g.put("gate", List.of());
    g.put("urgent", List.of("gate")); // ready only once gate is done, then ahead of everything left
    Map<String, Long> priority = Map.of("low1", 1L, "low2", 2L, "mid", 5L, "gate", 3L, "urgent", 10L);
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    DagExecutor.run(g, 1, new DagExecutor.Schedule(priority::get, n -> "", 1), n -> started.add(n));
    assertEquals(List.of("mid", "gate", "urgent", "low2", "low1"), started);
  }

  @Test
  void aLaneAtItsLimitLeavesTheOtherSlotsToOtherLanes() throws Exception {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      g.put("slow" + i, List.of());
      g.put("fast" + i, List.of());
    }
    DagExecutor.Schedule schedule = new DagExecutor.Schedule(n -> n.startsWith("slow") ? 100 - n.charAt(4) : 0,
        n -> n.substring(0, 4), 2);
    assertEquals(Set.of("slow0", "slow1", "fast0", "fast1"), firstWave(g, 4, schedule),
        "the slow lane takes its 2 slots first, the fast lane the other 2");
  }

  @Test
  void aLaneTakesEverySlotWhenNoOtherLaneHasReadyWork() throws Exception {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      g.put("slow" + i, List.of());
    }
    DagExecutor.Schedule schedule = new DagExecutor.Schedule(n -> 0, n -> "slow", 2);
    assertEquals(Set.of("slow0", "slow1", "slow2", "slow3"), firstWave(g, 4, schedule));
  }

  /** The nodes started in the first dispatch: each task holds its slot until {@code slots} have started. */
  private static Set<String> firstWave(Map<String, List<String>> g, int slots, DagExecutor.Schedule schedule)
      throws Exception {
    CountDownLatch wave = new CountDownLatch(slots);
    Set<String> first = ConcurrentHashMap.newKeySet();
    AtomicInteger timedOut = new AtomicInteger();
    DagExecutor.run(g, slots, schedule, n -> {
      if (wave.getCount() > 0) {
        first.add(n);
      }
      wave.countDown();
      // a safety net against a hang, not a timing assertion: the wave fills at once or never
      if (!wave.await(30, TimeUnit.SECONDS)) {
        timedOut.incrementAndGet();
      }
      return n;
    });
    assertEquals(0, timedOut.get(), "fewer than " + slots + " tasks were started together");
    assertFalse(first.isEmpty());
    return first;
  }

  @Test
  void cyclesAreReported() {
    DagExecutor.CycleException e = assertThrows(DagExecutor.CycleException.class,
        () -> DagExecutor.topologicalOrder(Map.of("a", List.of("b"), "b", List.of("a"), "c", List.of())));
    assertTrue(e.getMessage().contains("a, b"), e.getMessage());
  }
}
