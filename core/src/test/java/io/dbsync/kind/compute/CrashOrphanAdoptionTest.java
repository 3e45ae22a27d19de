package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.StateStore;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run dies after the API created a cluster and a job but before the state recorded them (here:
 * the state store fails). The next run must adopt those orphans, not create duplicates, even though
 * cluster and job names are not unique.
 */
class CrashOrphanAdoptionTest {
  @TempDir
  Path tmp;

  @Test
  void objectsCreatedBeforeAFailedStateWriteAreAdoptedNotDuplicated() throws Exception {
    Path exports = tmp.resolve("exports");
    Files.createDirectories(exports.resolve("cluster"));
    Files.createDirectories(exports.resolve("job"));
    Files.writeString(exports.resolve("cluster/etl.tf.json"), """
        {"resource": {"databricks_cluster": {"etl": {
          "cluster_name": "etl", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge",
          "num_workers": 2, "autotermination_minutes": 30}}}}""");
    Files.writeString(exports.resolve("job/nightly.tf.json"), """
        {"resource": {"databricks_job": {"nightly": {
          "name": "nightly", "max_concurrent_runs": 1,
          "task": [{"task_key": "main", "existing_cluster_id": "${databricks_cluster.etl.id}",
                    "notebook_task": {"notebook_path": "/Shared/nb"}}]}}}}""");
    try (TestWorkspace target = TestWorkspace.start()) {
      // a decoy with the same name but other settings: must never be adopted
      target.client().apiClient().execute(new com.databricks.sdk.core.http.Request("POST", "/api/2.1/clusters/create",
          "{\"cluster_name\": \"etl\", \"spark_version\": \"14.3.x-scala2.12\", \"node_type_id\": \"i3.xlarge\", \"num_workers\": 1}"),
          java.util.HashMap.class);
      LocalStateStore real = LocalStateStore.inDirectory(tmp.resolve("state"));
      ImportResult crashed = run(exports, new FailingWrites(real, 1), target); // the pending mark is written, the result is not
      assertFalse(crashed.success(), "the state write failed, so the run must report failure");
      assertEquals(2, count(target, "/api/2.1/clusters/list", "clusters"), "decoy + the created cluster");

      ImportResult resumed = run(exports, real, target);
      assertTrue(resumed.success(), resumed.planText());
      assertEquals(2, count(target, "/api/2.1/clusters/list", "clusters"), "the orphan cluster was adopted, not duplicated");
      assertEquals(1, count(target, "/api/2.2/jobs/list", "jobs"), "one job, however many runs");
      assertTrue(!Files.readString(tmp.resolve("state").resolve(LocalStateStore.STATE_FILE)).contains("\"adopted\""),
          "the orphan was this import's own creation, so it is not marked adopted (it will be destroyed like the rest)");

      target.emulator().requests().reset();
      ImportResult again = run(exports, real, target);
      assertTrue(again.plan().actionable().isEmpty(), again.planText());
      assertEquals(0, target.emulator().requests().writes());
    }
  }

  private static ImportResult run(Path exports, StateStore store, TestWorkspace target) throws Exception {
    return new Importer(ImportOptions.builder(exports, store, KindRegistry.standard(), target.client())
        .apply(true).env(Map.of()).parallelism(1).out(new PrintStream(new ByteArrayOutputStream())).build()).run();
  }

  private static int count(TestWorkspace ws, String path, String field) throws IOException {
    JsonNode resp = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
        ws.client().apiClient().execute(new com.databricks.sdk.core.http.Request("GET", path), java.util.HashMap.class));
    return resp.path(field).size();
  }

  /** A store whose writes fail after {@code allowed} successful ones (the process "dies" there). */
  private static final class FailingWrites implements StateStore {
    private final StateStore delegate;
    private final AtomicInteger remaining;

    FailingWrites(StateStore delegate, int allowed) {
      this.delegate = delegate;
      this.remaining = new AtomicInteger(allowed);
    }

    @Override
    public Optional<byte[]> read() throws IOException {
      return delegate.read();
    }

    @Override
    public void write(byte[] state) throws IOException {
      if (remaining.getAndDecrement() <= 0) {
        throw new IOException("simulated crash before the state write");
      }
      delegate.write(state);
    }

    @Override
    public StateLock lock(LockInfo info) throws IOException, StateLockedException {
      return delegate.lock(info);
    }

    @Override
    public void forceUnlock(String lockId) throws IOException {
      delegate.forceUnlock(lockId);
    }

    @Override
    public String describe() {
      return "failing " + delegate.describe();
    }
  }
}
