package io.dbsync.emulator.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.support.Checks;
import io.dbsync.emulator.support.Pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQL warehouses 2.0 (api-reference §12), served by {@link SqlFamily}: create, get, list (token
 * pagination with {@code page_size}; without it, every warehouse), edit (fields given replace the
 * stored ones; the result is validated as a whole), delete, start and stop. Warehouses start and stop
 * synchronously: create and start leave them RUNNING, stop STOPPED. Creation fills the documented
 * defaults (auto stop 120 min, Photon on, one cluster, COST_OPTIMIZED spot policy, CLASSIC type or PRO
 * when serverless, the CURRENT channel).
 */
final class Warehouses {
  static final String BASE = "/api/2.0/sql/warehouses|endpoints";
  private static final List<String> SIZES = List.of("2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large",
      "2X-Large", "3X-Large", "4X-Large", "5X-Large");
  private static final List<String> SPOT_POLICIES = List.of("COST_OPTIMIZED", "RELIABILITY_OPTIMIZED", "POLICY_UNSPECIFIED");
  private static final List<String> TYPES = List.of("CLASSIC", "PRO", "TYPE_UNSPECIFIED");
  private static final List<String> CHANNELS = List.of("CHANNEL_NAME_CURRENT", "CHANNEL_NAME_PREVIEW",
      "CHANNEL_NAME_PREVIOUS", "CHANNEL_NAME_CUSTOM");
  private static final List<String> STATES = List.of("RUNNING", "STOPPED", "STARTING", "STOPPING", "DELETING", "DELETED");
  /** What create and edit accept; everything else in a stored warehouse is computed. */
  private static final List<String> SETTINGS = List.of("name", "cluster_size", "min_num_clusters", "max_num_clusters",
      "auto_stop_mins", "enable_photon", "enable_serverless_compute", "spot_instance_policy", "warehouse_type", "channel",
      "tags", "instance_profile_arn");

  private final Map<String, ObjectNode> warehouses = new LinkedHashMap<>();
  private final Workspace workspace;

  Warehouses(Workspace workspace) {
    this.workspace = workspace;
  }

  void register(Router router, String family) {
    router.add("GET", BASE, family, this::list);
    router.add("POST", BASE, family, req -> Response.ok(Json.object().put("id", create(req.json(), null, null))));
    router.add("GET", BASE + "/{id}", family, r -> Response.ok(Json.copy(require(r.pathParam("id")))));
    router.add("POST", BASE + "/{id}/edit", family, this::edit);
    router.add("DELETE", BASE + "/{id}", family, r -> {
      warehouses.remove(require(r.pathParam("id")).get("id").asText());
      return Response.empty();
    });
    router.add("POST", BASE + "/{id}/start", family, r -> setState(r.pathParam("id"), "RUNNING"));
    router.add("POST", BASE + "/{id}/stop", family, r -> setState(r.pathParam("id"), "STOPPED"));
    workspace.registerPermissionObject("sql/warehouses", warehouses::containsKey);
  }

  ObjectNode require(String id) {
    ObjectNode w = id == null ? null : warehouses.get(id);
    if (w == null) {
      throw ApiException.notFound("SQL warehouse " + id + " does not exist.");
    }
    return w;
  }

  /** Creates a warehouse from a create body (or a seed entry with id and state); returns its id. */
  String create(JsonNode body, String id, String state) {
    ObjectNode w = Json.object();
    for (String f : SETTINGS) {
      if (body.hasNonNull(f)) {
        w.set(f, Fields.withoutNulls(body.get(f)));
      }
    }
    applyDefaults(w);
    validate(w, null);
    String wid = id != null ? id : workspace.hexId16().toLowerCase(Locale.ROOT);
    if (state != null && !STATES.contains(state)) {
      throw ApiException.invalidParameter("Invalid warehouse state: " + state);
    }
    w.put("id", wid);
    w.put("creator_name", workspace.adminUser());
    w.put("num_active_sessions", 0);
    w.put("jdbc_url", "jdbc:spark://emulator:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/" + wid + ";");
    w.putObject("odbc_params").put("hostname", "emulator").put("path", "/sql/1.0/warehouses/" + wid)
        .put("port", 443).put("protocol", "https");
    putState(w, state != null ? state : "RUNNING");
    warehouses.put(wid, w);
    return wid;
  }

  private static void applyDefaults(ObjectNode w) {
    if (!w.has("cluster_size")) {
      w.put("cluster_size", "2X-Small");
    }
    boolean serverless = w.path("enable_serverless_compute").asBoolean(false);
    w.put("enable_serverless_compute", serverless);
    if (!w.has("warehouse_type")) {
      w.put("warehouse_type", serverless ? "PRO" : "CLASSIC");
    }
    if (!w.has("auto_stop_mins")) {
      w.put("auto_stop_mins", 120);
    }
    if (!w.has("enable_photon")) {
      w.put("enable_photon", true);
    }
    if (!w.has("min_num_clusters")) {
      w.put("min_num_clusters", 1);
    }
    if (!w.has("max_num_clusters")) {
      w.put("max_num_clusters", w.get("min_num_clusters").asInt());
    }
    if (!w.has("spot_instance_policy")) {
      w.put("spot_instance_policy", "COST_OPTIMIZED");
    }
    if (!w.has("channel")) {
      w.putObject("channel").put("name", "CHANNEL_NAME_CURRENT");
    }
    if (!w.has("tags")) {
      w.putObject("tags");
    }
  }

  /** The documented limits of CreateWarehouseRequest; {@code selfId} is excluded from the name check. */
  private void validate(ObjectNode w, String selfId) {
    String name = Fields.requireText(w, "name");
    if (name.length() >= 100) {
      throw ApiException.invalidParameter("Warehouse name must be less than 100 characters");
    }
    for (ObjectNode other : warehouses.values()) {
      if (!other.get("id").asText().equals(selfId) && name.equals(Json.text(other, "name"))) {
        throw ApiException.alreadyExists("SQL warehouse with name '" + name + "' already exists");
      }
    }
    Checks.oneOf("cluster_size", Json.text(w, "cluster_size"), SIZES);
    Checks.oneOf("spot_instance_policy", Json.text(w, "spot_instance_policy"), SPOT_POLICIES);
    Checks.oneOf("warehouse_type", Json.text(w, "warehouse_type"), TYPES);
    Checks.oneOf("channel.name", w.path("channel").path("name").asText("CHANNEL_NAME_CURRENT"), CHANNELS);
    boolean serverless = w.path("enable_serverless_compute").asBoolean(false);
    if (serverless && !"PRO".equals(Json.text(w, "warehouse_type"))) {
      throw ApiException.invalidParameter("Serverless compute requires warehouse_type PRO");
    }
    long stop = w.path("auto_stop_mins").asLong();
    if (stop < 0 || (stop > 0 && stop < (serverless ? 1 : 10))) {
      throw ApiException.invalidParameter("auto_stop_mins must be 0 or at least " + (serverless ? 1 : 10) + ", got " + stop);
    }
    long min = w.path("min_num_clusters").asLong();
    long max = w.path("max_num_clusters").asLong();
    if (min < 1 || min > 30 || max < min || max > 40) {
      throw ApiException.invalidParameter("min_num_clusters must be between 1 and min(max_num_clusters, 30) and "
          + "max_num_clusters at most 40, got " + min + " and " + max);
    }
    if (w.path("tags").path("custom_tags").size() >= 45) {
      throw ApiException.invalidParameter("A warehouse can have at most 44 custom tags");
    }
  }

  private Response edit(Request req) {
    ObjectNode current = require(req.pathParam("id"));
    ObjectNode body = req.json();
    ObjectNode updated = Json.copy(current);
    for (String f : SETTINGS) {
      if (body.hasNonNull(f)) {
        updated.set(f, Fields.withoutNulls(body.get(f)));
      }
    }
    if (body.hasNonNull("enable_serverless_compute") && !body.hasNonNull("warehouse_type")
        && body.get("enable_serverless_compute").asBoolean()) {
      updated.put("warehouse_type", "PRO");
    }
    validate(updated, current.get("id").asText());
    putState(updated, Json.text(updated, "state"));
    warehouses.put(current.get("id").asText(), updated);
    return Response.empty();
  }

  private Response setState(String id, String state) {
    putState(require(id), state);
    return Response.empty();
  }

  /** Running warehouses run their minimum number of clusters; stopped ones none. */
  private static void putState(ObjectNode w, String state) {
    w.put("state", state);
    w.put("num_clusters", "RUNNING".equals(state) ? w.path("min_num_clusters").asInt(1) : 0);
    if ("RUNNING".equals(state)) {
      w.putObject("health").put("status", "HEALTHY");
    } else {
      w.remove("health");
    }
  }

  /** Statement execution starts a stopped warehouse, as auto-resume does. */
  void resume(ObjectNode w) {
    if (!"RUNNING".equals(Json.text(w, "state"))) {
      putState(w, "RUNNING");
    }
  }

  private Response list(Request req) {
    int size = Pages.size(req, "page_size", Integer.MAX_VALUE, Integer.MAX_VALUE);
    return Response.ok(Pages.of(new ArrayList<>(warehouses.values()), req.q("page_token"), size)
        .toJson("warehouses", Json::copy));
  }

  List<ObjectNode> all() {
    return List.copyOf(warehouses.values());
  }
}
