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
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow experiments 2.0 (/api/2.0/mlflow/experiments/*): create, get, get-by-name, search (POST;
 * filter, order_by, view_type, max_results default and maximum {@value #MAX_RESULTS}, page_token),
 * list, update (rename), delete, restore and set-experiment-tag.
 *
 * <p>As on Databricks, an experiment name is an absolute workspace path (the /Workspace prefix is
 * dropped) whose parent folder must exist; names are unique among active experiments (400
 * RESOURCE_ALREADY_EXISTS), a deleted experiment frees its name. Ids are numeric strings; the
 * artifact location defaults to {@code dbfs:/databricks/mlflow-tracking/<id>}; the server adds the
 * {@code mlflow.ownerEmail}, {@code mlflow.experiment.sourceName} and {@code mlflow.experimentType}
 * tags. A deleted experiment keeps answering get with {@code lifecycle_stage: deleted}. Errors use
 * MLflow's texts (unknown id: 404 "Node ID ... does not exist.").
 *
 * <p>Seed format (key {@code "experiments"}): an array of create bodies, each optionally with
 * {@code experiment_id} and {@code lifecycle_stage}; parent folders are created. {@link #dump()}
 * returns the experiments as get returns them.
 */
public final class ExperimentsFamily implements Family {
  static final int MAX_RESULTS = 3000;
  private static final String BASE = "/api/2.0/mlflow/experiments/";
  private static final List<String> ORDER_FIELDS = List.of("name", "experiment_id", "creation_time", "last_update_time");

  private final Map<String, ObjectNode> experiments = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "experiments";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE + "create", name(), req -> Response.ok(Json.object()
        .put("experiment_id", create(req.json(), Long.toString(ws.nextId())).get("experiment_id").asText())));
    router.add("GET", BASE + "get", name(), req -> wrap(require(MlflowSearch.require(req.q("experiment_id"), "experiment_id"))));
    router.add("GET", BASE + "get-by-name", name(), req -> wrap(byName(MlflowSearch.require(req.q("experiment_name"), "experiment_name"))));
    router.add("POST", BASE + "search", name(), req -> search(req.json()));
    router.add("GET", BASE + "list", name(), req -> search(Json.object().put("view_type", req.q("view_type"))
        .put("max_results", java.util.Objects.requireNonNullElse(Fields.intQuery(req, "max_results"), 0))
        .put("page_token", req.q("page_token"))));
    router.add("POST", BASE + "update", name(), this::rename);
    router.add("POST", BASE + "delete", name(), req -> setStage(req.json(), "deleted"));
    router.add("POST", BASE + "restore", name(), req -> setStage(req.json(), "active"));
    router.add("POST", BASE + "set-experiment-tag", name(), this::setTag);
    workspace.registerPermissionObject("experiments", id -> experiments.containsKey(id) && isActive(experiments.get(id)));
  }

  private static Response wrap(ObjectNode experiment) {
    return Response.ok(Json.object().set("experiment", Json.copy(experiment)));
  }

  private static boolean isActive(ObjectNode e) {
    return "active".equals(Json.text(e, "lifecycle_stage"));
  }

  private ObjectNode require(String id) {
    ObjectNode e = experiments.get(id);
    if (e == null) {
      throw ApiException.notFound("Node ID " + id + " does not exist.");
    }
    return e;
  }

  private ObjectNode byName(String name) {
    String n = normalize(name);
    return experiments.values().stream().filter(e -> isActive(e) && n.equals(Json.text(e, "name"))).findFirst()
        .orElseThrow(() -> ApiException.notFound("Could not find experiment with name '" + name + "'"));
  }

  private ObjectNode create(JsonNode body, String id) {
    String name = checkName(MlflowSearch.require(Json.text(body, "name"), "name"), null);
    long now = ws.now();
    ObjectNode e = Json.object();
    e.put("experiment_id", id);
    e.put("name", name);
    e.put("artifact_location", body.hasNonNull("artifact_location") ? Json.text(body, "artifact_location")
        : "dbfs:/databricks/mlflow-tracking/" + id);
    e.put("lifecycle_stage", "active");
    e.put("creation_time", now);
    e.put("last_update_time", now);
    ArrayNode tags = e.putArray("tags");
    for (JsonNode t : body.path("tags")) {
      tags.addObject().put("key", MlflowSearch.require(Json.text(t, "key"), "tags.key")).put("value", Json.text(t, "value"));
    }
    MlflowSearch.putTag(e, "mlflow.ownerEmail", ws.adminUser());
    MlflowSearch.putTag(e, "mlflow.experiment.sourceName", name);
    MlflowSearch.putTag(e, "mlflow.experimentType", "MLFLOW_EXPERIMENT");
    experiments.put(id, e);
    return e;
  }

  private static String normalize(String name) {
    return name.replaceFirst("^/Workspace(?=/)", "");
  }

  /** An absolute workspace path, in an existing folder, not used by another active experiment. */
  private String checkName(String raw, String selfId) {
    String name = normalize(raw);
    if (!name.startsWith("/") || name.endsWith("/")) {
      throw ApiException.invalidParameter("Got an invalid experiment name '" + raw + "'. An experiment name must be an absolute "
          + "path within the Databricks workspace, e.g. '/Users/<some-username>/my-experiment'.");
    }
    String parent = name.substring(0, name.lastIndexOf('/'));
    if (!ws.family(WorkspaceFamily.class).isFolder(parent.isEmpty() ? "/" : parent)) {
      throw ApiException.notFound("Parent directory " + parent + " does not exist.");
    }
    for (ObjectNode other : experiments.values()) {
      if (isActive(other) && name.equals(Json.text(other, "name")) && !other.get("experiment_id").asText().equals(selfId)) {
        throw ApiException.alreadyExists("Experiment '" + name + "' already exists.");
      }
    }
    return name;
  }

  private Response rename(Request req) {
    ObjectNode body = req.json();
    ObjectNode e = require(MlflowSearch.require(Json.text(body, "experiment_id"), "experiment_id"));
    if (body.hasNonNull("new_name")) {
      String name = checkName(Json.text(body, "new_name"), e.get("experiment_id").asText());
      e.put("name", name);
      MlflowSearch.putTag(e, "mlflow.experiment.sourceName", name);
      e.put("last_update_time", ws.now());
    }
    return Response.empty();
  }

  private Response setStage(ObjectNode body, String stage) {
    ObjectNode e = require(MlflowSearch.require(Json.text(body, "experiment_id"), "experiment_id"));
    if (stage.equals("active") && !isActive(e)) {
      checkName(Json.text(e, "name"), e.get("experiment_id").asText());
    }
    e.put("lifecycle_stage", stage);
    e.put("last_update_time", ws.now());
    return Response.empty();
  }

  private Response setTag(Request req) {
    ObjectNode body = req.json();
    ObjectNode e = require(MlflowSearch.require(Json.text(body, "experiment_id"), "experiment_id"));
    MlflowSearch.putTag(e, MlflowSearch.require(Json.text(body, "key"), "key"), body.path("value").asText(""));
    e.put("last_update_time", ws.now());
    return Response.empty();
  }

  private Response search(ObjectNode body) {
    String view = Json.text(body, "view_type") == null ? "ACTIVE_ONLY" : Json.text(body, "view_type");
    io.dbsync.emulator.support.Checks.oneOf("view_type", view, List.of("ACTIVE_ONLY", "DELETED_ONLY", "ALL"));
    int size = MlflowSearch.maxResults(body.path("max_results").asLong(0), MAX_RESULTS, MAX_RESULTS);
    List<String> orderBy = body.path("order_by").isArray()
        ? java.util.stream.StreamSupport.stream(body.get("order_by").spliterator(), false).map(JsonNode::asText).toList()
        : List.of();
    Comparator<ObjectNode> byIdDesc = Comparator.comparing((ObjectNode e) -> Long.parseLong(e.get("experiment_id").asText())).reversed();
    List<ObjectNode> matching = experiments.values().stream()
        .filter(e -> view.equals("ALL") || isActive(e) == view.equals("ACTIVE_ONLY"))
        .filter(MlflowSearch.filter(Json.text(body, "filter"), false))
        .sorted(MlflowSearch.order(orderBy, ORDER_FIELDS,
            Comparator.comparing((ObjectNode e) -> e.get("last_update_time").asLong()).reversed(), byIdDesc))
        .toList();
    return Response.ok(Pages.of(matching, Json.text(body, "page_token"), size).toJson("experiments", Json::copy));
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    experiments.values().forEach(e -> out.add(Json.copy(e)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("experiments seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String name = normalize(MlflowSearch.require(Json.text(item, "name"), "name"));
      ws.family(WorkspaceFamily.class).ensureDirectories(name.substring(0, Math.max(1, name.lastIndexOf('/'))));
      ObjectNode e = create(item, item.hasNonNull("experiment_id") ? Json.text(item, "experiment_id") : Long.toString(ws.nextId()));
      if ("deleted".equals(Json.text(item, "lifecycle_stage"))) {
        e.put("lifecycle_stage", "deleted");
      }
    }
  }
}
