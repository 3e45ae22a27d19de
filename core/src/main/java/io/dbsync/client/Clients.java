package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DefaultCredentialsProvider;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.http.HttpClient;

import java.util.Optional;

/**
 * Builds SDK workspace clients: explicit host + token (tests, emulator), or whatever the SDK's own
 * configuration chain resolves (profiles, environment, every auth type).
 */
public final class Clients {
  /**
   * Requests in flight by default when the client paces itself: the {@link Pacer} holds each family
   * at its limit, so the number of concurrent requests must not be what bounds a run (at 50 ms a
   * request, 8 in flight cap a run at 160 requests/s, below the sum of the families' limits). It
   * stays under the SDK connection pool's 20 connections per route.
   */
  public static final int PACED_PARALLELISM = 16;

  private Clients() {}

  /** True when the client was built here with pacing on ({@link RateLimits#enabled}). */
  public static boolean paced(WorkspaceClient client) {
    return client != null && counter(client).map(c -> c.pacer().limits().enabled()).orElse(false);
  }

  /**
   * The default number of requests in flight for a client: {@link #PACED_PARALLELISM} when it paces
   * itself, else {@code unpaced} (what the command uses without pacing, where nothing else holds the
   * rate below the server's limits).
   */
  public static int defaultParallelism(WorkspaceClient client, int unpaced) {
    return paced(client) ? Math.max(PACED_PARALLELISM, unpaced) : unpaced;
  }

  /**
   * A PAT client for a host such as https://adb-1.azuredatabricks.net or http://127.0.0.1:PORT. Like
   * every client built here it waits out 429s patiently and counts its calls (see {@link CountingHttpClient}).
   */
  public static WorkspaceClient forHost(String host, String token) {
    return countingForHost(host, token);
  }

  /** Like {@link #forHost} with API-call counting (see {@link #counter}). */
  public static WorkspaceClient countingForHost(String host, String token) {
    return countingForHost(host, token, RateLimits.off());
  }

  /** Like {@link #countingForHost(String, String)}, paced per API family at {@code limits}. */
  public static WorkspaceClient countingForHost(String host, String token, RateLimits limits) {
    return forConfig(new DatabricksConfig().setHost(host).setToken(token).setAuthType("pat").resolve(), limits);
  }

  /**
   * The workspace configuration the Databricks SDK's unified authentication resolves, exactly as the
   * Databricks CLI does: {@code profile} (null: DATABRICKS_CONFIG_PROFILE, else the environment's
   * DATABRICKS_HOST with DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID/SECRET, ARM_*..., else [DEFAULT]) of
   * ~/.databrickscfg or {@code configFile} (null: DATABRICKS_CONFIG_FILE or ~/.databrickscfg), with
   * every auth type the SDK supports. Credentials are fetched on the first request.
   *
   * @return the resolved config; its host is null when nothing names a workspace
   * @throws com.databricks.sdk.core.DatabricksException when the configuration is unusable (unknown
   *     profile, conflicting auth settings)
   */
  public static DatabricksConfig resolve(String profile, String configFile) {
    DatabricksConfig cfg = new DatabricksConfig();
    if (profile != null) {
      cfg.setProfile(profile);
    }
    if (configFile != null) {
      cfg.setConfigFile(configFile);
    }
    return cfg.resolve();
  }

  /**
   * A counting client for a configuration from {@link #resolve}: the default HTTP client, built with
   * the resolved timeouts and proxy settings, is wrapped before the SDK's ApiClient captures it.
   */
  public static WorkspaceClient forConfig(DatabricksConfig resolved) {
    return forConfig(resolved, RateLimits.off());
  }

  /**
   * Like {@link #forConfig(DatabricksConfig)}, paced per API family at {@code limits} (see
   * {@link Pacer}): one pacer for every thread that uses the returned client.
   */
  public static WorkspaceClient forConfig(DatabricksConfig resolved, RateLimits limits) {
    patWithoutTheChain(resolved);
    resolved.setHttpClient(new CountingHttpClient(new CommonsHttpClient.Builder().withDatabricksConfig(resolved).build(),
        new Pacer(limits)));
    return new WorkspaceClient(resolved);
  }

  /**
   * A token with no other auth type named authenticates as the SDK's default chain would (PAT is the
   * chain's first provider and wins whenever a token is set), but without building the chain: building
   * it looks up the workspace's OIDC endpoints, one more request per client, which a host that cannot
   * be reached answers only after ~9 s of retries, before the run can say it is unreachable.
   */
  static void patWithoutTheChain(DatabricksConfig cfg) {
    String token = cfg.getToken();
    String type = cfg.getAuthType();
    if (token != null && !token.isEmpty() && (type == null || type.isEmpty() || PatCredentialsProvider.PAT.equals(type))
        && cfg.getCredentialsProvider() instanceof DefaultCredentialsProvider) {
      cfg.setCredentialsProvider(new PatCredentialsProvider());
    }
  }

  /** The call counter of a client built by this class's counting factories, if it has one. */
  public static Optional<CountingHttpClient> counter(WorkspaceClient client) {
    HttpClient http = client.config().getHttpClient();
    if (http instanceof ReadOnlyHttpClient readOnly) {
      http = readOnly.delegate();
    }
    return http instanceof CountingHttpClient c ? Optional.of(c) : Optional.empty();
  }

  /**
   * The same workspace and credentials through a {@link ReadOnlyHttpClient}: every write is refused
   * before it is sent (reads are still counted by the original's counter, see {@link #counter}).
   */
  public static WorkspaceClient readOnly(WorkspaceClient client) {
    DatabricksConfig config = client.config().clone();
    config.setHttpClient(new ReadOnlyHttpClient(client.config().getHttpClient()));
    return new WorkspaceClient(config);
  }
}
