package io.dbsync.emulator.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.support.Checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model serving endpoints 2.0 (/api/2.0/serving-endpoints): create, get, list (one page of summaries),
 * delete, PUT /config (a new config version), PUT /ai-gateway, PUT /rate-limits (the legacy limits:
 * stored and echoed, not part of get) and PATCH /tags ({@code add_tags}, {@code delete_tags}).
 * Endpoint names are unique (409 RESOURCE_ALREADY_EXISTS) and made of letters, digits, '-' and '_'.
 * Config changes apply at once: endpoints are READY and NOT_UPDATING, so the SDK's waiters return
 * immediately. See {@link EndpointConfig} for how configs are echoed. The permissions API knows an
 * endpoint by its {@code id} (32 hex digits), not its name.
 *
 * <p>Seed format (key {@code "serving-endpoints"}): an array of create bodies, each optionally with
 * {@code id}. {@link #dump()} returns the endpoints as get does, plus {@code rate_limits} when set.
 */
public final class ServingEndpointsFamily implements Family {
  private static final String BASE = "/api/2.0/serving-endpoints";
  private static final List<String> GATEWAY_KEYS = List.of("endpoint", "user", "user_group", "service_principal");

  private final Map<String, ObjectNode> endpoints = new LinkedHashMap<>();
  private final Map<String, JsonNode> rateLimits = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "serving-endpoints";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), req -> Response.ok(Json.copy(create(req.json(), ws.uuid().replace("-", "")))));
    router.add("GET", BASE, name(), req -> {
      ObjectNode out = Json.object();
      if (!endpoints.isEmpty()) {
        ArrayNode arr = out.putArray("endpoints");
        endpoints.values().forEach(e -> arr.add(summary(e)));
      }
      return Response.ok(out);
    });
    router.add("GET", BASE + "/{name}", name(), req -> Response.ok(Json.copy(require(req.pathParam("name")))));
    router.add("DELETE", BASE + "/{name}", name(), req -> {
      endpoints.remove(Json.text(require(req.pathParam("name")), "name"));
      rateLimits.remove(req.pathParam("name"));
      return Response.empty();
    });
    router.add("PUT", BASE + "/{name}/config", name(), this::updateConfig);
    router.add("PUT", BASE + "/{name}/ai-gateway", name(), this::putAiGateway);
    router.add("PUT", BASE + "/{name}/rate-limits", name(), this::putRateLimits);
    router.add("PATCH", BASE + "/{name}/tags", name(), this::patchTags);
    workspace.registerPermissionObject("serving-endpoints",
        id -> endpoints.values().stream().anyMatch(e -> id.equals(Json.text(e, "id"))));
  }

  private ObjectNode require(String name) {
    ObjectNode e = name == null ? null : endpoints.get(name);
    if (e == null) {
      throw ApiException.notFound("Serving endpoint with name " + name + " not found");
    }
    return e;
  }

  private ObjectNode create(JsonNode body, String id) {
    String name = Fields.requireText(body, "name");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw ApiException.invalidParameter("Endpoint name '" + name + "' must consist of alphanumeric characters, dashes and "
          + "underscores.");
    }
    if (endpoints.containsKey(name)) {
      throw new ApiException(409, "RESOURCE_ALREADY_EXISTS", "Serving endpoint with name " + name + " already exists");
    }
    long now = ws.now();
    ObjectNode e = Json.object();
    e.put("name", name);
    e.put("id", id);
    e.put("creator", ws.adminUser());
    e.put("creation_timestamp", now);
    e.put("last_updated_timestamp", now);
    e.put("permission_level", "CAN_MANAGE");
    e.put("route_optimized", body.path("route_optimized").asBoolean(false));
    for (String f : List.of("description", "budget_policy_id", "email_notifications", "tags")) {
      if (body.hasNonNull(f)) {
        e.set(f, Fields.withoutNulls(body.get(f)));
      }
    }
    if (body.hasNonNull("ai_gateway")) {
      e.set("ai_gateway", gateway(body.get("ai_gateway")));
    }
    if (body.hasNonNull("rate_limits")) {
      rateLimits.put(name, legacyLimits(body.get("rate_limits")));
    }
    applyConfig(e, body.get("config"), 1);
    endpoints.put(name, e);
    return e;
  }

  /** Sets the config (if any), the task its external models serve and the ready state. */
  private void applyConfig(ObjectNode e, JsonNode input, long version) {
    boolean hasConfig = input != null && !input.isNull();
    if (hasConfig) {
      ObjectNode config = EndpointConfig.output(input, version, ws.adminUser(), ws.now());
      e.set("config", config);
      for (JsonNode entity : config.path("served_entities")) {
        String task = Json.text(entity.path("external_model"), "task");
        if (task != null) {
          e.put("task", task);
        }
      }
    }
    e.putObject("state").put("ready", e.has("config") ? "READY" : "NOT_READY").put("config_update", "NOT_UPDATING");
  }

  private Response updateConfig(Request req) {
    ObjectNode e = require(req.pathParam("name"));
    long version = e.path("config").path("config_version").asLong(0) + 1;
    applyConfig(e, req.json(), version);
    e.put("last_updated_timestamp", ws.now());
    return Response.ok(Json.copy(e));
  }

  /** AI gateway settings with checked rate limits (calls or tokens per minute for a key). */
  private static ObjectNode gateway(JsonNode given) {
    ObjectNode g = Fields.withoutNulls((ObjectNode) given);
    for (JsonNode limit : g.path("rate_limits")) {
      Checks.oneOf("rate_limits.key", Json.text(limit, "key"), GATEWAY_KEYS);
      Checks.oneOf("rate_limits.renewal_period", Fields.requireText(limit, "renewal_period"), List.of("minute"));
      if (!limit.has("calls") && !limit.has("tokens")) {
        throw ApiException.invalidParameter("A rate limit needs calls or tokens");
      }
    }
    return g;
  }

  private Response putAiGateway(Request req) {
    ObjectNode e = require(req.pathParam("name"));
    ObjectNode g = gateway(req.json());
    e.set("ai_gateway", g);
    e.put("last_updated_timestamp", ws.now());
    return Response.ok(Json.copy(g));
  }

  private static JsonNode legacyLimits(JsonNode limits) {
    for (JsonNode limit : limits) {
      if (limit.path("calls").asLong(0) <= 0) {
        throw ApiException.invalidParameter("Missing required field: calls");
      }
      Checks.oneOf("rate_limits.key", Json.text(limit, "key"), List.of("user", "endpoint"));
      Checks.oneOf("rate_limits.renewal_period", Fields.requireText(limit, "renewal_period"), List.of("minute"));
    }
    return Fields.withoutNulls(limits);
  }

  private Response putRateLimits(Request req) {
    String name = Json.text(require(req.pathParam("name")), "name");
    JsonNode limits = legacyLimits(req.json().path("rate_limits"));
    rateLimits.put(name, limits);
    ObjectNode out = Json.object();
    if (!limits.isEmpty()) {
      out.set("rate_limits", limits.deepCopy());
    }
    return Response.ok(out);
  }

  private Response patchTags(Request req) {
    ObjectNode e = require(req.pathParam("name"));
    ObjectNode body = req.json();
    Map<String, ObjectNode> tags = new LinkedHashMap<>();
    for (JsonNode t : e.path("tags")) {
      tags.put(Json.text(t, "key"), (ObjectNode) t.deepCopy());
    }
    for (JsonNode key : body.path("delete_tags")) {
      tags.remove(key.asText());
    }
    for (JsonNode t : body.path("add_tags")) {
      tags.put(Fields.requireText(t, "key"), Fields.withoutNulls((ObjectNode) t));
    }
    ArrayNode arr = Json.array();
    tags.values().forEach(arr::add);
    e.remove("tags");
    if (!arr.isEmpty()) {
      e.set("tags", arr);
    }
    ObjectNode out = Json.object();
    if (!arr.isEmpty()) {
      out.set("tags", arr.deepCopy());
    }
    return Response.ok(out);
  }

  /** The list form (ServingEndpoint): the config is reduced to what each entity serves. */
  private static ObjectNode summary(ObjectNode e) {
    ObjectNode s = Json.copy(e).without(List.of("config", "permission_level", "route_optimized", "email_notifications"));
    if (e.has("config")) {
      s.set("config", EndpointConfig.summary(e.get("config")));
    }
    return s;
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    endpoints.forEach((name, e) -> {
      ObjectNode o = Json.copy(e);
      if (rateLimits.containsKey(name)) {
        o.set("rate_limits", rateLimits.get(name).deepCopy());
      }
      out.add(o);
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("serving-endpoints seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      create(item, item.hasNonNull("id") ? Json.text(item, "id") : ws.uuid().replace("-", ""));
    }
  }
}
