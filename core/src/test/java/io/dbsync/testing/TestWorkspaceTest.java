package io.dbsync.testing;

import com.databricks.sdk.core.error.platform.NotFound;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestWorkspaceTest {
  @Test
  void sdkReachesTheEmulatorOverPlainHttp() {
    try (TestWorkspace ws = TestWorkspace.start()) {
      NotFound e = assertThrows(NotFound.class,
          () -> ws.client().apiClient().execute(new com.databricks.sdk.core.http.Request("GET", "/api/2.0/no-such-thing"), Object.class));
      assertEquals("ENDPOINT_NOT_FOUND", e.getErrorCode());
      assertEquals(1, ws.emulator().requests().route("GET /api/2.0/no-such-thing"));
    }
  }
}
