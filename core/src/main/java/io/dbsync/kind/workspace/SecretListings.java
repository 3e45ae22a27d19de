package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.KeyedLocks;
import io.dbsync.kind.KindContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secrets API's listings for one run (run-scoped, {@link KindContext#shared}): all scopes, and per
 * scope its secrets and its ACLs. Without them, finding a scope costs a scopes/list per scope and
 * reading a secret a secrets/list per secret: quadratic in a workspace with thousands of scopes. The
 * kinds' own writes keep the listings true: a write to a scope drops that scope's listing, and creating
 * or deleting a scope updates the scope list in place.
 */
final class SecretListings {
  private Map<String, JsonNode> scopes;
  private final Map<String, Optional<List<JsonNode>>> secrets = new ConcurrentHashMap<>();
  private final Map<String, Optional<List<JsonNode>>> acls = new ConcurrentHashMap<>();
  /** Per scope, how many writes happened: a listing read across a write is not kept. */
  private final Map<String, Long> writes = new ConcurrentHashMap<>();
  /** Per scope and listing, one loader at a time: parallel refreshes of a scope's secrets share one call. */
  private final KeyedLocks loads = new KeyedLocks();

  static SecretListings of(KindContext ctx) {
    return ctx.shared(SecretListings.class, SecretListings::new);
  }

  /** The scope as scopes/list returns it, or null. */
  synchronized JsonNode scope(WorkspaceClient client, String name) throws IOException {
    if (scopes == null) {
      Map<String, JsonNode> all = new TreeMap<>();
      for (JsonNode s : Rest.get(client, "/api/2.0/secrets/scopes/list").path("scopes")) {
        all.put(s.path("name").asText(), s);
      }
      scopes = all;
    }
    return scopes.get(name);
  }

  /** The scope's secrets (key, last_updated_timestamp), or empty when the scope does not exist. */
  Optional<List<JsonNode>> secrets(WorkspaceClient client, String scope) throws IOException {
    return listing(secrets, client, scope, "/api/2.0/secrets/list", "secrets");
  }

  /** The scope's ACLs (principal, permission), or empty when the scope does not exist. */
  Optional<List<JsonNode>> acls(WorkspaceClient client, String scope) throws IOException {
    return listing(acls, client, scope, "/api/2.0/secrets/acls/list", "items");
  }

  private Optional<List<JsonNode>> listing(Map<String, Optional<List<JsonNode>>> cache, WorkspaceClient client,
                                           String scope, String path, String field) throws IOException {
    Optional<List<JsonNode>> cached = cache.get(scope);
    if (cached != null) {
      return cached;
    }
    return loads.with(path + " " + scope, () -> {
      Optional<List<JsonNode>> listedMeanwhile = cache.get(scope);
      if (listedMeanwhile != null) {
        return listedMeanwhile;
      }
      long writesBefore = writes.getOrDefault(scope, 0L);
      JsonNode resp = Rest.getOrNull(client, path, "scope", scope);
      Optional<List<JsonNode>> loaded;
      if (resp == null) {
        loaded = Optional.empty();
      } else {
        List<JsonNode> items = new ArrayList<>();
        resp.path(field).forEach(items::add);
        loaded = Optional.of(List.copyOf(items));
      }
      synchronized (this) {
        if (writes.getOrDefault(scope, 0L) == writesBefore) {
          cache.put(scope, loaded);
        }
      }
      return loaded;
    });
  }

  /** The scope was created (its ACLs now hold the creator's MANAGE); {@code listed} as scopes/list shows it. */
  synchronized void created(ObjectNode listed) {
    String scope = listed.path("name").asText();
    if (scopes != null) {
      scopes.put(scope, listed);
    }
    changed(scope);
  }

  /** The scope was deleted, with its secrets and ACLs. */
  synchronized void deleted(String scope) {
    if (scopes != null) {
      scopes.remove(scope);
    }
    changed(scope);
  }

  /** A secret or ACL of the scope was written: its listings are read again when next asked for. */
  synchronized void changed(String scope) {
    writes.merge(scope, 1L, Long::sum);
    secrets.remove(scope);
    acls.remove(scope);
  }
}
