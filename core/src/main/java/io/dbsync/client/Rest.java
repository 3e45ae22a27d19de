package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.ApiErrors;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one REST transport for raw JSON calls: through the SDK's ApiClient, so auth, retries, error
 * mapping and the patient 429 handling of {@link CountingHttpClient} stay in force. Kinds use raw
 * JSON rather than typed models because typed models drop fields the API returns, and an exporter
 * must not lose them. Also the one meaning of "not found" ({@link #isNotFound}).
 */
public final class Rest {
  /**
   * The one fallback to the SDK's typed errors: clusters and jobs answer an unknown id with 400
   * INVALID_PARAMETER_VALUE "Cluster x does not exist" on every endpoint, and the SDK maps that to
   * ResourceDoesNotExist only for their GETs; some legacy 2.0 endpoints word it "doesn't exist",
   * "not found" or "Can't find".
   */
  private static final Pattern MISSING = Pattern.compile("does not exist|doesn't exist|not found|can't find");

  private Rest() {}

  /** GET with query parameters given as name/value pairs (a null value leaves the parameter out). */
  public static JsonNode get(WorkspaceClient client, String path, String... queryPairs) throws IOException {
    return get(client, path, pairs(queryPairs));
  }

  /** GET with query parameters (null values left out). */
  public static JsonNode get(WorkspaceClient client, String path, Map<String, String> query) throws IOException {
    return execute(client, withQuery(new Request(Request.GET, path), query));
  }

  /** GET that answers null when the object does not exist. */
  public static JsonNode getOrNull(WorkspaceClient client, String path, String... queryPairs) throws IOException {
    return getOrNull(client, path, pairs(queryPairs));
  }

  /** GET that answers null when the object does not exist. */
  public static JsonNode getOrNull(WorkspaceClient client, String path, Map<String, String> query) throws IOException {
    try {
      return get(client, path, query);
    } catch (IOException | RuntimeException e) {
      if (isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * A GET whose answer is a secret (secrets/get), null when it does not exist: the same auth and
   * transport (the counting and patient 429 handling of {@link CountingHttpClient}), but around the
   * SDK's ApiClient, whose debug log prints response bodies and redacts only string_value,
   * token_value and content, not a secret's value. Errors are the SDK's typed errors, as elsewhere.
   */
  public static JsonNode getSecretOrNull(WorkspaceClient client, String path, String... queryPairs) throws IOException {
    DatabricksConfig config = client.config();
    Request req = withQuery(new Request(Request.GET, config.getHost() + path), pairs(queryPairs));
    config.authenticate().forEach(req::withHeader);
    Response response = config.getHttpClient().execute(req);
    if (response.getStatusCode() >= 400) {
      DatabricksError error = ApiErrors.getDatabricksError(response);
      if (isNotFound(error)) {
        return null;
      }
      throw error;
    }
    try (InputStream body = response.getBody()) {
      JsonNode n = body == null ? null : TfJson.MAPPER.readTree(body);
      return n == null ? MissingNode.getInstance() : n;
    }
  }

  public static JsonNode post(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.POST, path, body);
  }

  public static JsonNode put(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.PUT, path, body);
  }

  public static JsonNode patch(WorkspaceClient client, String path, JsonNode body) throws IOException {
    return send(client, Request.PATCH, path, body);
  }

  public static JsonNode delete(WorkspaceClient client, String path) throws IOException {
    return delete(client, path, Map.of());
  }

  /** DELETE with query parameters (null values left out), as the MLflow registry's deletes take them. */
  public static JsonNode delete(WorkspaceClient client, String path, Map<String, String> query) throws IOException {
    return execute(client, withQuery(new Request(Request.DELETE, path), query));
  }

  /** A deleting POST for which "already gone" is success (deletes must be safe to repeat on resume). */
  public static void postTolerantOfGone(WorkspaceClient client, String path, JsonNode body) throws IOException {
    try {
      post(client, path, body);
    } catch (IOException | RuntimeException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  /** DELETE for which "already gone" is success. */
  public static void deleteTolerantOfGone(WorkspaceClient client, String path) throws IOException {
    deleteTolerantOfGone(client, path, Map.of());
  }

  /** DELETE with query parameters for which "already gone" is success. */
  public static void deleteTolerantOfGone(WorkspaceClient client, String path, Map<String, String> query)
      throws IOException {
    try {
      delete(client, path, query);
    } catch (IOException | RuntimeException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  /** The request with its query parameters (null values left out), asking for JSON. */
  private static Request withQuery(Request req, Map<String, String> query) {
    req.withHeader("Accept", "application/json");
    query.forEach((k, v) -> {
      if (v != null) {
        req.withQueryParam(k, v);
      }
    });
    return req;
  }

  private static JsonNode send(WorkspaceClient client, String method, String path, JsonNode body) throws IOException {
    Request req = new Request(method, path, TfJson.MAPPER.writeValueAsString(body))
        .withHeader("Accept", "application/json")
        .withHeader("Content-Type", "application/json");
    return execute(client, req);
  }

  /**
   * The response body parsed as JSON (an empty body is a missing node). The SDK binds only to classes
   * with a no-arg constructor (JsonNode has none) or hands back the body as a stream, which is used here.
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
      out.put(kv[i], kv[i + 1]);
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

  /**
   * True when the failure says the object does not exist: the SDK's {@link NotFound} (404, and
   * RESOURCE_DOES_NOT_EXIST as ResourceDoesNotExist), or the one documented fallback of an
   * INVALID_PARAMETER_VALUE whose message says so (see {@link #MISSING}).
   */
  public static boolean isNotFound(Throwable t) {
    DatabricksError e = error(t);
    if (e == null) {
      return false;
    }
    if (e instanceof NotFound) {
      return true;
    }
    String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return "INVALID_PARAMETER_VALUE".equals(e.getErrorCode()) && MISSING.matcher(msg).find();
  }

  /** True when the failure carries this error code. */
  public static boolean hasCode(Throwable t, String errorCode) {
    DatabricksError e = error(t);
    return e != null && errorCode.equals(e.getErrorCode());
  }
}
