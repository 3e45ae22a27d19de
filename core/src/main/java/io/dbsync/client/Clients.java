package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;

import java.util.Map;
import java.util.Optional;

/** Builds SDK workspace clients: explicit host + token (tests, emulator), or a ~/.databrickscfg profile / env. */
public final class Clients {
  private Clients() {}

  /**
   * A PAT client for a host such as https://adb-1.azuredatabricks.net or http://127.0.0.1:PORT. Like
   * every client built here it waits out 429s patiently and counts its calls (see {@link CountingHttpClient}).
   */
  public static WorkspaceClient forHost(String host, String token) {
    return countingForHost(host, token);
  }

  /** Like {@link #forHost} with API-call counting (see {@link #counter}). */
  public static WorkspaceClient countingForHost(String host, String token) {
    return counting(new DatabricksConfig().setHost(host).setToken(token).setAuthType("pat"));
  }

  /**
   * A counting client for a profile of ~/.databrickscfg (or of {@code configFile} when not null).
   * The profile's host may be a plain http://127.0.0.1:PORT with a token (the emulator).
   */
  public static WorkspaceClient forProfile(String profile, String configFile) {
    DatabricksConfig cfg = new DatabricksConfig().setProfile(profile);
    if (configFile != null) {
      cfg.setConfigFile(configFile);
    }
    return counting(cfg);
  }

  public static WorkspaceClient forProfile(String profile) {
    return forProfile(profile, null);
  }

  /** A counting PAT client from DATABRICKS_HOST and DATABRICKS_TOKEN. */
  public static WorkspaceClient fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** As {@link #fromEnvironment()} over the given variables (testable without touching the process env). */
  public static WorkspaceClient fromEnvironment(Map<String, String> env) {
    String host = env.get("DATABRICKS_HOST");
    String token = env.get("DATABRICKS_TOKEN");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("DATABRICKS_HOST is not set (or pass --profile)");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("DATABRICKS_TOKEN is not set (or pass --profile)");
    }
    return countingForHost(host, token);
  }

  /** The call counter of a client built by this class's counting factories, if it has one. */
  public static Optional<CountingHttpClient> counter(WorkspaceClient client) {
    return client.config().getHttpClient() instanceof CountingHttpClient c ? Optional.of(c) : Optional.empty();
  }

  /**
   * Resolves the config (profile file, env) first so the default HTTP client is built with the
   * resolved timeouts and proxy settings, then wraps that client before the SDK's ApiClient captures it.
   */
  private static WorkspaceClient counting(DatabricksConfig cfg) {
    cfg.resolve();
    cfg.setHttpClient(new CountingHttpClient(new CommonsHttpClient.Builder().withDatabricksConfig(cfg).build()));
    return new WorkspaceClient(cfg);
  }
}
