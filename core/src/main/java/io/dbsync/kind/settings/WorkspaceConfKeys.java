package io.dbsync.kind.settings;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The documented workspace-conf keys (those the Terraform provider's exporter reads, plus enableGp3)
 * and how to read them. The API has no listing: GET /api/2.0/workspace-conf answers only the keys it
 * is asked for ({@code ?keys=a,b}), each with its value as a string or null when nobody set it. The
 * SDK's WorkspaceConfAPI.getStatus never sends the keys (0.141), so the request goes through
 * {@link Rest}. A workspace that does not know some of the keys answers 400 "Invalid keys: [...]":
 * those are dropped and the rest asked again, as the provider does.
 */
final class WorkspaceConfKeys {
  static final String PATH = "/api/2.0/workspace-conf";
  static final List<String> DOCUMENTED = List.of(
      "customerApprovedWSLoginExpirationTime", "enable-X-Content-Type-Options", "enable-X-Frame-Options",
      "enable-X-XSS-Protection", "enableDatabricksAutologgingAdminConf", "enableDbfsFileBrowser",
      "enableDeprecatedClusterNamedInitScripts", "enableDeprecatedGlobalInitScripts", "enableEnforceImdsV2",
      "enableExportNotebook", "enableGp3", "enableIpAccessLists", "enableJobViewAcls",
      "enableLegacyNotebookVisualizations", "enableLibraryAndInitScriptOnSharedCluster",
      "enableNotebookTableClipboard", "enablePipelinesDataSample", "enableProjectTypeInWorkspace",
      "enableProjectsAllowList", "enableResultsDownloading", "enableTokensConfig", "enableUploadDataUis",
      "enableVerboseAuditLogs", "enableWebTerminal", "enableWorkspaceFilesystem", "enforceClusterViewAcls",
      "enforceUserIsolation", "enforceWorkspaceViewAcls", "maxTokenLifetimeDays", "maxUserInactiveDays",
      "mlflowModelRegistryEmailNotificationsEnabled", "mlflowModelServingEndpointCreationEnabled",
      "mlflowRunArtifactDownloadEnabled", "projectsAllowList", "rStudioUserDefaultHomeBase",
      "reposIpynbResultsExportPermissions", "storeInteractiveNotebookResultsInCustomerAccount");
  private static final String INVALID = "Invalid keys: ";

  private WorkspaceConfKeys() {}

  /** Key -> value (text, or null when unset) of every documented key the workspace knows. */
  static ObjectNode read(WorkspaceClient client) throws IOException {
    return read(client, DOCUMENTED);
  }

  /** Key -> value of those of {@code asked} that the workspace knows. */
  static ObjectNode read(WorkspaceClient client, List<String> asked) throws IOException {
    Set<String> keys = new LinkedHashSet<>(asked);
    while (!keys.isEmpty()) {
      try {
        JsonNode conf = Rest.get(client, PATH, "keys", String.join(",", keys));
        return conf.isObject() ? (ObjectNode) conf : TfJson.object();
      } catch (IOException | RuntimeException e) {
        List<String> invalid = invalidKeys(e);
        if (invalid.isEmpty() || !keys.removeAll(invalid)) {
          throw e;
        }
      }
    }
    return TfJson.object();
  }

  /** The keys a 400 "Invalid keys: [\"a\", \"b\"]" names, or none. */
  private static List<String> invalidKeys(Throwable t) {
    DatabricksError error = Rest.error(t);
    String msg = error == null || error.getMessage() == null ? "" : error.getMessage();
    int at = msg.indexOf(INVALID);
    List<String> out = new ArrayList<>();
    if (at < 0) {
      return out;
    }
    try {
      TfJson.MAPPER.readTree(msg.substring(at + INVALID.length())).forEach(k -> out.add(k.asText()));
    } catch (IOException notJson) {
      return out;
    }
    return out;
  }
}
