package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

/**
 * Clusters API 2.0 and 2.1 (api-reference §2.1-2.3).
 *
 * <p>Seed format (key {@code "clusters"}): a JSON array of objects in the create (ClusterSpec) shape,
 * each optionally with {@code cluster_id} (generated when absent), {@code state} (a State enum value,
 * default RUNNING), {@code cluster_source} (default API; use JOB for job clusters),
 * {@code creator_user_name} (default the admin), {@code start_time} (epoch ms) and
 * {@code "pinned": true}. Server-computed keys such as {@code spec} and {@code default_tags} are
 * recomputed, so {@link #dump()} output (the stored ClusterDetails) can be seeded back.
 */
public final class ClustersFamily implements Family {
  private static final String BASE = "/api/2.0|2.1/clusters/";

  private final ClusterStore store = new ClusterStore();
  private ClusterHandlers handlers;

  @Override
  public String name() {
    return "clusters";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    handlers = new ClusterHandlers(store, workspace);
    router.add("POST", BASE + "create", name(), handlers::create);
    router.add("POST", BASE + "edit", name(), handlers::edit);
    router.add("POST", BASE + "update", name(), handlers::update);
    router.add("GET", BASE + "get", name(), handlers::get);
    router.add("GET", BASE + "list", name(), handlers::list);
    router.add("POST", BASE + "delete", name(), handlers::delete);
    router.add("POST", BASE + "permanent-delete", name(), handlers::permanentDelete);
    router.add("POST", BASE + "start", name(), handlers::start);
    router.add("POST", BASE + "restart", name(), handlers::restart);
    router.add("POST", BASE + "resize", name(), handlers::resize);
    router.add("POST", BASE + "pin", name(), handlers::pin);
    router.add("POST", BASE + "unpin", name(), handlers::unpin);
    router.add("GET", BASE + "list-node-types", name(), r -> Response.ok(ClusterCatalog.nodeTypes(workspace.cloud())));
    router.add("GET", BASE + "spark-versions", name(), r -> Response.ok(ClusterCatalog.sparkVersions()));
    router.add("GET", BASE + "list-zones", name(), r -> Response.ok(ClusterCatalog.zones(workspace.cloud())));
    workspace.registerPermissionObject("clusters", store::exists);
  }

  @Override
  public JsonNode dump() {
    return store.dump();
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("clusters seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = Json.text(item, "cluster_id");
      String state = orDefault(Json.text(item, "state"), "RUNNING");
      String source = orDefault(Json.text(item, "cluster_source"), "API");
      if (!ClusterStore.STATES.contains(state) || !ClusterStore.SOURCES.contains(source)) {
        throw new IllegalArgumentException("clusters seed: bad state/cluster_source in " + item);
      }
      ObjectNode spec = Json.object();
      item.properties().forEach(e -> {
        if (!ClusterStore.COMPUTED.contains(e.getKey())) {
          spec.set(e.getKey(), e.getValue().deepCopy());
        }
      });
      ObjectNode cluster = handlers.newCluster(spec, id != null ? id : workspace.clusterId(), source,
          orDefault(Json.text(item, "creator_user_name"), workspace.adminUser()), state);
      if (item.has("start_time")) {
        cluster.put("start_time", item.get("start_time").asLong());
      }
      store.put(cluster);
      if (item.path("pinned").asBoolean(false)) {
        store.pin(cluster.get("cluster_id").asText());
      }
    }
  }

  /** Whether a cluster exists (for other families, e.g. libraries and permissions). */
  public boolean exists(String clusterId) {
    return store.exists(clusterId);
  }

  /** The exact "does not exist" error of clusters/get when the cluster is unknown. */
  void requireCluster(String clusterId) {
    store.require(clusterId);
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }
}
