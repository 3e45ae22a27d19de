package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Clusters 2.0/2.1 endpoints (api-reference §2.1). Lifecycle is instantaneous: create and start go
 * straight to RUNNING, delete to TERMINATED, so the SDK's waiters return on their first poll.
 */
final class ClusterHandlers {
  private static final int MAX_PAGE_SIZE = 100;

  private final ClusterStore store;
  private final Workspace ws;

  ClusterHandlers(ClusterStore store, Workspace ws) {
    this.store = store;
    this.ws = ws;
  }

  Response create(Request req) {
    ObjectNode body = req.json();
    ObjectNode spec = Json.object();
    JsonNode clone = body.get("clone_from");
    if (clone != null && !clone.isNull()) {
      ObjectNode source = store.require(Fields.requireText(clone, "source_cluster_id"));
      Fields.putAll(spec, ClusterStore.specOf(source));
    }
    body.properties().forEach(e -> {
      if (!ClusterStore.COMPUTED.contains(e.getKey())) {
        spec.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    ClusterSpecs.applyPolicy(spec, ws);
    ClusterSpecs.validate(spec, ws);
    ObjectNode cluster = newCluster(spec, ws.clusterId(), "API", ws.adminUser(), "RUNNING");
    store.put(cluster);
    return Response.ok(Json.object().put("cluster_id", cluster.get("cluster_id").asText()));
  }

  /** A new stored cluster from a validated spec. */
  ObjectNode newCluster(ObjectNode spec, String id, String source, String creator, String state) {
    ObjectNode cluster = Json.object();
    cluster.put("cluster_id", id);
    cluster.put("creator_user_name", creator);
    cluster.put("cluster_source", source);
    cluster.put("state", state);
    cluster.put("start_time", ws.now());
    cluster.put("spark_context_id", ws.nextId());
    if ("TERMINATED".equals(state)) {
      terminate(cluster);
    }
    ClusterStore.replaceSpec(cluster, spec);
    return cluster;
  }

  Response edit(Request req) {
    ObjectNode body = req.json();
    ObjectNode cluster = store.require(Fields.requireText(body, "cluster_id"));
    checkEditable(cluster);
    ObjectNode spec = Json.copy(body);
    spec.remove("cluster_id");
    ClusterSpecs.applyPolicy(spec, ws);
    ClusterSpecs.validate(spec, ws);
    ClusterStore.replaceSpec(cluster, spec);
    restartIfRunning(cluster);
    return Response.empty();
  }

  /** Partial update: the fields named in update_mask are taken from {@code cluster} (absent = cleared). */
  Response update(Request req) {
    ObjectNode body = req.json();
    ObjectNode cluster = store.require(Fields.requireText(body, "cluster_id"));
    String mask = Fields.requireText(body, "update_mask");
    JsonNode changes = body.path("cluster");
    checkEditable(cluster);
    ObjectNode spec = ClusterStore.specOf(cluster);
    for (String path : mask.split(",")) {
      String p = path.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (ClusterStore.COMPUTED.contains(p.split("\\.")[0])) {
        throw ApiException.invalidParameter("Field " + p + " cannot be updated");
      }
      applyMaskPath(spec, changes, p);
    }
    ClusterSpecs.applyPolicy(spec, ws);
    ClusterSpecs.validate(spec, ws);
    ClusterStore.replaceSpec(cluster, spec);
    restartIfRunning(cluster);
    return Response.empty();
  }

  /** Copies one dotted path ("autoscale.max_workers") from {@code changes} into {@code spec}. */
  private static void applyMaskPath(ObjectNode spec, JsonNode changes, String path) {
    String[] parts = path.split("\\.");
    ObjectNode target = spec;
    JsonNode src = changes;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = target.get(parts[i]);
      if (next == null || !next.isObject()) {
        next = target.putObject(parts[i]);
      }
      target = (ObjectNode) next;
      src = src == null ? null : src.get(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    JsonNode value = src == null ? null : src.get(leaf);
    if (value == null || value.isNull()) {
      target.remove(leaf);
    } else {
      target.set(leaf, value.deepCopy());
    }
  }

  private static void checkEditable(ObjectNode cluster) {
    String id = cluster.get("cluster_id").asText();
    if ("JOB".equals(Json.text(cluster, "cluster_source"))) {
      throw ApiException.invalidParameter("Cluster " + id + " was created by the Jobs service and cannot be edited");
    }
    String state = Json.text(cluster, "state");
    if (!"RUNNING".equals(state) && !"TERMINATED".equals(state)) {
      throw ApiException.invalidState("Cluster " + id + " is in unexpected state " + pretty(state) + ".");
    }
  }

  private void restartIfRunning(ObjectNode cluster) {
    if ("RUNNING".equals(Json.text(cluster, "state"))) {
      cluster.put("last_restarted_time", ws.now());
      libraries().ifPresent(l -> l.onRestart(cluster.get("cluster_id").asText()));
    }
  }

  Response get(Request req) {
    return Response.ok(ClusterStore.view(store.require(req.requireQ("cluster_id"))));
  }

  /** 2.0: every cluster, no tokens. 2.1: filter_by.*, sort_by.*, page_size and page_token. */
  Response list(Request req) {
    boolean v21 = req.path().startsWith("/api/2.1/");
    List<ObjectNode> all = store.all();
    ObjectNode out = Json.object();
    if (!v21) {
      if (!all.isEmpty()) {
        ArrayNode arr = out.putArray("clusters");
        all.forEach(c -> arr.add(ClusterStore.view(c)));
      }
      return Response.ok(out);
    }
    Set<String> sources = enums(req, "filter_by.cluster_sources", ClusterStore.SOURCES);
    Set<String> states = enums(req, "filter_by.cluster_states", ClusterStore.STATES);
    String policy = req.q("filter_by.policy_id");
    String pinned = req.q("filter_by.is_pinned");
    List<ObjectNode> matching = all.stream()
        .filter(c -> sources.isEmpty() || sources.contains(Json.text(c, "cluster_source")))
        .filter(c -> states.isEmpty() || states.contains(Json.text(c, "state")))
        .filter(c -> policy == null || policy.equals(Json.text(c, "policy_id")))
        .filter(c -> pinned == null || Boolean.parseBoolean(pinned) == store.isPinned(c.get("cluster_id").asText()))
        .collect(Collectors.toList());
    String field = req.q("sort_by.field");
    String direction = req.q("sort_by.direction");
    if (field != null && !List.of("CLUSTER_NAME", "DEFAULT").contains(field)) {
      throw ApiException.invalidParameter("Invalid sort_by.field: " + field);
    }
    if (direction != null && !List.of("ASC", "DESC").contains(direction)) {
      throw ApiException.invalidParameter("Invalid sort_by.direction: " + direction);
    }
    if ("CLUSTER_NAME".equals(field)) {
      matching.sort(Comparator.comparing(c -> Objects.toString(Json.text(c, "cluster_name"), "")));
    }
    if ("DESC".equals(direction)) {
      Collections.reverse(matching);
    }
    Integer size = Fields.intQuery(req, "page_size");
    if (size != null && size < 0) {
      throw ApiException.invalidParameter("page_size must be non-negative");
    }
    int pageSize = size == null || size == 0 || size > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : size;
    int offset = Math.min(Fields.offsetOf(req.q("page_token")), matching.size());
    int end = Math.min(matching.size(), offset + pageSize);
    if (end > offset) {
      ArrayNode arr = out.putArray("clusters");
      matching.subList(offset, end).forEach(c -> arr.add(ClusterStore.view(c)));
    }
    if (end < matching.size()) {
      out.put("next_page_token", Fields.pageToken(end));
    }
    if (offset > 0) {
      out.put("prev_page_token", Fields.pageToken(Math.max(0, offset - pageSize)));
    }
    return Response.ok(out);
  }

  private static Set<String> enums(Request req, String name, List<String> allowed) {
    Set<String> values = new LinkedHashSet<>(req.qAll(name));
    for (String v : values) {
      if (!allowed.contains(v)) {
        throw ApiException.invalidParameter("Invalid " + name + ": " + v);
      }
    }
    return values;
  }

  /** Terminate: no-op when already terminating or terminated. */
  Response delete(Request req) {
    ObjectNode cluster = store.require(Fields.requireText(req.json(), "cluster_id"));
    String state = Json.text(cluster, "state");
    if (!"TERMINATED".equals(state) && !"TERMINATING".equals(state)) {
      terminate(cluster);
    }
    return Response.empty();
  }

  private void terminate(ObjectNode cluster) {
    cluster.put("state", "TERMINATED");
    cluster.put("state_message", "Terminated by user");
    cluster.put("terminated_time", ws.now());
    ObjectNode reason = cluster.putObject("termination_reason");
    reason.put("code", "USER_REQUEST");
    reason.put("type", "SUCCESS");
    reason.putObject("parameters").put("username", ws.adminUser());
  }

  Response permanentDelete(Request req) {
    String id = Fields.requireText(req.json(), "cluster_id");
    store.require(id);
    store.remove(id);
    libraries().ifPresent(l -> l.onPermanentDelete(id));
    return Response.empty();
  }

  Response start(Request req) {
    ObjectNode cluster = store.require(Fields.requireText(req.json(), "cluster_id"));
    String state = Json.text(cluster, "state");
    if (!"TERMINATED".equals(state)) {
      throw ApiException.invalidState("Cluster " + cluster.get("cluster_id").asText()
          + " is in unexpected state " + pretty(state) + ".");
    }
    cluster.put("state", "RUNNING");
    cluster.put("start_time", ws.now());
    cluster.remove(List.of("state_message", "terminated_time", "termination_reason"));
    libraries().ifPresent(l -> l.onRestart(cluster.get("cluster_id").asText()));
    return Response.empty();
  }

  Response restart(Request req) {
    ObjectNode cluster = store.require(Fields.requireText(req.json(), "cluster_id"));
    requireRunning(cluster);
    cluster.put("last_restarted_time", ws.now());
    libraries().ifPresent(l -> l.onRestart(cluster.get("cluster_id").asText()));
    return Response.empty();
  }

  Response resize(Request req) {
    ObjectNode body = req.json();
    ObjectNode cluster = store.require(Fields.requireText(body, "cluster_id"));
    requireRunning(cluster);
    JsonNode workers = body.get("num_workers");
    JsonNode autoscale = body.get("autoscale");
    if ((workers == null || workers.isNull()) == (autoscale == null || autoscale.isNull())) {
      throw ApiException.invalidParameter("Exactly one of num_workers or autoscale must be specified");
    }
    ObjectNode spec = ClusterStore.specOf(cluster);
    spec.remove(List.of("num_workers", "autoscale"));
    if (workers != null && !workers.isNull()) {
      spec.set("num_workers", workers.deepCopy());
    } else {
      spec.set("autoscale", autoscale.deepCopy());
    }
    ClusterSpecs.applyPolicy(spec, ws);
    ClusterSpecs.validate(spec, ws);
    ClusterStore.replaceSpec(cluster, spec);
    return Response.empty();
  }

  Response pin(Request req) {
    store.pin(store.require(Fields.requireText(req.json(), "cluster_id")).get("cluster_id").asText());
    return Response.empty();
  }

  Response unpin(Request req) {
    store.unpin(store.require(Fields.requireText(req.json(), "cluster_id")).get("cluster_id").asText());
    return Response.empty();
  }

  private static void requireRunning(ObjectNode cluster) {
    String state = Json.text(cluster, "state");
    if (!"RUNNING".equals(state)) {
      throw ApiException.invalidState("Cluster " + cluster.get("cluster_id").asText()
          + " is in unexpected state " + pretty(state) + ".");
    }
  }

  /** "TERMINATED" -> "Terminated", as the real error messages print states. */
  private static String pretty(String state) {
    return state == null || state.isEmpty() ? "Unknown" : state.charAt(0) + state.substring(1).toLowerCase();
  }

  private Optional<LibrariesFamily> libraries() {
    return Optional.ofNullable(ClusterSpecs.optional(ws, LibrariesFamily.class));
  }
}
