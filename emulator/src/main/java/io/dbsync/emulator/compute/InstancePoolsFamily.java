package io.dbsync.emulator.compute;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instance pools 2.0 (api-reference §3.3). A deleted pool keeps answering get with state DELETED but
 * leaves the list. Pools hold no instances here: stats report {@code min_idle_instances} idle ones.
 *
 * <p>Seed format (key {@code "instance-pools"}): a JSON array of objects in the create shape, each
 * optionally with {@code instance_pool_id} and {@code state} (ACTIVE|STOPPED|DELETED).
 * {@link #dump()} returns the stored pools as get returns them.
 */
public final class InstancePoolsFamily implements Family {
  private static final String BASE = "/api/2.0/instance-pools/";
  private static final Set<String> COMPUTED = Set.of("instance_pool_id", "default_tags", "state", "stats", "status");
  /** The fields edit may change; the rest are fixed at creation. */
  private static final List<String> MUTABLE = List.of("instance_pool_name", "min_idle_instances", "max_capacity",
      "idle_instance_autotermination_minutes", "custom_tags", "remote_disk_throughput", "total_initial_remote_disk_size");
  private static final List<String> STATES = List.of("ACTIVE", "STOPPED", "DELETED");

  private final Map<String, ObjectNode> pools = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "instance-pools";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE + "create", name(), this::create);
    router.add("POST", BASE + "edit", name(), this::edit);
    router.add("GET", BASE + "get", name(), r -> Response.ok(Json.copy(require(r.requireQ("instance_pool_id")))));
    router.add("GET", BASE + "list", name(), this::list);
    router.add("POST", BASE + "delete", name(), this::delete);
    workspace.registerPermissionObject("instance-pools", this::isActive);
  }

  /** Exists and not deleted. */
  public boolean isActive(String id) {
    ObjectNode p = id == null ? null : pools.get(id);
    return p != null && !"DELETED".equals(Json.text(p, "state"));
  }

  private ObjectNode require(String id) {
    ObjectNode p = id == null ? null : pools.get(id);
    if (p == null) {
      throw ApiException.notFound("Can't find an instance pool with id: " + id + ".");
    }
    return p;
  }

  private Response create(Request req) {
    ObjectNode pool = build(req.json(), newPoolId(), "ACTIVE");
    pools.put(pool.get("instance_pool_id").asText(), pool);
    return Response.ok(Json.object().put("instance_pool_id", pool.get("instance_pool_id").asText()));
  }

  private String newPoolId() {
    return ws.clusterId() + "-pool-" + ws.alnum(8);
  }

  private ObjectNode build(ObjectNode body, String id, String state) {
    String name = Fields.requireText(body, "instance_pool_name");
    Fields.requireText(body, "node_type_id");
    CloudRules.check(body, ws.cloud());
    checkUniqueName(name, id);
    ObjectNode pool = Json.object();
    Fields.withoutNulls(body).properties().forEach(e -> {
      if (!COMPUTED.contains(e.getKey())) {
        pool.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    validate(pool);
    pool.put("instance_pool_id", id);
    pool.put("state", state);
    refresh(pool);
    return pool;
  }

  private void checkUniqueName(String name, String id) {
    for (ObjectNode other : pools.values()) {
      if (!other.get("instance_pool_id").asText().equals(id) && isActive(other.get("instance_pool_id").asText())
          && name.equals(Json.text(other, "instance_pool_name"))) {
        throw ApiException.alreadyExists("Instance pool with name " + name + " already exists");
      }
    }
  }

  private static void validate(ObjectNode pool) {
    long min = pool.path("min_idle_instances").asLong(0);
    JsonNode max = pool.get("max_capacity");
    if (min < 0) {
      throw ApiException.invalidParameter("min_idle_instances must be non-negative");
    }
    if (max != null && !max.isNull() && max.asLong() < min) {
      throw ApiException.invalidParameter("max_capacity (" + max.asLong()
          + ") must be greater than or equal to min_idle_instances (" + min + ")");
    }
    JsonNode versions = pool.get("preloaded_spark_versions");
    if (versions != null && versions.size() > 1) {
      throw ApiException.invalidParameter("At most one preloaded Spark version is allowed");
    }
    JsonNode elastic = pool.get("enable_elastic_disk");
    if (elastic != null && !elastic.isBoolean()) {
      throw ApiException.invalidParameter("enable_elastic_disk must be a boolean");
    }
  }

  /** default_tags and stats follow the pool's id and size. */
  private static void refresh(ObjectNode pool) {
    ObjectNode tags = Json.object();
    tags.put("Vendor", "Databricks");
    tags.put("DatabricksInstancePoolId", pool.get("instance_pool_id").asText());
    pool.set("default_tags", tags);
    ObjectNode stats = Json.object();
    boolean active = "ACTIVE".equals(Json.text(pool, "state"));
    stats.put("used_count", 0);
    stats.put("idle_count", active ? pool.path("min_idle_instances").asInt(0) : 0);
    stats.put("pending_used_count", 0);
    stats.put("pending_idle_count", 0);
    pool.set("stats", stats);
    pool.putObject("status");
  }

  private Response edit(Request req) {
    ObjectNode body = req.json();
    ObjectNode pool = require(Fields.requireText(body, "instance_pool_id"));
    String id = pool.get("instance_pool_id").asText();
    if ("DELETED".equals(Json.text(pool, "state"))) {
      throw ApiException.invalidState("Instance pool " + id + " is deleted.");
    }
    String name = Fields.requireText(body, "instance_pool_name");
    String nodeType = Fields.requireText(body, "node_type_id");
    if (!nodeType.equals(Json.text(pool, "node_type_id"))) {
      throw ApiException.invalidParameter("node_type_id cannot be changed (is " + Json.text(pool, "node_type_id") + ")");
    }
    checkUniqueName(name, id);
    ObjectNode updated = Json.copy(pool);
    updated.remove(MUTABLE);
    for (String f : MUTABLE) {
      if (body.hasNonNull(f)) {
        updated.set(f, Fields.withoutNulls(body.get(f)));
      }
    }
    validate(updated);
    refresh(updated);
    pools.put(id, updated);
    return Response.empty();
  }

  private Response list(Request req) {
    ObjectNode out = Json.object();
    ArrayNode arr = Json.array();
    pools.values().stream().filter(p -> !"DELETED".equals(Json.text(p, "state"))).forEach(p -> arr.add(Json.copy(p)));
    if (!arr.isEmpty()) {
      out.set("instance_pools", arr);
    }
    return Response.ok(out);
  }

  private Response delete(Request req) {
    ObjectNode pool = require(Fields.requireText(req.json(), "instance_pool_id"));
    pool.put("state", "DELETED");
    refresh(pool);
    return Response.empty();
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    pools.values().forEach(p -> arr.add(Json.copy(p)));
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("instance-pools seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = Json.text(item, "instance_pool_id");
      String state = Json.text(item, "state");
      if (state != null && !STATES.contains(state)) {
        throw new IllegalArgumentException("instance-pools seed: bad state " + state);
      }
      ObjectNode pool = build((ObjectNode) item, id != null ? id : newPoolId(), state != null ? state : "ACTIVE");
      pools.put(pool.get("instance_pool_id").asText(), pool);
    }
  }
}
