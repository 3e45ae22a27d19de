package io.dbsync.testing;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.RateLimits;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulated workspace for a test class, started before its first test and closed after its last:
 * {@code @RegisterExtension static final WorkspaceExtension WS = new WorkspaceExtension();}
 */
public final class WorkspaceExtension implements BeforeAllCallback, AfterAllCallback {
  private TestWorkspace ws;

  @Override
  public void beforeAll(ExtensionContext context) {
    ws = TestWorkspace.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (ws != null) {
      ws.close();
    }
  }

  public TestWorkspace workspace() {
    return ws;
  }

  /** A client of the workspace paced by {@code limits}. */
  public WorkspaceClient client(RateLimits limits) {
    return ws.client(limits);
  }
}
