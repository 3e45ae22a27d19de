package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clusters of the workspace as ClusterDetails documents (api-reference §2.3), in creation order.
 * A stored document holds the user's ClusterSpec fields next to the server-computed ones; the
 * {@code spec} sub-object is recomputed from the former on every change.
 */
final class ClusterStore {
  static final List<String> STATES = List.of("PENDING", "RUNNING", "RESTARTING", "RESIZING", "TERMINATING",
      "TERMINATED", "ERROR", "UNKNOWN");
  static final List<String> SOURCES = List.of("UI", "API", "JOB", "MODELS", "PIPELINE", "PIPELINE_MAINTENANCE", "SQL");

  /** Fields the server owns; everything else in a stored cluster is ClusterSpec. */
  static final Set<String> COMPUTED = Set.of("cluster_id", "creator_user_name", "cluster_source", "state",
      "state_message", "start_time", "terminated_time", "last_restarted_time", "last_state_loss_time",
      "last_activity_time", "default_tags", "termination_reason", "spark_context_id", "jdbc_port",
      "cluster_memory_mb", "cluster_cores", "driver", "executors", "spec", "cluster_log_status",
      "clone_from", "pinned");

  static final int MAX_PINNED = 100;

  private final Map<String, ObjectNode> clusters = new LinkedHashMap<>();
  private final Set<String> pinned = new LinkedHashSet<>();

  /** The cluster, or the exact legacy error the SDK maps to ResourceDoesNotExist. */
  ObjectNode require(String id) {
    ObjectNode c = id == null ? null : clusters.get(id);
    if (c == null) {
      throw ApiException.invalidParameter("Cluster " + id + " does not exist");
    }
    return c;
  }

  boolean exists(String id) {
    return id != null && clusters.containsKey(id);
  }

  void put(ObjectNode cluster) {
    clusters.put(cluster.get("cluster_id").asText(), cluster);
  }

  void remove(String id) {
    clusters.remove(id);
    pinned.remove(id);
  }

  List<ObjectNode> all() {
    return new ArrayList<>(clusters.values());
  }

  boolean isPinned(String id) {
    return pinned.contains(id);
  }

  void pin(String id) {
    if (!pinned.contains(id) && pinned.size() >= MAX_PINNED) {
      throw ApiException.invalidParameter("Cannot pin more than " + MAX_PINNED + " clusters");
    }
    pinned.add(id);
  }

  void unpin(String id) {
    pinned.remove(id);
  }

  /** The ClusterSpec part of a stored cluster. */
  static ObjectNode specOf(ObjectNode cluster) {
    ObjectNode spec = Json.object();
    cluster.properties().forEach(e -> {
      if (!COMPUTED.contains(e.getKey())) {
        spec.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    return spec;
  }

  /** Replaces the spec part of a stored cluster and refreshes spec and default_tags. */
  static void replaceSpec(ObjectNode cluster, ObjectNode spec) {
    ObjectNode clean = Fields.withoutNulls(spec);
    List<String> drop = new ArrayList<>();
    cluster.fieldNames().forEachRemaining(n -> {
      if (!COMPUTED.contains(n)) {
        drop.add(n);
      }
    });
    cluster.remove(drop);
    clean.properties().forEach(e -> {
      if (!COMPUTED.contains(e.getKey())) {
        cluster.set(e.getKey(), e.getValue());
      }
    });
    refresh(cluster);
  }

  /** Recomputes the derived fields: spec and default_tags (Vendor, Creator, ClusterName, ClusterId). */
  static void refresh(ObjectNode cluster) {
    ObjectNode tags = Json.object();
    tags.put("Vendor", "Databricks");
    String creator = Json.text(cluster, "creator_user_name");
    if (creator != null) {
      tags.put("Creator", creator);
    }
    String name = Json.text(cluster, "cluster_name");
    if (name != null) {
      tags.put("ClusterName", name);
    }
    tags.put("ClusterId", cluster.get("cluster_id").asText());
    cluster.set("default_tags", tags);
    cluster.set("spec", specOf(cluster));
  }

  /** A stored cluster as the API returns it (a copy, so callers cannot alter the state). */
  static ObjectNode view(ObjectNode cluster) {
    return Json.copy(cluster);
  }

  /** The stored documents, with {@code "pinned": true} on pinned clusters (the seed format accepts it). */
  JsonNode dump() {
    var arr = Json.array();
    for (ObjectNode c : clusters.values()) {
      ObjectNode v = Json.copy(c);
      if (pinned.contains(c.get("cluster_id").asText())) {
        v.put("pinned", true);
      }
      arr.add(v);
    }
    return arr;
  }
}
