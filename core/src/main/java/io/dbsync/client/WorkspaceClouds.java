package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Cloud;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The cloud a workspace runs on. First the host name, as the SDK's own {@link DatabricksEnvironment}
 * table knows it (*.cloud.databricks.com, *.azuredatabricks.net, *.gcp.databricks.com and the
 * government clouds) — no request; then, for hosts the table does not know (private link aliases,
 * the emulator), the {@code cloud} the workspace reports at {@code /.well-known/databricks-config}.
 * Empty when neither answers (or there is no client).
 */
public final class WorkspaceClouds {
  /** What the workspace reports, once per client: the exporter and the instance-profile kind both ask. */
  private static final ClientMemo<Optional<Cloud>> REPORTED = new ClientMemo<>(WorkspaceClouds::reported);

  private WorkspaceClouds() {}

  public static Optional<Cloud> detect(WorkspaceClient client) {
    if (client == null) {
      return Optional.empty();
    }
    String host = client.config().getHost();
    Optional<Cloud> byHost = fromHost(host);
    if (byHost.isPresent()) {
      return byHost;
    }
    return REPORTED.get(client);
  }

  private static Optional<Cloud> reported(WorkspaceClient client) {
    try {
      JsonNode meta = Rest.get(client, "/.well-known/databricks-config");
      return fromReported(meta.path("cloud").asText(""));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // older workspaces do not serve the document: the cloud stays unknown
    }
  }

  /** The cloud of a host whose DNS zone the SDK knows, else empty (no guess for unknown hosts). */
  static Optional<Cloud> fromHost(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    String name;
    try {
      name = host.contains("://") ? URI.create(host).getHost() : host;
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (name == null) {
      return Optional.empty();
    }
    name = name.toLowerCase(Locale.ROOT);
    for (DatabricksEnvironment env : DatabricksEnvironment.ALL_ENVIRONMENTS) {
      if (name.endsWith(env.getDnsZone())) {
        return Optional.of(Cloud.valueOf(env.getCloud().name()));
      }
    }
    return Optional.empty();
  }

  /** "AWS", "Azure", "GCP" as the host metadata spells them. */
  static Optional<Cloud> fromReported(String cloud) {
    try {
      return cloud.isBlank() ? Optional.empty() : Optional.of(Cloud.parse(cloud));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
