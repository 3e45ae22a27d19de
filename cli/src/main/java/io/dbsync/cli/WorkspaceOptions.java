package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import io.dbsync.client.Caller;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * How a command reaches its workspace: the Databricks SDK's own configuration chain, as the Databricks
 * CLI resolves it (profile flag, DATABRICKS_CONFIG_PROFILE, environment variables, [DEFAULT], any
 * auth type the SDK supports). DATABRICKS_CONFIG_FILE is read through {@link Env} (the same variable
 * the SDK reads) so that in-process tests can point at their own profiles file.
 */
final class WorkspaceOptions {
  @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
      description = {"Profile in ~/.databrickscfg (or DATABRICKS_CONFIG_FILE), any auth type the Databricks SDK supports.",
          "Default: DATABRICKS_CONFIG_PROFILE, else DATABRICKS_HOST with DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID/"
              + "DATABRICKS_CLIENT_SECRET, ARM_*..., else the [DEFAULT] profile."})
  String profile;

  @Mixin
  PacingOptions pacing = new PacingOptions();

  /**
   * A client whose host and credentials were checked with one cheap call (SCIM Me), so an unreachable
   * host or a bad credential stops the run before anything is read or written.
   */
  WorkspaceClient client(Map<String, String> env) {
    RateLimits limits = pacing.limits(); // a malformed --rate-limit stops the run before any call
    String requested = profile != null ? profile : env.get("DATABRICKS_CONFIG_PROFILE");
    String envHost = env.get("DATABRICKS_HOST");
    if (profile == null && envHost != null && !envHost.isBlank()) {
      checkHost(envHost.contains("://") ? envHost.strip() : "https://" + envHost.strip()); // before the SDK spends seconds on it
    }
    DatabricksConfig cfg;
    try {
      cfg = Clients.resolve(profile, env.get("DATABRICKS_CONFIG_FILE"));
    } catch (DatabricksException e) {
      throw AuthErrors.configuration(e, requested);
    }
    if (cfg.getHost() == null) {
      throw AuthErrors.noWorkspace();
    }
    checkHost(cfg.getHost());
    WorkspaceClient client = Clients.forConfig(cfg, limits);
    try {
      Caller.me(client); // the sign-in check; what it answers serves the rest of the run
    } catch (RuntimeException e) {
      throw AuthErrors.check(e, client.config(), requested);
    }
    return client;
  }

  /** A host that is not a URL says so (review D17: it read "cannot connect to the workspace (https)"). */
  private static void checkHost(String host) {
    try {
      URI uri = new URI(host);
      if (uri.getHost() == null || uri.getScheme() == null) {
        throw new URISyntaxException(host, "no scheme or host");
      }
    } catch (URISyntaxException e) {
      throw new UserErrors.BadInput("the workspace host '" + host + "' is not a URL (expected https://<workspace host>)");
    }
  }
}
