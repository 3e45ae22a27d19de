package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.config.ExportConfig;
import io.dbsync.git.GitTarget;
import io.dbsync.kind.KindRegistry;
import io.dbsync.testing.WorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The export's default parallelism is sized for pacing; an explicit value wins. */
class ExportParallelismTest {
  /**
   * Only the client's pacing matters; it points at a live emulator because building a client resolves
   * the workspace's OIDC endpoints, which an unreachable host answers only after ~9 s of retries.
   */
  @RegisterExtension
  static final WorkspaceExtension WS = new WorkspaceExtension();

  private static WorkspaceClient client(RateLimits limits) {
    return WS.client(limits);
  }

  private static ExportOptions.Builder options(WorkspaceClient client) {
    ExportConfig config = ExportConfig.parse("objects:\n  cluster: {}\n", KindRegistry.standard().configKeys());
    return ExportOptions.builder(client, config, new GitTarget.Local(Path.of("unused")));
  }

  @Test
  void pacedByDefaultSoSixteenInFlight() {
    assertEquals(16, options(client(RateLimits.published())).build().parallelism());
    assertEquals(16, Exporter.defaultParallelism(client(RateLimits.published())));
  }

  @Test
  void withoutPacingEight() {
    assertEquals(8, options(client(RateLimits.off())).build().parallelism());
    assertEquals(Exporter.DEFAULT_PARALLELISM, Exporter.defaultParallelism(client(RateLimits.off())));
  }

  @Test
  void anExplicitValueWins() {
    assertEquals(3, options(client(RateLimits.published())).parallelism(3).build().parallelism());
    assertEquals(24, options(client(RateLimits.off())).parallelism(24).build().parallelism());
  }
}
