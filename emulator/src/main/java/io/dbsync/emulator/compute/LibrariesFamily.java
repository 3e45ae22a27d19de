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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Libraries API 2.0 (api-reference §2.4). Installs complete at once (status INSTALLED); uninstall
 * marks a library UNINSTALL_ON_RESTART and the next start/restart of its cluster removes it.
 *
 * <p>Seed format (key {@code "libraries"}): a JSON array of {@code {"cluster_id": str, "libraries":
 * [Library]}}; the cluster must exist (seed clusters first, which the family order guarantees).
 * {@link #dump()} returns the same shape plus a parallel {@code statuses} array (INSTALLED, UNINSTALL_ON_RESTART).
 */
public final class LibrariesFamily implements Family {
  private static final Set<String> KINDS = Set.of("jar", "egg", "whl", "requirements", "pypi", "maven", "cran");

  /** cluster id -> library statuses ({library, status}) in install order. */
  private final Map<String, List<ObjectNode>> installed = new LinkedHashMap<>();
  private Workspace workspace;

  @Override
  public String name() {
    return "libraries";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    router.add("GET", "/api/2.0/libraries/cluster-status", name(), this::clusterStatus);
    router.add("GET", "/api/2.0/libraries/all-cluster-statuses", name(), this::allStatuses);
    router.add("POST", "/api/2.0/libraries/install", name(), this::install);
    router.add("POST", "/api/2.0/libraries/uninstall", name(), this::uninstall);
  }

  private Response clusterStatus(Request req) {
    String id = req.requireQ("cluster_id");
    clusters().requireCluster(id);
    return Response.ok(statusOf(id));
  }

  private ObjectNode statusOf(String clusterId) {
    ObjectNode out = Json.object().put("cluster_id", clusterId);
    List<ObjectNode> libs = installed.getOrDefault(clusterId, List.of());
    if (!libs.isEmpty()) {
      ArrayNode arr = out.putArray("library_statuses");
      for (ObjectNode s : libs) {
        arr.add(Json.copy(s).put("is_library_for_all_clusters", false));
      }
    }
    return out;
  }

  private Response allStatuses(Request req) {
    ObjectNode out = Json.object();
    ArrayNode arr = Json.array();
    installed.forEach((id, libs) -> {
      if (!libs.isEmpty()) {
        arr.add(statusOf(id));
      }
    });
    if (!arr.isEmpty()) {
      out.set("statuses", arr);
    }
    return Response.ok(out);
  }

  private Response install(Request req) {
    ObjectNode body = req.json();
    String id = Fields.requireText(body, "cluster_id");
    JsonNode libs = requireLibraries(body);
    clusters().requireCluster(id);
    add(id, libs);
    return Response.empty();
  }

  private void add(String clusterId, JsonNode libs) {
    List<JsonNode> clean = new ArrayList<>();
    for (JsonNode raw : libs) {
      JsonNode lib = Fields.withoutNulls(raw);
      validate(lib);
      clean.add(lib);
    }
    List<ObjectNode> current = installed.computeIfAbsent(clusterId, k -> new ArrayList<>());
    for (JsonNode lib : clean) {
      ObjectNode existing = find(current, lib);
      if (existing != null) {
        existing.put("status", "INSTALLED");
      } else {
        ObjectNode s = Json.object();
        s.set("library", lib);
        s.put("status", "INSTALLED");
        current.add(s);
      }
    }
  }

  private Response uninstall(Request req) {
    ObjectNode body = req.json();
    String id = Fields.requireText(body, "cluster_id");
    JsonNode libs = requireLibraries(body);
    clusters().requireCluster(id);
    List<ObjectNode> current = installed.getOrDefault(id, List.of());
    for (JsonNode lib : libs) {
      ObjectNode existing = find(current, Fields.withoutNulls(lib));
      if (existing != null) {
        existing.put("status", "UNINSTALL_ON_RESTART");
      }
    }
    return Response.empty();
  }

  private static JsonNode requireLibraries(ObjectNode body) {
    JsonNode libs = body.get("libraries");
    if (libs == null || !libs.isArray() || libs.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: libraries");
    }
    return libs;
  }

  /** A Library has exactly one kind (jar, whl, pypi, ...), and the nested kinds their required key. */
  private static void validate(JsonNode lib) {
    List<String> kinds = new ArrayList<>();
    lib.fieldNames().forEachRemaining(n -> {
      if (KINDS.contains(n)) {
        kinds.add(n);
      }
    });
    if (kinds.size() != 1) {
      throw ApiException.invalidParameter("A library must specify exactly one of " + KINDS.stream().sorted().toList()
          + ", got " + lib);
    }
    String kind = kinds.get(0);
    String required = switch (kind) {
      case "pypi", "cran" -> "package";
      case "maven" -> "coordinates";
      default -> null;
    };
    JsonNode value = lib.get(kind);
    if (required == null ? value.asText().isEmpty() : Json.text(value, required) == null) {
      throw ApiException.invalidParameter("Invalid library " + lib + ": missing " + (required == null ? kind : kind + "." + required));
    }
  }

  private static ObjectNode find(List<ObjectNode> statuses, JsonNode lib) {
    for (ObjectNode s : statuses) {
      if (s.get("library").equals(lib)) {
        return s;
      }
    }
    return null;
  }

  /** Start/restart finishes pending uninstalls. */
  void onRestart(String clusterId) {
    List<ObjectNode> libs = installed.get(clusterId);
    if (libs != null) {
      libs.removeIf(s -> "UNINSTALL_ON_RESTART".equals(Json.text(s, "status")));
    }
  }

  void onPermanentDelete(String clusterId) {
    installed.remove(clusterId);
  }

  private ClustersFamily clusters() {
    return workspace.family(ClustersFamily.class);
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    installed.forEach((id, libs) -> {
      if (!libs.isEmpty()) {
        ObjectNode o = arr.addObject().put("cluster_id", id);
        ArrayNode l = o.putArray("libraries");
        libs.forEach(s -> l.add(Json.copy(s.get("library"))));
        ArrayNode st = o.putArray("statuses");
        libs.forEach(s -> st.add(s.get("status").asText()));
      }
    });
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("libraries seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = Json.text(item, "cluster_id");
      if (id == null || !ws.family(ClustersFamily.class).exists(id)) {
        throw new IllegalArgumentException("libraries seed: unknown cluster " + id);
      }
      add(id, item.path("libraries"));
    }
  }
}
