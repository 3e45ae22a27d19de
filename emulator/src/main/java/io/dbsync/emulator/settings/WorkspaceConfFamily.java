package io.dbsync.emulator.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Workspace settings 2.0 (/api/2.0/workspace-conf): GET {@code ?keys=a,b} answers each key with its
 * value as a string, or null when never set (no keys: {}); PATCH {@code {key: "value"}} sets them and
 * answers 204; an empty string resets a key. Only the documented keys exist: any other key fails the
 * whole request with 400 INVALID_PARAMETER_VALUE {@code Invalid keys: ["..."]} (the form the
 * Terraform provider parses). Boolean keys take true/false, the day counts a whole number of days.
 *
 * <p>Seed format (key {@code "workspace-conf"}): an object of key to value, as PATCH takes it.
 * {@link #dump()} returns the keys that are set.
 */
public final class WorkspaceConfFamily implements Family {
  private static final Set<String> BOOLEANS = Set.of("enableIpAccessLists", "enableTokensConfig",
      "storeInteractiveNotebookResultsInCustomerAccount", "enableDeprecatedClusterNamedInitScripts",
      "enableDeprecatedGlobalInitScripts", "enforceWorkspaceViewAcls", "enforceUserIsolation", "enableProjectTypeInWorkspace",
      "enableWorkspaceFilesystem", "enableProjectsAllowList", "enable-X-Frame-Options", "enable-X-Content-Type-Options",
      "enable-X-XSS-Protection", "enableResultsDownloading", "enableUploadDataUis", "enableExportNotebook",
      "enableNotebookTableClipboard", "enableWebTerminal", "enableDbfsFileBrowser", "enableDatabricksAutologgingAdminConf",
      "mlflowRunArtifactDownloadEnabled", "mlflowModelServingEndpointCreationEnabled",
      "mlflowModelRegistryEmailNotificationsEnabled", "enableVerboseAuditLogs", "enableEnforceImdsV2",
      "enableLibraryAndInitScriptOnSharedCluster", "enablePipelinesDataSample", "enableJobViewAcls", "enforceClusterViewAcls",
      "enableGp3");
  /** Whole days, with the documented range. */
  private static final Map<String, int[]> DAYS = Map.of("maxTokenLifetimeDays", new int[] {1, 730},
      "maxUserInactiveDays", new int[] {1, 100_000});
  private static final Set<String> TEXTS = Set.of("projectsAllowList", "reposIpynbResultsExportPermissions",
      "enableLegacyNotebookVisualizations", "customerApprovedWSLoginExpirationTime", "rStudioUserDefaultHomeBase");

  private final Map<String, String> values = new TreeMap<>();

  @Override
  public String name() {
    return "workspace-conf";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    router.add("GET", "/api/2.0/workspace-conf", name(), this::get);
    router.add("PATCH", "/api/2.0/workspace-conf", name(), req -> {
      set(req.json());
      return Response.noContent();
    });
  }

  /** A setting's value, or null when unset (other families may honour settings). */
  public String value(String key) {
    return values.get(key);
  }

  private static boolean known(String key) {
    return BOOLEANS.contains(key) || DAYS.containsKey(key) || TEXTS.contains(key);
  }

  private static void requireKnown(Iterable<String> keys) {
    ArrayNode invalid = Json.array();
    keys.forEach(k -> {
      if (!known(k)) {
        invalid.add(k);
      }
    });
    if (!invalid.isEmpty()) {
      throw ApiException.invalidParameter("Invalid keys: " + invalid);
    }
  }

  private Response get(Request req) {
    String keys = req.q("keys");
    ObjectNode out = Json.object();
    if (keys == null || keys.isBlank()) {
      return Response.ok(out);
    }
    List<String> asked = Arrays.stream(keys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    requireKnown(asked);
    asked.forEach(k -> out.put(k, values.get(k)));
    return Response.ok(out);
  }

  private void set(JsonNode patch) {
    List<String> keys = new ArrayList<>();
    patch.fieldNames().forEachRemaining(keys::add);
    requireKnown(keys);
    Map<String, String> checked = new TreeMap<>();
    for (String k : keys) {
      JsonNode v = patch.get(k);
      checked.put(k, checkValue(k, v.isNull() ? "" : v.asText()));
    }
    checked.forEach((k, v) -> {
      if (v.isEmpty()) {
        values.remove(k);
      } else {
        values.put(k, v);
      }
    });
  }

  private static String checkValue(String key, String value) {
    if (value.isEmpty()) {
      return value;
    }
    if (BOOLEANS.contains(key)) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw notAllowed(key, value);
      }
      return v;
    }
    if (DAYS.containsKey(key)) {
      try {
        int days = Integer.parseInt(value);
        if (days < DAYS.get(key)[0] || days > DAYS.get(key)[1]) {
          throw notAllowed(key, value);
        }
      } catch (NumberFormatException e) {
        throw notAllowed(key, value);
      }
    }
    return value;
  }

  private static ApiException notAllowed(String key, String value) {
    return ApiException.invalidParameter("Some values are not allowed: " + key + "=" + value);
  }

  @Override
  public JsonNode dump() {
    ObjectNode out = Json.object();
    values.forEach(out::put);
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isObject()) {
      throw new IllegalArgumentException("workspace-conf seed must be a JSON object");
    }
    set(seed);
  }
}
