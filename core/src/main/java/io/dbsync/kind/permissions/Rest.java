package io.dbsync.kind.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw REST calls through the SDK's ApiClient (auth, retries and 429 handling stay the SDK's), for
 * the workspace, DBFS, secrets and permissions kinds. Raw JSON rather than typed models: the export
 * must see every field the API returns, and these legacy 2.0 endpoints are small and stable.
 */
public final class Rest {
  private Rest() {}

  public static JsonNode get(WorkspaceClient client, String path, String... queryPairs) throws IOException {
    Request req = new Request(Request.GET, path).withHeader("Accept", "application/json");
    Map<String, String> q = pairs(queryPairs);
    q.forEach(req::withQueryParam);
    return execute(client, req);
  }

  public static JsonNode post(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.POST, path, body);
  }

  public static JsonNode put(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.PUT, path, body);
  }

  private static JsonNode send(WorkspaceClient client, String method, String path, JsonNode body) throws IOException {
    Request req = new Request(method, path, TfJson.MAPPER.writeValueAsString(body))
        .withHeader("Accept", "application/json")
        .withHeader("Content-Type", "application/json");
    return execute(client, req);
  }

  /**
   * The response body parsed as JSON. The SDK can only bind to classes with a no-arg constructor
   * (JsonNode has none) or hand back the body as an InputStream, which is what we ask for.
   */
  private static JsonNode execute(WorkspaceClient client, Request req) throws IOException {
    try (InputStream body = client.apiClient().execute(req, InputStream.class)) {
      if (body == null) {
        return MissingNode.getInstance();
      }
      JsonNode n = TfJson.MAPPER.readTree(body);
      return n == null ? MissingNode.getInstance() : n;
    }
  }

  private static Map<String, String> pairs(String[] kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("query parameters come in name/value pairs");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        out.put(kv[i], kv[i + 1]);
      }
    }
    return out;
  }

  /** The API error behind a failure (the SDK may wrap it after retries), or null. */
  public static DatabricksError error(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabricksError e) {
        return e;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** True when the failure says the object does not exist (404 / RESOURCE_DOES_NOT_EXIST). */
  public static boolean isNotFound(Throwable t) {
    DatabricksError e = error(t);
    if (e == null) {
      return false;
    }
    if (e.getStatusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.getErrorCode())) {
      return true;
    }
    String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return "INVALID_PARAMETER_VALUE".equals(e.getErrorCode())
        && (msg.contains("does not exist") || msg.contains("doesn't exist"));
  }

  /** True when the failure carries this error code. */
  public static boolean hasCode(Throwable t, String errorCode) {
    DatabricksError e = error(t);
    return e != null && errorCode.equals(e.getErrorCode());
  }
}
