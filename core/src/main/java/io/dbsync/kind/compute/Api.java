package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw REST calls through the SDK's ApiClient (auth, retries and 429 handling stay the SDK's). The
 * compute kinds use raw JSON rather than typed models because typed models drop fields the API
 * returns (new cluster attributes, task types) and an exporter must not lose them.
 */
final class Api {
  private Api() {}

  static JsonNode get(WorkspaceClient client, String path, Map<String, String> query) throws IOException {
    Request req = new Request(Request.GET, path).withHeader("Accept", "application/json");
    query.forEach((k, v) -> {
      if (v != null) {
        req.withQueryParam(k, v);
      }
    });
    return execute(client, req);
  }

  static JsonNode post(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.POST, path, body);
  }

  static JsonNode patch(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.PATCH, path, body);
  }

  static JsonNode delete(WorkspaceClient client, String path) throws IOException {
    Request req = new Request(Request.DELETE, path).withHeader("Accept", "application/json");
    return execute(client, req);
  }

  /** GET that answers null when the object does not exist (see {@link #isNotFound}). */
  static JsonNode getOrNull(WorkspaceClient client, String path, Map<String, String> query) throws IOException {
    try {
      return get(client, path, query);
    } catch (IOException | RuntimeException e) {
      if (isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }

  /** A deleting POST for which "already gone" is success (deletes must be safe to repeat on resume). */
  static void postTolerantOfGone(WorkspaceClient client, String path, JsonNode body) throws IOException {
    try {
      post(client, path, body);
    } catch (IOException | RuntimeException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  /** DELETE for which "already gone" is success. */
  static void deleteTolerantOfGone(WorkspaceClient client, String path) throws IOException {
    try {
      delete(client, path);
    } catch (IOException | RuntimeException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  private static JsonNode send(WorkspaceClient client, String method, String path, JsonNode body) throws IOException {
    Request req = new Request(method, path, TfJson.MAPPER.writeValueAsString(body))
        .withHeader("Accept", "application/json")
        .withHeader("Content-Type", "application/json");
    return execute(client, req);
  }

  /**
   * The SDK deserialises by instantiating the target class and reading into it, so the body is read
   * into a map and turned into a tree (an empty body yields a missing node).
   */
  private static JsonNode execute(WorkspaceClient client, Request req) throws IOException {
    LinkedHashMap<?, ?> body = client.apiClient().execute(req, LinkedHashMap.class);
    return body == null ? MissingNode.getInstance() : TfJson.MAPPER.valueToTree(body);
  }

  /**
   * True when the error says the object does not exist: 404, RESOURCE_DOES_NOT_EXIST, or the 400
   * INVALID_PARAMETER_VALUE "... does not exist" that jobs and clusters answer for unknown ids.
   */
  static boolean isNotFound(Throwable t) {
    if (!(t instanceof DatabricksError e)) {
      return false;
    }
    if (e.getStatusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.getErrorCode())) {
      return true;
    }
    String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return "INVALID_PARAMETER_VALUE".equals(e.getErrorCode())
        && (msg.contains("does not exist") || msg.contains("not found") || msg.contains("can't find"));
  }
}
