package io.dbsync.client;

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
      // one token per 5 s, Retry-After 1 s: the second call stays throttled for about 4 s, longer
      // than the SDK's own three retries cover, so only the client's patience gets it through
      emulator.options().rateLimits.put("scim", 0.2);
      emulator.options().retryAfterSeconds = 1;
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      for (int i = 0; i < 2; i++) {
        assertEquals("admin@example.com",
            client.currentUser().me(new com.databricks.sdk.service.iam.MeRequest()).getUserName());
      }
      CountingHttpClient.Snapshot s = Clients.counter(client).orElseThrow().snapshot();
      assertTrue(s.throttled() >= 3, "the second call was throttled for seconds: " + s);
      assertEquals(emulator.requests().throttled(), s.throttled(), "every 429 is counted once");
    }
  }
}
