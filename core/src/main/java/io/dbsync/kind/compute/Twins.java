package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KeyedLocks;
import io.dbsync.kind.KindContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adoption for kinds without a unique natural key (clusters, jobs). If a run died after the API
 * created an object but before the state recorded it, the next run finds that object: same name,
 * every desired attribute equal, and not tracked by the state. Anything less is not adopted.
 */
final class Twins {
  private Twins() {}

  /**
   * Ids of target objects named {@code name}, from a token-paginated list endpoint: one listing per run
   * (run-scoped), not one per object adopted (a filtered query per job, a whole listing per cluster:
   * linear or quadratic in a large workspace). Objects this run
   * creates are tracked by the state and so never adopted, and a listed object deleted since fails
   * its refresh: the run's listing is enough.
   */
  static List<String> idsNamedOnce(KindContext ctx, String listPath, Map<String, String> extraQuery,
                                   String arrayField, String idField, String namePath, String name) throws IOException {
    Listings listings = ctx.shared(Listings.class, Listings::new);
    Map<String, List<String>> index = listings.loads.with(listPath, () -> {
      Map<String, List<String>> listed = listings.byPath.get(listPath);
      if (listed == null) {
        listed = byName(ctx.client(), listPath, extraQuery, arrayField, idField, namePath);
        listings.byPath.put(listPath, listed);
      }
      return listed;
    });
    return index.getOrDefault(name, List.of());
  }

  /** The run's name indexes, per list endpoint. */
  private static final class Listings {
    final Map<String, Map<String, List<String>>> byPath = new ConcurrentHashMap<>();
    final KeyedLocks loads = new KeyedLocks();
  }

  private static Map<String, List<String>> byName(WorkspaceClient client, String listPath, Map<String, String> extraQuery,
                                                 String arrayField, String idField, String namePath) throws IOException {
    Map<String, List<String>> out = new HashMap<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>(extraQuery);
      q.put("page_token", token);
      JsonNode resp = Rest.get(client, listPath, q);
      for (JsonNode item : resp.path(arrayField)) {
        JsonNode n = item;
        for (String part : namePath.split("\\.")) {
          n = n.path(part);
        }
        if (n.isTextual()) {
          out.computeIfAbsent(n.asText(), k -> new ArrayList<>()).add(item.path(idField).asText());
        }
      }
      token = Attrs.text(resp, "next_page_token");
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** The first untracked candidate whose refreshed attributes contain all desired attributes. */
  static Optional<String> untrackedTwin(ApplyContext ctx, Kind kind, List<String> candidates, ObjectNode desired)
      throws IOException {
    for (String id : candidates) {
      if (ctx.isTracked(kind.info().type(), id)) {
        continue;
      }
      Optional<ObjectNode> current = kind.refresh(ctx, id);
      if (current.isPresent() && contains(current.get(), desired)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  private static boolean contains(ObjectNode current, ObjectNode desired) {
    Iterator<Map.Entry<String, JsonNode>> it = desired.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(current.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
