package io.dbsync.kind.admin;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.DestroyContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ResultType;
import com.databricks.sdk.service.compute.Results;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.support.Wait;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Running code on a cluster through command execution 1.2 (create a context, execute, wait, destroy
 * the context), and choosing the cluster: the configured one (started when terminated, as the
 * Terraform provider does) or else the first RUNNING cluster of the workspace. Mounts, metastore
 * statements and the secret-values command of secret scopes run through it.
 */
public final class ClusterCommands {
  private static final Duration WAIT = Duration.ofMinutes(20);

  private ClusterCommands() {}

  /** A failed command: the exception summary the cluster reported. */
  public static final class CommandFailedException extends IOException {
    CommandFailedException(String message) {
      super(message);
    }
  }

  /** The cluster to run commands on; fails with a message naming the config key when there is none. */
  public static String cluster(WorkspaceClient client, String configured, String configHint) throws IOException {
    if (configured != null && !configured.isBlank()) {
      ClusterDetails c = client.clusters().get(configured);
      if (c.getState() != State.RUNNING) {
        await(client.clusters().start(configured), "cluster " + configured + " to start");
      }
      return configured;
    }
    return firstRunning(client).orElseThrow(() -> new IllegalStateException(
        "no RUNNING cluster to run commands on; start one or set " + configHint));
  }

  static Optional<String> firstRunning(WorkspaceClient client) {
    for (ClusterDetails c : client.clusters().list(new ListClustersRequest())) {
      if (c.getState() == State.RUNNING) {
        return Optional.of(c.getClusterId());
      }
    }
    return Optional.empty();
  }

  /** Runs code and returns its results; an error result becomes a CommandFailedException. */
  static Results run(WorkspaceClient client, String clusterId, Language language, String code) throws IOException {
    String ctx = await(client.commandExecution().create(new CreateContext().setClusterId(clusterId)
        .setLanguage(language)), "an execution context on cluster " + clusterId).getId();
    try {
      CommandStatusResponse r = await(client.commandExecution().execute(new Command().setClusterId(clusterId)
          .setContextId(ctx).setLanguage(language).setCommand(code)), "a command on cluster " + clusterId);
      Results results = r.getResults();
      if (results == null) {
        throw new CommandFailedException("command on cluster " + clusterId + " ended " + r.getStatus() + " without results");
      }
      if (results.getResultType() == ResultType.ERROR) {
        throw new CommandFailedException(results.getSummary() == null ? String.valueOf(results.getCause()) : results.getSummary());
      }
      return results;
    } finally {
      client.commandExecution().destroy(new DestroyContext().setClusterId(clusterId).setContextId(ctx));
    }
  }

  /** The text output of a Python command. */
  public static String python(WorkspaceClient client, String clusterId, String code) throws IOException {
    Object data = run(client, clusterId, Language.PYTHON, code).getData();
    return data == null ? "" : data.toString();
  }

  /** The SDK's wait for a long-running operation, bounded by {@link #WAIT}. */
  private static <T> T await(Wait<T, ?> wait, String what) throws IOException {
    try {
      return wait.get(WAIT);
    } catch (TimeoutException e) {
      throw new IOException("gave up waiting for " + what + " after " + WAIT.toMinutes() + " minutes", e);
    }
  }
}
