package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Pause;
import io.dbsync.client.Rest;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_cluster: all-purpose clusters created from the UI or the API (job-run, pipeline, SQL and
 * model-serving clusters belong to their owners and are skipped). Libraries come from the Libraries
 * API and become {@code library} blocks; they are installed after create and diffed on update.
 * A pinned cluster has {@code is_pinned = true} (see {@link PinnedClusters}); it is pinned after create
 * and pinned or unpinned on update.
 */
public final class ClusterKind implements Kind {
  static final String BASE = "/api/2.1/clusters";
  /** The sources of the clusters exported (and refreshed from their listing, {@link ClusterListing}). */
  static final List<String> EXPORTED_SOURCES = List.of("UI", "API");
  private static final Set<String> TRANSIENT_STATES = Set.of("PENDING", "RESTARTING", "RESIZING", "TERMINATING");
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(30);
  /** Attribute (and field added to the API object by {@link #read}) saying the cluster is pinned. */
  private static final String PINNED = "is_pinned";

  private static final KindInfo INFO = KindInfo.exported("databricks_cluster", "cluster", "cluster",
      "Clusters with libraries (job clusters skipped)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** From the clusters' listing with their libraries ({@link ClusterListing}), pinning added per selected cluster. */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (ObjectNode c : ClusterListing.all(ctx)) {
      String source = Attrs.text(c, "cluster_source");
      String name = Attrs.text(c, "cluster_name");
      if (source != null && !EXPORTED_SOURCES.contains(source)) {
        ctx.skipped(name, source.toLowerCase(java.util.Locale.ROOT) + " cluster: belongs to what started it (job run, pipeline...)");
      } else if (sel.selects(name, c)) {
        String id = Attrs.text(c, "cluster_id");
        out.add(new SourceObject(id, resourceName(name, id), withPinned(ctx, c)));
      }
    }
    return out;
  }

  /** A copy of the cluster's details with {@code is_pinned}. */
  private static ObjectNode withPinned(KindContext ctx, JsonNode cluster) throws IOException {
    ObjectNode out = cluster.deepCopy();
    out.put(PINNED, PinnedClusters.of(ctx).isPinned(ctx.client(), Attrs.text(cluster, "cluster_id")));
    return out;
  }

  static String resourceName(String clusterName, String id) {
    return Names.safe((clusterName == null ? "cluster" : clusterName) + "_" + id);
  }

  /** The cluster's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "clusters", obj.id(), "cluster_id",
        ctx.rendering().ref(INFO.type(), obj.id(), "id"), "cluster_" + obj.name());
  }

  /**
   * The cluster as clusters/get returns it, plus {@code libraries} (what the Libraries API lists for
   * it) and {@code is_pinned}.
   */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode cluster = Rest.getOrNull(ctx.client(), BASE + "/get", Map.of("cluster_id", id));
    if (cluster == null) {
      return null;
    }
    ObjectNode out = withPinned(ctx, cluster);
    out.set("libraries", ClusterListing.installed(
        Rest.get(ctx.client(), "/api/2.0/libraries/cluster-status", Map.of("cluster_id", id))));
    return out;
  }

  /**
   * From the run's cluster listing ({@link ClusterListing}: what {@link #read} gives, for every cluster
   * at once); a cluster it lacks or this run wrote is read on its own.
   */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    Optional<ObjectNode> listed = ClusterListing.listed(ctx, id);
    JsonNode raw = listed.isPresent() ? withPinned(ctx, listed.get()) : read(ctx, id);
    return raw == null ? Optional.empty() : Optional.of(toConfig(raw, ctx.rendering()));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = ClusterSpecs.toConfig(raw, rendering, true, ClusterSpecs.IdStyle.REFS);
    ArrayNode libs = ClusterSpecs.libraries(raw.get("libraries"));
    if (!libs.isEmpty()) {
      out.set("library", libs);
    }
    if (raw.path(PINNED).asBoolean(false)) {
      out.put(PINNED, true);
    }
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    JsonNode resp = Rest.post(ctx.client(), BASE + "/create", ClusterSpecs.toApi(attrs));
    String id = resp.get("cluster_id").asText();
    ClusterListing.writing(ctx, id);
    ArrayNode libs = desiredLibraries(attrs);
    if (!libs.isEmpty()) {
      Rest.post(ctx.client(), "/api/2.0/libraries/install", libraryBody(id, libs));
    }
    if (attrs.path(PINNED).asBoolean(false)) {
      PinnedClusters.of(ctx).set(ctx.client(), id, true);
    }
    if (ctx.passive()) {
      terminate(ctx.client(), id);
    }
    return id;
  }

  /** Only a crash-orphaned twin is adopted: cluster names are not unique (see {@link Twins}). */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "cluster_name");
    if (name == null) {
      return Optional.empty();
    }
    List<String> ids = Twins.idsNamedOnce(ctx, BASE + "/list", Map.of("page_size", "100"), "clusters",
        "cluster_id", "cluster_name", name);
    return Twins.untrackedTwin(ctx, this, ids, attrs);
  }

  /**
   * clusters/edit only when the spec differs from the target's (an edit restarts a running cluster),
   * then installs/uninstalls the library difference.
   */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    WorkspaceClient client = ctx.client();
    ClusterListing.writing(ctx, id);
    JsonNode current = read(ctx, id);
    if (current == null) {
      throw new IllegalStateException("cluster " + id + " does not exist in the target");
    }
    ObjectNode currentAttrs = toConfig(current, ctx.rendering());
    if (!TfJson.sorted(ClusterSpecs.toApi(currentAttrs)).equals(TfJson.sorted(ClusterSpecs.toApi(attrs)))) {
      waitUntilSettled(client, id);
      ObjectNode body = ClusterSpecs.toApi(attrs);
      body.put("cluster_id", id);
      Rest.post(client, BASE + "/edit", body);
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
      Rest.post(client, "/api/2.0/libraries/uninstall", libraryBody(id, uninstall));
    }
    if (!install.isEmpty()) {
      Rest.post(client, "/api/2.0/libraries/install", libraryBody(id, install));
    }
    boolean pin = attrs.path(PINNED).asBoolean(false);
    if (pin != current.path(PINNED).asBoolean(false)) {
      PinnedClusters.of(ctx).set(client, id, pin);
    }
    if (ctx.passive()) {
      terminate(client, id);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    ClusterListing.writing(ctx, id);
    Rest.postTolerantOfGone(ctx.client(), BASE + "/permanent-delete", TfJson.object().put("cluster_id", id));
  }

  private static void terminate(WorkspaceClient client, String id) throws IOException {
    Rest.post(client, BASE + "/delete", TfJson.object().put("cluster_id", id));
  }

  /** Edits are refused while a cluster starts, restarts, resizes or terminates: wait for a stable state. */
  private static void waitUntilSettled(WorkspaceClient client, String id) throws IOException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long sleepMs = 100;
    while (true) {
      JsonNode c = Rest.get(client, BASE + "/get", Map.of("cluster_id", id));
      if (!TRANSIENT_STATES.contains(Attrs.text(c, "state"))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cluster " + id + " stayed in state " + Attrs.text(c, "state")
            + " for " + SETTLE_TIMEOUT.toMinutes() + " minutes");
      }
      Pause.sleep(sleepMs);
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
