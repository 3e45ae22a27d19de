package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Phase 2's runner: every object once, bounded, the family that takes longest first. */
class ObjectExportsTest {
  private static Map<Kind, List<SourceObject>> objects(int jobs, int notebooks, int clusters) {
    Map<Kind, List<SourceObject>> out = new LinkedHashMap<>();
    out.put(new FixedKind("databricks_job", "job", "job"), named("job", jobs));
    out.put(new FixedKind("databricks_notebook", "notebook", "notebook"), named("nb", notebooks));
    out.put(new FixedKind("databricks_cluster", "cluster", "cluster"), named("cl", clusters));
    return out;
  }

  private static List<SourceObject> named(String prefix, int n) {
    List<SourceObject> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(new SourceObject(prefix + i, prefix + "_" + i, null));
    }
    return l;
  }

  /** Stress: thousands of objects on virtual threads, each exported exactly once, never more than the bound at once. */
  @Test
  void everyObjectOnceAndNeverMoreThanTheParallelismAtOnce() {
    Map<Kind, List<SourceObject>> all = objects(1500, 2500, 1000);
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ObjectExports.run(all, 16, (kind, obj) -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      seen.merge(kind.info().type() + "/" + obj.id(), 1, Integer::sum);
      Thread.yield();
      inFlight.decrementAndGet();
    });
    assertEquals(5000, seen.size());
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "each object exported once");
    assertTrue(maxInFlight.get() <= 16, "at most 16 at once: " + maxInFlight.get());
  }

  @Test
  void theFamilyThatTakesLongestStartsFirstThenTheOthersInListingOrder() {
    // workspace reads at 50/s: 3 notebooks take 60 ms; jobs at 100/s: 4 jobs 40 ms; clusters at 30/s: 1 takes 33 ms
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    ObjectExports.run(objects(4, 3, 1), 1, (kind, obj) -> started.add(obj.id()));
    assertEquals(List.of("nb0", "nb1", "nb2", "job0", "job1", "job2", "job3", "cl0"), started);
  }

  @Test
  void aVirtualMachineErrorStillStopsTheRun() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> ObjectExports.run(objects(2, 2, 0), 4,
        (kind, obj) -> {
          if (obj.id().equals("nb1")) {
            throw oom;
          }
        }));
    assertSame(oom, thrown);
  }
}
