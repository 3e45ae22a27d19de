package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unity Catalog REST API (/api/2.1/unity-catalog/...) as the kinds use it: object paths, paged
 * lists (max_results=0, the server's page, following next_page_token as the API recommends), and
 * reads for which "not found" and "not visible from this workspace" (an isolated securable bound
 * to other workspaces answers 403) both mean null.
 */
final class UcApi {
  static final String BASE = "/api/2.1/unity-catalog/";

  private UcApi() {}

  /** BASE + collection + "/" + the encoded name (full names keep their dots). */
  static String path(String collection, String name) {
    return BASE + collection + "/" + encode(name);
  }

  /** A name as one path segment (full names keep their dots). */
  static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Every item of a paged list, in the server's order. */
  static List<JsonNode> list(WorkspaceClient client, String collection, String field, String... queryPairs)
      throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < queryPairs.length; i += 2) {
      query.put(queryPairs[i], queryPairs[i + 1]);
    }
    query.put("max_results", "0");
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      JsonNode page = Rest.get(client, BASE + collection, query);
      page.path(field).forEach(out::add);
      String token = page.path("next_page_token").asText("");
      if (token.isEmpty()) {
        return out;
      }
      query.put("page_token", token);
    }
  }

  /** The object at {@code path}, or null when it does not exist or this workspace may not see it. */
  static JsonNode getOrNull(WorkspaceClient client, String path, String... queryPairs) throws IOException {
    try {
      return Rest.getOrNull(client, path, queryPairs);
    } catch (IOException | RuntimeException e) {
      if (notVisible(e)) {
        return null;
      }
      throw e;
    }
  }

  /** 403 PERMISSION_DENIED: an isolated catalog, credential or location this workspace is not bound to. */
  static boolean notVisible(Throwable t) {
    DatabricksError e = Rest.error(t);
    return e != null && e.getStatusCode() == 403;
  }

  /** No metastore is assigned to the workspace (every Unity Catalog call answers so). */
  static boolean noMetastore(Throwable t) {
    return Rest.hasCode(t, "METASTORE_DOES_NOT_EXIST");
  }
}
