package io.dbsync.apply;

import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: every change is in the store when its call returns, and concurrent changes share writes. */
class StateSessionTest {
  @Test
  void eachChangeIsDurableOnReturnAndConcurrentChangesShareWrites() throws Exception {
    MemoryStateStore store = new MemoryStateStore(40); // slow writes, like a remote bucket's
    StateSession session = new StateSession(StateDocument.empty(), store);
    List<String> notDurable = new CopyOnWriteArrayList<>();
    int actions = 16;
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < actions; i++) {
        String address = "databricks_job.j" + i;
        futures.add(pool.submit(() -> {
          session.put(address, new StateEntry("databricks_job", "id" + address, TfJson.object(), List.of(), "job", Set.of()));
          if (StateDocument.parse(store.latest.get(), "slow").get(address).isEmpty()) {
            notDurable.add(address);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertTrue(notDurable.isEmpty(), "returned before their change was stored: " + notDurable);
    assertEquals(actions, StateDocument.parse(store.latest.get(), "slow").resources().size());
    assertTrue(store.writes.get() < actions, "8 threads, slow writes: changes must share writes, got " + store.writes.get());
  }
}
