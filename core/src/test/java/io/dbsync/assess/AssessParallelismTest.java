package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.config.ExportConfig;
import io.dbsync.kind.KindRegistry;
import io.dbsync.testing.WorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** assess lists and reads as export does: the same default parallelism for the same client; an explicit value wins. */
class AssessParallelismTest {
  /**
   * Only the client's pacing matters; it points at a live emulator because building a client resolves
   * the workspace's OIDC endpoints, which an unreachable host answers only after ~9 s of retries.
   */
  @RegisterExtension
  static final WorkspaceExtension WS = new WorkspaceExtension();

  private static WorkspaceClient client(RateLimits limits) {
    return WS.client(limits);
  }

  private static AssessOptions options(RateLimits limits, int parallelism) {
    WorkspaceClient client = client(limits);
    ExportConfig config = ExportConfig.parse("objects:\n  cluster: {}\n", KindRegistry.standard().configKeys());
    return new AssessOptions(client, null, config, null, parallelism, null, null, null);
  }

  @Test
  void pacedByDefaultSoSixteenInFlightAsExport() {
    assertEquals(Clients.PACED_PARALLELISM, options(RateLimits.published(), 0).effectiveParallelism());
  }

  @Test
  void withoutPacingExportsDefault() {
    assertEquals(io.dbsync.export.Exporter.DEFAULT_PARALLELISM, options(RateLimits.off(), 0).effectiveParallelism());
  }

  @Test
  void anExplicitValueWins() {
    assertEquals(3, options(RateLimits.published(), 3).effectiveParallelism());
    assertEquals(24, options(RateLimits.off(), 24).effectiveParallelism());
  }
}
