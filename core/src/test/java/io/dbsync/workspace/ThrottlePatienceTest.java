package io.dbsync.workspace;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sustained 429s outlast the SDK's four attempts; our clients wait them out instead of failing the run. */
class ThrottlePatienceTest {
  @Test
  void requestsSucceedUnderASustainedThrottle() throws Exception {
    try (Emulator emulator = new Emulator().start()) {
      emulator.options().rateLimits.put("scim", 0.4);
      emulator.options().retryAfterSeconds = 1;
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      for (int i = 0; i < 3; i++) {
        assertEquals("admin@example.com",
            client.currentUser().me(new com.databricks.sdk.service.iam.MeRequest()).getUserName());
      }
      CountingHttpClient.Snapshot s = Clients.counter(client).orElseThrow().snapshot();
      assertTrue(s.throttled() >= 4, "at 0.4 req/s the later calls were throttled more often than the SDK alone retries: " + s);
      assertEquals(emulator.requests().throttled(), s.throttled(), "every 429 is counted once");
    }
  }
}
