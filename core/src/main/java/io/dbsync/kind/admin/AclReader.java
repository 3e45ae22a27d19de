package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.KindContext;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHOW GRANTS of a run, once per securable: a table's owner (databricks_sql_table), its grants
 * (databricks_sql_permissions) and its denies (terraform_data) all come from the same rows. Whoever
 * writes to a securable {@link #forget}s it, and the resources of one securable are applied one after
 * the other (each depends on the previous), so no read of them races a write.
 */
final class AclReader {
  /** The rows of a securable, or empty when it does not exist. */
  private final Map<String, Optional<List<List<String>>>> rows = new ConcurrentHashMap<>();

  static AclReader of(KindContext ctx) {
    return ctx.shared(AclReader.class, AclReader::new);
  }

  /** What SHOW GRANTS says about the securable itself, or null when it does not exist. */
  HiveAcl read(SqlRunner sql, HiveSecurable on) throws IOException {
    Optional<List<List<String>>> known = rows.get(on.id());
    if (known == null) {
      try {
        known = Optional.of(sql.query("SHOW GRANTS ON " + on.clause()));
      } catch (SqlRunner.SqlFailure e) {
        if (!e.notFound()) {
          throw e;
        }
        known = Optional.empty();
      }
      rows.put(on.id(), known);
    }
    return known.map(r -> HiveAcl.of(on, r)).orElse(null);
  }

  /** A kind's read of an ACL id: {@link #toJson} plus "id", or null when the object does not exist. */
  static JsonNode read(KindContext ctx, String id) throws IOException {
    HiveAcl acl = of(ctx).read(Metastore.runner(ctx), HiveSecurable.parse(id));
    return acl == null ? null : toJson(acl).put("id", id);
  }

  static boolean exists(KindContext ctx, HiveSecurable on) throws IOException {
    return of(ctx).read(Metastore.runner(ctx), on) != null;
  }

  void forget(HiveSecurable on) {
    rows.remove(on.id());
  }

  /** An ACL as raw JSON for a kind's read: {"owner"?, "grants": {principal: [...]}, "denies": {...}}. */
  static ObjectNode toJson(HiveAcl acl) {
    ObjectNode out = TfJson.object();
    if (acl.owner() != null) {
      out.put("owner", acl.owner());
    }
    put(out.putObject("grants"), acl.grants());
    put(out.putObject("denies"), acl.denies());
    return out;
  }

  private static void put(ObjectNode to, SortedMap<String, SortedSet<String>> byPrincipal) {
    byPrincipal.forEach((p, privileges) -> {
      ArrayNode a = to.putArray(p);
      privileges.forEach(a::add);
    });
  }

  /** principal -> privileges of "grants" or "denies" in such JSON (or in desired assignments blocks). */
  static SortedMap<String, SortedSet<String>> byPrincipal(JsonNode map) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    if (map != null) {
      map.properties().forEach(e -> {
        SortedSet<String> s = out.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
        e.getValue().forEach(x -> s.add(x.asText()));
      });
    }
    return out;
  }
}
