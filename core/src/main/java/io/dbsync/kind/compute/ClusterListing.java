package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.ListedById;
import io.dbsync.kind.TokenPages;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters as one clusters/list (2.1, paged) and one libraries/all-cluster-statuses give them: each
 * cluster's ClusterDetails (the model clusters/get returns) with {@code libraries} as the cluster's own
 * cluster-status would list them. The export maps these; the import refreshes from them once per run
 * ({@link ListedById}) instead of a clusters/get and a libraries/cluster-status per cluster.
 */
final class ClusterListing {
  /** The run's listing key ({@link ListedById}). */
  private static final String LISTING = "ClusterKind";

  private ClusterListing() {}

  /** Every cluster of the workspace in listing order, with its libraries (pinning is not in it: {@link PinnedClusters}). */
  static List<ObjectNode> all(KindContext ctx) throws IOException {
    return withLibraries(ctx, TokenPages.all(ctx, ClusterKind.BASE + "/list", Map.of("page_size", "100"), "clusters"));
  }

  /**
   * The clusters a refresh can be asked for: the ones made from the UI or the API (what the export
   * exports and the import creates), listed per source with {@code filter_by.cluster_sources}, since in
   * a busy workspace the clusters that job runs and pipelines started (kept 30 days) outnumber them.
   */
  private static List<ObjectNode> refreshable(KindContext ctx) throws IOException {
    List<JsonNode> clusters = new ArrayList<>();
    for (String source : ClusterKind.EXPORTED_SOURCES) {
      clusters.addAll(TokenPages.all(ctx, ClusterKind.BASE + "/list",
          Map.of("page_size", "100", "filter_by.cluster_sources", source), "clusters"));
    }
    return withLibraries(ctx, clusters);
  }

  /** Copies of the clusters with their libraries, from one libraries/all-cluster-statuses. */
  private static List<ObjectNode> withLibraries(KindContext ctx, List<JsonNode> clusters) throws IOException {
    if (clusters.isEmpty()) {
      return List.of();
    }
    Map<String, JsonNode> statuses = new HashMap<>();
    for (JsonNode s : Rest.get(ctx.client(), "/api/2.0/libraries/all-cluster-statuses", Map.of()).path("statuses")) {
      statuses.put(Attrs.text(s, "cluster_id"), s);
    }
    List<ObjectNode> out = new ArrayList<>(clusters.size());
    for (JsonNode c : clusters) {
      ObjectNode details = c.deepCopy();
      details.set("libraries", installed(statuses.getOrDefault(Attrs.text(c, "cluster_id"), TfJson.object())));
      out.add(details);
    }
    return out;
  }

  /**
   * The cluster with its libraries from the run's listing, or empty when it must be read on its own
   * (not listed: deleted, or of another source; or written by this run).
   */
  static Optional<ObjectNode> listed(KindContext ctx, String id) throws IOException {
    return ListedById.of(ctx).get(ctx, LISTING, id, () -> ListedById.byId(refreshable(ctx), "cluster_id"));
  }

  /** The run writes the cluster (or its libraries): its refresh reads it on its own from now on. */
  static void writing(KindContext ctx, String id) {
    ListedById.of(ctx).writing(LISTING, id);
  }

  /**
   * The libraries of one cluster-status document (or one entry of all-cluster-statuses) attached to
   * this cluster: not the ones installed on all clusters, and not the ones already uninstalled
   * (UNINSTALL_ON_RESTART) which only wait for a restart to go away.
   */
  static ArrayNode installed(JsonNode resp) {
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
}
