package io.dbsync.emulator.mlflow;

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
import io.dbsync.emulator.support.Pages;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workspace model registry's registered models (/api/2.0/mlflow/registered-models/*): create,
 * get, the Databricks get ({@code databricks/registered-models/get}, which adds the {@code id} that
 * permissions use and the caller's {@code permission_level}), list, search ({@code filter} where
 * {@code name LIKE 'x'} means '%x%', {@code order_by} name or last_updated_timestamp, max_results
 * default 100 and at most 1000), rename, update (description), delete, set-tag and delete-tag. Names
 * are unique (400 RESOURCE_ALREADY_EXISTS); ids are numeric strings. Models have no versions here
 * ({@code latest_versions} is never set). Errors use MLflow's texts.
 *
 * <p>Seed format (key {@code "registered-models"}): an array of create bodies, each optionally with
 * {@code id}. {@link #dump()} returns the models with their id.
 */
public final class RegisteredModelsFamily implements Family {
  private static final String BASE = "/api/2.0/mlflow/registered-models/";
  private static final List<String> ORDER_FIELDS = List.of("name", "last_updated_timestamp", "timestamp");

  /** By name. */
  private final Map<String, ObjectNode> models = new TreeMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "registered-models";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE + "create", name(), req -> model(create(req.json(), Long.toString(ws.nextId()))));
    router.add("GET", BASE + "get", name(), req -> model(require(req.q("name"))));
    router.add("GET", "/api/2.0/mlflow/databricks/registered-models/get", name(), req -> {
      ObjectNode m = Json.copy(require(req.q("name"))).put("permission_level", "CAN_MANAGE");
      return Response.ok(Json.object().set("registered_model_databricks", m));
    });
    router.add("GET", BASE + "list", name(), req -> page(req, null, List.of()));
    router.add("GET", BASE + "search", name(), req -> page(req, req.q("filter"), req.qAll("order_by")));
    router.add("POST", BASE + "rename", name(), this::rename);
    router.add("PATCH", BASE + "update", name(), req -> {
      ObjectNode body = req.json();
      ObjectNode m = require(Json.text(body, "name"));
      if (body.has("description")) {
        m.put("description", body.path("description").asText(""));
      }
      return model(touch(m));
    });
    router.add("DELETE", BASE + "delete", name(), req -> {
      models.remove(Json.text(require(req.q("name")), "name"));
      return Response.empty();
    });
    router.add("POST", BASE + "set-tag", name(), this::setTag);
    router.add("DELETE", BASE + "delete-tag", name(), this::deleteTag);
    workspace.registerPermissionObject("registered-models", id -> models.values().stream().anyMatch(m -> id.equals(Json.text(m, "id"))));
  }

  /** {"registered_model": Model}: the MLflow form, without the Databricks id. */
  private static Response model(ObjectNode m) {
    return Response.ok(Json.object().set("registered_model", Json.copy(m).without("id")));
  }

  private ObjectNode require(String name) {
    MlflowSearch.require(name, "name");
    ObjectNode m = models.get(name);
    if (m == null) {
      throw ApiException.notFound("Registered Model with name=" + name + " not found");
    }
    return m;
  }

  private ObjectNode touch(ObjectNode m) {
    m.put("last_updated_timestamp", ws.now());
    return m;
  }

  private ObjectNode create(JsonNode body, String id) {
    String name = Json.text(body, "name");
    if (name == null || name.isEmpty()) {
      throw ApiException.invalidParameter("Got an invalid name ''. Registered Model names cannot be empty strings.");
    }
    if (models.containsKey(name)) {
      throw ApiException.alreadyExists("Registered Model (name=" + name + ") already exists.");
    }
    long now = ws.now();
    ObjectNode m = Json.object();
    m.put("id", id);
    m.put("name", name);
    m.put("creation_timestamp", now);
    m.put("last_updated_timestamp", now);
    m.put("user_id", ws.adminUser());
    if (body.hasNonNull("description")) {
      m.put("description", Json.text(body, "description"));
    }
    for (JsonNode t : body.path("tags")) {
      MlflowSearch.putTag(m, MlflowSearch.require(Json.text(t, "key"), "key"), Json.text(t, "value"));
    }
    models.put(name, m);
    return m;
  }

  private Response rename(Request req) {
    ObjectNode body = req.json();
    ObjectNode m = require(Json.text(body, "name"));
    String newName = Json.text(body, "new_name");
    if (newName != null && !newName.equals(Json.text(m, "name"))) {
      if (models.containsKey(newName)) {
        throw ApiException.alreadyExists("Registered Model (name=" + newName + ") already exists.");
      }
      models.remove(Json.text(m, "name"));
      m.put("name", newName);
      models.put(newName, m);
    }
    return model(touch(m));
  }

  private Response setTag(Request req) {
    ObjectNode body = req.json();
    ObjectNode m = require(Json.text(body, "name"));
    MlflowSearch.putTag(m, MlflowSearch.require(Json.text(body, "key"), "key"), body.path("value").asText(""));
    touch(m);
    return Response.empty();
  }

  private Response deleteTag(Request req) {
    ObjectNode m = require(req.q("name"));
    String key = MlflowSearch.require(req.q("key"), "key");
    ArrayNode tags = (ArrayNode) m.path("tags");
    for (int i = 0; i < tags.size(); i++) {
      if (key.equals(Json.text(tags.get(i), "key"))) {
        tags.remove(i);
        if (tags.isEmpty()) {
          m.remove("tags");
        }
        touch(m);
        return Response.empty();
      }
    }
    throw ApiException.notFound("No tag with name: " + key + " in registered model with name: " + Json.text(m, "name"));
  }

  private Response page(Request req, String filter, List<String> orderBy) {
    Integer max = Fields.intQuery(req, "max_results");
    int size = MlflowSearch.maxResults(max == null ? 0 : max, 100, 1000);
    Comparator<ObjectNode> byName = Comparator.comparing(m -> Json.text(m, "name"));
    List<ObjectNode> matching = models.values().stream()
        .filter(MlflowSearch.filter(filter, true))
        .sorted(MlflowSearch.order(orderBy.stream().map(o -> o.replaceFirst("^timestamp", "last_updated_timestamp")).toList(),
            ORDER_FIELDS, byName, byName))
        .toList();
    return Response.ok(Pages.of(matching, req.q("page_token"), size)
        .toJson("registered_models", m -> Json.copy(m).without("id")));
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    models.values().forEach(m -> out.add(Json.copy(m)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("registered-models seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      create(item, item.hasNonNull("id") ? Json.text(item, "id") : Long.toString(ws.nextId()));
    }
  }
}
