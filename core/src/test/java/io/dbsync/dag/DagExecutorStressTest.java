package io.dbsync.dag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random DAGs of 10,000 nodes at parallelism 16, many runs: every node runs exactly once, only after
 * every node it waits for has finished, never more than 16 at once, and a failure skips exactly the
 * nodes downstream of it. (The executor once filled a plain HashMap of futures on one thread while task
 * threads read it: at this size that lost futures and ended in a NullPointerException.)
 */
class DagExecutorStressTest {
  private static final int NODES = 10_000;
  private static final int PARALLELISM = 16;
  private static final int RUNS = 12;

  @Test
  void everyNodeRunsOnceAfterItsDependencies() throws Exception {
    for (int run = 0; run < RUNS; run++) {
      Random random = new Random(1000 + run);
      checkRun(run, randomDag(random, NODES), DagExecutor.Schedule.TOPOLOGICAL);
    }
  }

  /** The same with random priorities and lanes limited to 3 slots: the schedule changes the order, never the rules. */
  @Test
  void everyNodeRunsOnceAfterItsDependenciesWhateverTheSchedule() throws Exception {
    for (int run = 0; run < RUNS; run++) {
      Random random = new Random(2000 + run);
      Map<String, List<String>> graph = randomDag(random, NODES);
      Map<String, Long> priority = new HashMap<>();
      Map<String, String> lane = new HashMap<>();
      graph.keySet().forEach(n -> {
        priority.put(n, (long) random.nextInt(50));
        lane.put(n, "lane" + random.nextInt(6));
      });
      checkRun(run, graph, new DagExecutor.Schedule(priority::get, lane::get, 3));
    }
  }

  /**
   * With one slot, each node that starts has the highest priority of the nodes ready at that moment
   * (every dependency finished, not yet started), ties going to the earlier topological position.
   */
  @Test
  void withOneSlotEachStartIsTheBestReadyNode() throws Exception {
    Random random = new Random(7);
    Map<String, List<String>> graph = randomDag(random, 1500);
    Map<String, Long> priority = new HashMap<>();
    graph.keySet().forEach(n -> priority.put(n, (long) random.nextInt(20)));
    Map<String, Integer> position = new HashMap<>();
    List<String> topo = DagExecutor.topologicalOrder(graph);
    for (int i = 0; i < topo.size(); i++) {
      position.put(topo.get(i), i);
    }
    Set<String> done = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    DagExecutor.run(graph, 1, new DagExecutor.Schedule(priority::get, n -> "", 1), node -> {
      for (String other : graph.keySet()) {
        boolean ready = !done.contains(other) && !other.equals(node) && done.containsAll(graph.get(other));
        boolean better = priority.get(other) > priority.get(node)
            || (priority.get(other).equals(priority.get(node)) && position.get(other) < position.get(node));
        if (ready && better) {
          wrong.add(node + " started while " + other + " was ready");
          break;
        }
      }
      done.add(node);
      return node;
    });
    assertEquals(graph.size(), done.size());
    assertEquals(List.of(), wrong);
  }

  private static void checkRun(int run, Map<String, List<String>> graph, DagExecutor.Schedule schedule)
      throws Exception {
    AtomicLong clock = new AtomicLong();
    Map<String, Long> started = new ConcurrentHashMap<>();
    Map<String, Long> finished = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Map<String, DagExecutor.Outcome<String>> out = DagExecutor.run(graph, PARALLELISM, schedule, node -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      started.put(node, clock.incrementAndGet());
      runs.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
      if (Integer.parseInt(node.substring(1)) % 7 == 0) {
        Thread.yield(); // vary the interleavings
      }
      finished.put(node, clock.incrementAndGet());
      inFlight.decrementAndGet();
      return node;
    });
    assertEquals(NODES, out.size(), "an outcome per node, run " + run);
    assertEquals(NODES, runs.size(), "every node ran, run " + run);
    runs.forEach((node, n) -> assertEquals(1, n.get(), node + " ran once"));
    assertTrue(maxInFlight.get() <= PARALLELISM, "at most " + PARALLELISM + " at once: " + maxInFlight.get());
    graph.forEach((node, deps) -> {
      assertTrue(out.get(node).ok(), node);
      for (String d : deps) {
        assertTrue(finished.get(d) < started.get(node), node + " started before its dependency " + d + " finished");
      }
    });
  }

  @Test
  void aFailureSkipsExactlyWhatIsDownstream() throws Exception {
    Random random = new Random(42);
    Map<String, List<String>> graph = randomDag(random, NODES);
    String failing = "n" + (NODES / 3);
    Map<String, DagExecutor.Outcome<Boolean>> told = new ConcurrentHashMap<>();
    Map<String, Long> toldAt = new ConcurrentHashMap<>();
    AtomicLong clock = new AtomicLong();
    AtomicInteger toldTwice = new AtomicInteger();
    Map<String, DagExecutor.Outcome<Boolean>> out = DagExecutor.run(graph, PARALLELISM, DagExecutor.Schedule.TOPOLOGICAL,
        node -> false, node -> {
          if (node.equals(failing)) {
            throw new IllegalStateException("boom");
          }
          return true;
        }, (node, outcome) -> {
          if (told.put(node, outcome) != null) {
            toldTwice.incrementAndGet();
          }
          toldAt.put(node, clock.incrementAndGet());
        });
    // the listener hears of every node once, skipped ones included, with its outcome, after its dependencies
    assertEquals(0, toldTwice.get());
    assertEquals(new HashMap<>(out), new HashMap<>(told));
    graph.forEach((node, deps) -> deps.forEach(d -> assertTrue(toldAt.get(d) < toldAt.get(node), node + " told before " + d)));
    // what waits (transitively) for the failing node, computed independently
    Map<String, Boolean> downstream = new TreeMap<>();
    for (String node : DagExecutor.topologicalOrder(graph)) {
      boolean hit = graph.get(node).stream().anyMatch(d -> d.equals(failing) || downstream.getOrDefault(d, false));
      downstream.put(node, hit);
    }
    assertNotNull(out.get(failing).error());
    int skipped = 0;
    for (Map.Entry<String, DagExecutor.Outcome<Boolean>> e : out.entrySet()) {
      if (e.getKey().equals(failing)) {
        continue;
      }
      boolean shouldSkip = downstream.get(e.getKey());
      assertEquals(shouldSkip, e.getValue().skippedBecause() != null, e.getKey());
      assertEquals(!shouldSkip, e.getValue().ok(), e.getKey());
      if (shouldSkip) {
        assertEquals(failing, e.getValue().skippedBecause(), e.getKey());
        skipped++;
      }
    }
    assertTrue(skipped > 0, "the random graph has nodes downstream of " + failing);
  }

  /**
   * Nodes that run despite failures (the apply's batches) run exactly once, after every dependency
   * settled, whatever failed upstream; their dependents then run as if nothing failed.
   */
  @Test
  void nodesThatRunDespiteFailuresRunOnceAfterTheirDependenciesSettled() throws Exception {
    Random random = new Random(7);
    Map<String, List<String>> graph = randomDag(random, NODES);
    Set<String> failing = new HashSet<>();
    Set<String> tolerant = new HashSet<>();
    for (int i = 0; i < NODES; i++) {
      int r = random.nextInt(20);
      (r == 0 ? failing : r < 4 ? tolerant : new HashSet<String>()).add("n" + i);
    }
    Map<String, Integer> runs = new ConcurrentHashMap<>();
    Map<String, Long> finished = new ConcurrentHashMap<>();
    Map<String, Long> started = new ConcurrentHashMap<>();
    AtomicLong clock = new AtomicLong();
    Map<String, DagExecutor.Outcome<Boolean>> out = DagExecutor.run(graph, PARALLELISM, DagExecutor.Schedule.TOPOLOGICAL,
        tolerant::contains, node -> {
          started.put(node, clock.incrementAndGet());
          runs.merge(node, 1, Integer::sum);
          finished.put(node, clock.incrementAndGet());
          if (failing.contains(node)) {
            throw new IllegalStateException("boom");
          }
          return true;
        });
    // expected outcome computed independently, in topological order
    Map<String, Boolean> succeeds = new HashMap<>();
    for (String node : DagExecutor.topologicalOrder(graph)) {
      boolean depsOk = graph.get(node).stream().allMatch(succeeds::get);
      boolean runsAtAll = depsOk || tolerant.contains(node);
      succeeds.put(node, runsAtAll && !failing.contains(node));
      assertEquals(runsAtAll ? 1 : null, runs.get(node), node);
      assertEquals(succeeds.get(node), out.get(node).ok(), node);
      if (runsAtAll) {
        for (String d : graph.get(node)) {
          if (started.containsKey(d)) {
            assertTrue(finished.get(d) < started.get(node), node + " started before " + d + " finished");
          }
        }
      }
    }
    assertTrue(tolerant.stream().anyMatch(n -> out.get(n).ok() && graph.get(n).stream().anyMatch(d -> !succeeds.get(d))),
        "some node ran despite a failed dependency");
  }

  /** Nodes n0..n(size-1); each waits for up to 4 random earlier nodes (so the graph is acyclic). */
  private static Map<String, List<String>> randomDag(Random random, int size) {
    Map<String, List<String>> graph = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      List<String> deps = new ArrayList<>();
      int n = i == 0 ? 0 : random.nextInt(5);
      for (int k = 0; k < n; k++) {
        deps.add("n" + random.nextInt(i));
      }
      graph.put("n" + i, deps);
    }
    return graph;
  }
}
