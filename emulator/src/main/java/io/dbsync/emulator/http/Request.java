package io.dbsync.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.auth.Principal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the handlers see it: path parameters already extracted, query decoded, and
 * the principal its credentials belong to ({@code caller}; null only on the public discovery and
 * OAuth endpoints, which are not authenticated by a bearer token).
 */
public record Request(String method, String path, String routeTemplate, Map<String, String> pathParams,
                      Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
                      Principal caller) {

  /** The body parsed as a JSON object; an empty body is an empty object. Bad JSON is a 400. */
  public ObjectNode json() {
    if (body == null || body.length == 0) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw ApiException.badRequest("MALFORMED_REQUEST", "Invalid JSON given in the body of the request");
    }
    if (node == null || node.isNull()) {
      return Json.object();
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("MALFORMED_REQUEST", "Request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** The body decoded as application/x-www-form-urlencoded (OAuth token requests). */
  public Map<String, List<String>> form() {
    return QueryString.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** First value of a query parameter, or null. */
  public String q(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public List<String> qAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** A required query parameter; missing is 400 INVALID_PARAMETER_VALUE like the real API. */
  public String requireQ(String name) {
    String v = q(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + name);
    }
    return v;
  }

  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
