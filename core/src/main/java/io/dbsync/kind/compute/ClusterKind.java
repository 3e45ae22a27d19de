package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * databricks_cluster: all-purpose clusters created from the UI or the API (job-run, pipeline, SQL and
 * model-serving clusters belong to their owners and are skipped). Libraries come from the Libraries
 * API and become {@code library} blocks; they are installed after create and diffed on update.
 */
public final class ClusterKind implements Kind {
  static final String BASE = "/api/2.1/clusters";
  private static final Set<String> EXPORTED_SOURCES = Set.of("UI", "API");
  private static final Set<String> TRANSIENT_STATES = Set.of("PENDING", "RESTARTING", "RESIZING", "TERMINATING");
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(30);

  @Override
  public String type() {
    return "databricks_cluster";
  }

  @Override
  public String configKey() {
    return "cluster";
  }

  @Override
  public String directory() {
    return "cluster";
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws Exception {
    Selection sel = new Selection(ctx.settings());
    List<SourceObject> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("page_size", "100");
      q.put("page_token", token);
      JsonNode resp = Api.get(ctx.client(), BASE + "/list", q);
      JsonNode clusters = resp.get("clusters");
      if (clusters != null) {
        for (JsonNode c : clusters) {
          String source = Attrs.text(c, "cluster_source");
          String name = Attrs.text(c, "cluster_name");
          if ((source == null || EXPORTED_SOURCES.contains(source)) && sel.selects(name, c)) {
            String id = Attrs.text(c, "cluster_id");
            out.add(new SourceObject(id, resourceName(name, id), c));
          }
        }
      }
      token = Attrs.text(resp, "next_page_token");
    } while (token != null && !token.isEmpty());
    return withListedLibraries(ctx.client(), out);
  }

  /** Marks listed clusters whose {@code libraries} came from one all-cluster-statuses call. */
  private static final String LIBRARIES_LISTED = "_dbsync_libraries_listed";

  /**
   * One libraries/all-cluster-statuses call for the whole listing instead of a cluster-status call
   * per cluster: the libraries go into each listed cluster's details.
   */
  private static List<SourceObject> withListedLibraries(WorkspaceClient client, List<SourceObject> listed) throws Exception {
    if (listed.isEmpty()) {
      return listed;
    }
    Map<String, JsonNode> byCluster = new java.util.HashMap<>();
    for (JsonNode s : Api.get(client, "/api/2.0/libraries/all-cluster-statuses", Map.of()).path("statuses")) {
      byCluster.put(Attrs.text(s, "cluster_id"), s);
    }
    List<SourceObject> out = new ArrayList<>(listed.size());
    for (SourceObject o : listed) {
      ObjectNode details = o.details().deepCopy();
      details.set("libraries", installed(byCluster.getOrDefault(o.id(), TfJson.object())));
      details.put(LIBRARIES_LISTED, true);
      out.add(new SourceObject(o.id(), o.name(), details));
    }
    return out;
  }

  static String resourceName(String clusterName, String id) {
    return Names.safe((clusterName == null ? "cluster" : clusterName) + "_" + id);
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    JsonNode raw = obj.details() == null ? read(ctx.client(), obj.id())
        : obj.details().path(LIBRARIES_LISTED).asBoolean(false) ? obj.details() : withLibraries(ctx.client(), obj.details());
    if (raw == null) {
      return List.of();
    }
    List<ExportedResource> out = new ArrayList<>();
    out.add(new ExportedResource(type(), obj.name(), toConfig(raw, ctx.rendering())));
    out.addAll(Children.permissions(ctx, "clusters", obj.id(), "cluster_id",
        ctx.rendering().ref(type(), obj.id(), "id"), "cluster_" + obj.name()));
    return out;
  }

  /** The cluster as clusters/get returns it, plus {@code libraries}: what the Libraries API lists for it. */
  @Override
  public JsonNode read(WorkspaceClient client, String id) throws Exception {
    JsonNode cluster = Api.getOrNull(client, BASE + "/get", Map.of("cluster_id", id));
    return cluster == null ? null : withLibraries(client, cluster);
  }

  private static JsonNode withLibraries(WorkspaceClient client, JsonNode cluster) throws Exception {
    ObjectNode out = cluster.deepCopy();
    out.set("libraries", installedLibraries(client, Attrs.text(cluster, "cluster_id")));
    return out;
  }

  /**
   * Libraries attached to this cluster: not the ones installed on all clusters, and not the ones
   * already uninstalled (UNINSTALL_ON_RESTART) which only wait for a restart to go away.
   */
  static ArrayNode installedLibraries(WorkspaceClient client, String clusterId) throws Exception {
    return installed(Api.get(client, "/api/2.0/libraries/cluster-status", Map.of("cluster_id", clusterId)));
  }

  /** The libraries of one cluster-status document (or one entry of all-cluster-statuses). */
  private static ArrayNode installed(JsonNode resp) {
    ArrayNode libs = TfJson.array();
    JsonNode statuses = resp.get("library_statuses");
    if (statuses != null) {
      for (JsonNode s : statuses) {
        if (s.path("is_library_for_all_clusters").asBoolean(false)
            || "UNINSTALL_ON_RESTART".equals(Attrs.text(s, "status"))) {
          continue;
        }
        if (s.has("library")) {
          libs.add(s.get("library").deepCopy());
        }
      }
    }
    return libs;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = ClusterSpecs.toConfig(raw, rendering, true, ClusterSpecs.IdStyle.REFS);
    ArrayNode libs = ClusterSpecs.libraries(raw.get("libraries"));
    if (!libs.isEmpty()) {
      out.set("library", libs);
    }
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    JsonNode resp = Api.post(ctx.client(), BASE + "/create", ClusterSpecs.toApi(attrs));
    String id = resp.get("cluster_id").asText();
    ArrayNode libs = desiredLibraries(attrs);
    if (!libs.isEmpty()) {
      Api.post(ctx.client(), "/api/2.0/libraries/install", libraryBody(id, libs));
    }
    if (ctx.passive()) {
      terminate(ctx.client(), id);
    }
    return id;
  }

  /**
   * clusters/edit only when the spec differs from the target's (an edit restarts a running cluster),
   * then installs/uninstalls the library difference.
   */
  /** Only a crash-orphaned twin is adopted: cluster names are not unique (see {@link Twins}). */
  @Override
  public java.util.Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String name = Attrs.text(attrs, "cluster_name");
    if (name == null) {
      return java.util.Optional.empty();
    }
    List<String> ids = Twins.idsNamed(ctx.client(), BASE + "/list", Map.of("page_size", "100"), "clusters",
        "cluster_id", "cluster_name", name);
    return Twins.untrackedTwin(ctx, this, ids, attrs);
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    WorkspaceClient client = ctx.client();
    JsonNode current = read(client, id);
    if (current == null) {
      throw new IllegalStateException("cluster " + id + " does not exist in the target");
    }
    ObjectNode currentAttrs = toConfig(current, ctx.rendering());
    if (!TfJson.sorted(ClusterSpecs.toApi(currentAttrs)).equals(TfJson.sorted(ClusterSpecs.toApi(attrs)))) {
      waitUntilSettled(client, id);
      ObjectNode body = ClusterSpecs.toApi(attrs);
      body.put("cluster_id", id);
      Api.post(client, BASE + "/edit", body);
    }
    Map<String, JsonNode> have = byCanonical(ClusterSpecs.libraries(current.get("libraries")));
    Map<String, JsonNode> want = byCanonical(desiredLibraries(attrs));
    ArrayNode install = TfJson.array();
    ArrayNode uninstall = TfJson.array();
    want.forEach((k, v) -> {
      if (!have.containsKey(k)) {
        install.add(v);
      }
    });
    have.forEach((k, v) -> {
      if (!want.containsKey(k)) {
        uninstall.add(v);
      }
    });
    if (!uninstall.isEmpty()) {
      Api.post(client, "/api/2.0/libraries/uninstall", libraryBody(id, uninstall));
    }
    if (!install.isEmpty()) {
      Api.post(client, "/api/2.0/libraries/install", libraryBody(id, install));
    }
    if (ctx.passive()) {
      terminate(client, id);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    Api.postTolerantOfGone(ctx.client(), BASE + "/permanent-delete", TfJson.object().put("cluster_id", id));
  }

  private static void terminate(WorkspaceClient client, String id) throws Exception {
    Api.post(client, BASE + "/delete", TfJson.object().put("cluster_id", id));
  }

  /** Edits are refused while a cluster starts, restarts, resizes or terminates: wait for a stable state. */
  private static void waitUntilSettled(WorkspaceClient client, String id) throws Exception {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long sleepMs = 100;
    while (true) {
      JsonNode c = Api.get(client, BASE + "/get", Map.of("cluster_id", id));
      if (!TRANSIENT_STATES.contains(Attrs.text(c, "state"))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cluster " + id + " stayed in state " + Attrs.text(c, "state")
            + " for " + SETTLE_TIMEOUT.toMinutes() + " minutes");
      }
      Thread.sleep(sleepMs);
      sleepMs = Math.min(sleepMs * 2, 10_000);
    }
  }

  private static ArrayNode desiredLibraries(ObjectNode attrs) {
    return ClusterSpecs.libraries(attrs.get("library"));
  }

  private static ObjectNode libraryBody(String clusterId, ArrayNode libs) {
    ObjectNode body = TfJson.object();
    body.put("cluster_id", clusterId);
    body.set("libraries", libs);
    return body;
  }

  private static Map<String, JsonNode> byCanonical(ArrayNode libs) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    libs.forEach(l -> out.put(Attrs.canonical(l), l));
    return out;
  }
}
