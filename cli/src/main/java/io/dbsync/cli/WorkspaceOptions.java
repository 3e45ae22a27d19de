package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.MeRequest;
import io.dbsync.client.Clients;
import picocli.CommandLine.Option;

import java.util.Map;

/** How a command reaches its workspace: a ~/.databrickscfg profile, else DATABRICKS_HOST/DATABRICKS_TOKEN. */
final class WorkspaceOptions {
  @Option(names = "--profile", paramLabel = "PROFILE",
      description = "Profile in ~/.databrickscfg (host may be http://127.0.0.1:PORT for the emulator). Default: DATABRICKS_HOST and DATABRICKS_TOKEN.")
  String profile;

  /**
   * A client whose host and credentials were checked with one cheap call (SCIM Me), so an unreachable
   * host or a bad token stops the run before anything is read or written.
   */
  WorkspaceClient client(Map<String, String> env) {
    WorkspaceClient client = unchecked(env);
    client.currentUser().me(new MeRequest());
    return client;
  }

  private WorkspaceClient unchecked(Map<String, String> env) {
    if (profile != null) {
      return Clients.forProfile(profile, env.get("DATABRICKS_CONFIG_FILE"));
    }
    if (env.get("DATABRICKS_HOST") == null) {
      throw new UserErrors.BadInput("no workspace given: pass --profile PROFILE, or set DATABRICKS_HOST and DATABRICKS_TOKEN");
    }
    try {
      return Clients.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new UserErrors.BadInput(e.getMessage(), e);
    }
  }
}
