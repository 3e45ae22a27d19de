package io.dbsync.importer;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.WorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The import's parallelism: explicit, else the environment's, else a default sized for pacing. */
class ImportOptionsTest {
  @TempDir
  Path dir;

  /**
   * Only the client's pacing matters; it points at a live emulator because building a client resolves
   * the workspace's OIDC endpoints, which an unreachable host answers only after ~9 s of retries.
   */
  @RegisterExtension
  static final WorkspaceExtension WS = new WorkspaceExtension();

  private static WorkspaceClient client(RateLimits limits) {
    return WS.client(limits);
  }

  private ImportOptions options(WorkspaceClient client, Map<String, String> env, int parallelism) {
    return ImportOptions.builder(dir, LocalStateStore.inDirectory(dir.resolve("state")), KindRegistry.standard(), client)
        .env(env).parallelism(parallelism).build();
  }

  @Test
  void aPacedClientGetsTheLargerDefault() throws Exception {
    assertEquals(Clients.PACED_PARALLELISM, options(client(RateLimits.published()), Map.of(), 0).effectiveParallelism());
    assertEquals(16, Clients.PACED_PARALLELISM);
  }

  @Test
  void withoutPacingTheDefaultStaysFour() throws Exception {
    assertEquals(ImportOptions.DEFAULT_PARALLELISM, options(client(RateLimits.off()), Map.of(), 0).effectiveParallelism());
    assertEquals(4, ImportOptions.DEFAULT_PARALLELISM);
  }

  @Test
  void theEnvironmentAndAnExplicitValueStillWin() throws Exception {
    WorkspaceClient paced = client(RateLimits.published());
    assertEquals(3, options(paced, Map.of(ImportOptions.PARALLELISM_ENV, "3"), 0).effectiveParallelism());
    assertEquals(2, options(paced, Map.of(ImportOptions.PARALLELISM_ENV, "3"), 2).effectiveParallelism());
    assertEquals(5, options(client(RateLimits.off()), Map.of(), 5).effectiveParallelism());
  }
}
