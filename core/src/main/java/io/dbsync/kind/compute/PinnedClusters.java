package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.KindContext;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which clusters are pinned. Pinning is no field of a cluster: only a filter of the listing
 * ({@code filter_by.is_pinned}, at most 100 pinned per workspace), so one listing serves a whole run
 * (run-scoped, {@link KindContext#shared}) and pin/unpin through this class keep it current.
 */
final class PinnedClusters {
  private Set<String> ids;

  static PinnedClusters of(KindContext ctx) {
    return ctx.shared(PinnedClusters.class, PinnedClusters::new);
  }

  synchronized boolean isPinned(WorkspaceClient client, String clusterId) throws IOException {
    if (ids == null) {
      ids = list(client);
    }
    return ids.contains(clusterId);
  }

  /** Pins or unpins the cluster (both idempotent in the API). */
  void set(WorkspaceClient client, String clusterId, boolean pinned) throws IOException {
    Rest.post(client, ClusterKind.BASE + (pinned ? "/pin" : "/unpin"), TfJson.object().put("cluster_id", clusterId));
    synchronized (this) {
      if (ids != null) {
        if (pinned) {
          ids.add(clusterId);
        } else {
          ids.remove(clusterId);
        }
      }
    }
  }

  private static Set<String> list(WorkspaceClient client) throws IOException {
    Set<String> out = new HashSet<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("filter_by.is_pinned", "true");
      q.put("page_size", "100");
      q.put("page_token", token);
      JsonNode resp = Rest.get(client, ClusterKind.BASE + "/list", q);
      resp.path("clusters").forEach(c -> out.add(Attrs.text(c, "cluster_id")));
      token = Attrs.text(resp, "next_page_token");
    } while (token != null && !token.isEmpty());
    return out;
  }
}
