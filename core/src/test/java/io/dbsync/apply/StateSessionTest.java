package io.dbsync.apply;

import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateStore;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: every change is in the store when its call returns, and concurrent changes share writes. */
class StateSessionTest {
  /** A store whose writes take a while, like a remote bucket. */
  private static final class SlowStore implements StateStore {
    final AtomicReference<byte[]> latest = new AtomicReference<>();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<byte[]> read() {
      return Optional.ofNullable(latest.get());
    }

    @Override
    public void write(byte[] state) throws IOException {
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      latest.set(state);
      writes.incrementAndGet();
    }

    @Override
    public StateLock lock(LockInfo info) {
      return () -> { };
    }

    @Override
    public void forceUnlock(String lockId) {
      throw new UnsupportedOperationException("never locked");
    }

    @Override
    public String describe() {
      return "slow";
    }
  }

  @Test
  void eachChangeIsDurableOnReturnAndConcurrentChangesShareWrites() throws Exception {
    SlowStore store = new SlowStore();
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
