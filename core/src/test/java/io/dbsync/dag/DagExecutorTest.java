package io.dbsync.dag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void cyclesAreReported() {
    DagExecutor.CycleException e = assertThrows(DagExecutor.CycleException.class,
        () -> DagExecutor.topologicalOrder(Map.of("a", List.of("b"), "b", List.of("a"), "c", List.of())));
    assertTrue(e.getMessage().contains("a, b"), e.getMessage());
  }
}
