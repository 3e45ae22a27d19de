package io.dbsync.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;

/** Builds SDK workspace clients: explicit host + token (tests, emulator), or a ~/.databrickscfg profile / env. */
public final class Clients {
  private Clients() {}

  /** A PAT client for a host such as https://adb-1.azuredatabricks.net or http://127.0.0.1:PORT. */
  public static WorkspaceClient forHost(String host, String token) {
    DatabricksConfig cfg = new DatabricksConfig().setHost(host).setToken(token).setAuthType("pat");
    return new WorkspaceClient(cfg);
  }
}
