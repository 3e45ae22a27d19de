package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.config.ExportConfig;
import io.dbsync.git.GitTarget;
import io.dbsync.kind.KindRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The export's default parallelism is sized for pacing; an explicit value wins. */
class ExportParallelismTest {
  /** No request is sent: the client only carries its pacing. */
  private static WorkspaceClient client(RateLimits limits) {
    return Clients.countingForHost("http://127.0.0.1:9", "token", limits);
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
