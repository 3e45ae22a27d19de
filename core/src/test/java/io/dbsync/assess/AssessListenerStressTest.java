package io.dbsync.assess;

import io.dbsync.kind.Kind;
import io.dbsync.kind.compute.ClusterKind;
import io.dbsync.kind.workspace.SecretScopeKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The export's worker threads report skipped objects at once: none is lost, and the groups add up. */
class AssessListenerStressTest {
  @Test
  void concurrentSkipsAreAllCounted() throws Exception {
    AssessListener listener = new AssessListener(null, Clock.systemUTC());
    Kind clusters = new ClusterKind();
    Kind scopes = new SecretScopeKind();
    int threads = 8;
    int each = 2_000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            listener.skipped(i % 2 == 0 ? clusters : scopes, "o-" + thread + "-" + i, "reason " + (i % 3));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Assessment.Skip> skips = listener.skips();
    assertEquals(threads * each, skips.stream().mapToInt(Assessment.Skip::count).sum());
    assertEquals(6, skips.size(), "two kinds times three reasons");
    skips.forEach(s -> assertEquals(5, s.examples().size()));
  }
}
