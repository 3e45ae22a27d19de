package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * databricks_sql_permissions: legacy table ACLs on a database or a table, as the provider models
 * them (access/resource_sql_permissions.go): read with SHOW GRANTS ON ..., keeping the rows of this
 * very object (inherited database/catalog rows are dropped), never OWN nor DENIED_ actions; applied by
 * revoking every principal's privileges on the object and granting the desired ones. Terraform id
 * "database/<db>" or "table/<db>.<table>". Database grants are listed here (file
 * "database_<db>..."); table grants are exported with their table by {@link SqlTableKind}.
 */
public final class SqlPermissionsKind implements Kind {
  private static final KindInfo INFO = KindInfo.exported("databricks_sql_permissions", "metastore", "metastore",
      "Hive metastore table and database ACLs");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("table", "view", "database", "catalog", "any_file", "anonymous_function");
  }

  static String tableId(String db, String table) {
    return "table/" + db + "." + table;
  }

  static String databaseId(String db) {
    return "database/" + db;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (String db : Metastore.databases(Metastore.runner(ctx), ctx.settings())) {
      out.add(new SourceObject(databaseId(db), Names.safe("database " + db), null));
    }
    return out;
  }

  /** No resource (and no file) for a database on which nothing is granted. */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    return raw.get("grants").isEmpty() ? null : config(raw, ctx.rendering());
  }

  /** The grants resource of an object, or empty when nothing is granted on it. */
  static Optional<ExportedResource> exportGrants(SqlRunner sql, Rendering rendering, String id, String name) throws IOException {
    JsonNode raw = read(sql, id);
    if (raw == null || raw.get("grants").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ExportedResource(INFO.type(), name, config(raw, rendering)));
  }

  /** {objectType, db, table-or-null} of an id. */
  private static String[] parseId(String id) {
    int slash = id.indexOf('/');
    String kind = slash < 0 ? "" : id.substring(0, slash).toLowerCase(Locale.ROOT);
    String rest = slash < 0 ? "" : id.substring(slash + 1);
    switch (kind) {
      case "database" -> {
        if (!rest.isEmpty()) {
          return new String[] {"DATABASE", rest, null};
        }
      }
      case "table", "view" -> {
        int dot = rest.indexOf('.');
        if (dot > 0 && dot < rest.length() - 1) {
          return new String[] {"TABLE", rest.substring(0, dot), rest.substring(dot + 1)};
        }
      }
      default -> {
      }
    }
    throw new IllegalArgumentException("databricks_sql_permissions id must be database/<db> or table/<db>.<table>: " + id);
  }

  private static String objectClause(String[] p) {
    return p[2] == null ? "DATABASE " + SqlRunner.ident(p[1])
        : "TABLE " + SqlRunner.ident(p[1]) + "." + SqlRunner.ident(p[2]);
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return read(Metastore.runner(ctx), id);
  }

  /** {"database", "table"?, "grants": {principal: [privileges]}} or null when the object is gone. */
  static JsonNode read(SqlRunner sql, String id) throws IOException {
    String[] p = parseId(id);
    List<List<String>> rows;
    try {
      rows = sql.query("SHOW GRANTS ON " + objectClause(p));
    } catch (SqlRunner.SqlFailure e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
    String key = p[2] == null ? p[1] : p[1] + "." + p[2];
    Map<String, TreeSet<String>> grants = new TreeMap<>();
    for (List<String> row : rows) {
      if (row.size() < 4 || row.get(0) == null || row.get(1) == null) {
        continue;
      }
      String action = row.get(1);
      String rowKey = row.get(3) == null ? "" : row.get(3).replace("`", "");
      if (!p[0].equalsIgnoreCase(row.get(2)) || !key.equalsIgnoreCase(rowKey)
          || action.equals("OWN") || action.startsWith("DENIED_")) {
        continue;
      }
      grants.computeIfAbsent(row.get(0), k -> new TreeSet<>()).add(action);
    }
    ObjectNode raw = TfJson.object().put("database", p[1]);
    if (p[2] != null) {
      raw.put("table", p[2]);
    }
    ObjectNode g = raw.putObject("grants");
    grants.forEach((principal, privs) -> {
      ArrayNode a = g.putArray(principal);
      privs.forEach(a::add);
    });
    return raw;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return config(raw, rendering);
  }

  /**
   * At export the table is a reference to its databricks_sql_table (so grants are applied after the
   * table exists); at refresh it is the plain table name that reference resolves to.
   */
  private static ObjectNode config(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    String db = raw.get("database").asText();
    out.put("database", db);
    if (raw.hasNonNull("table")) {
      String table = raw.get("table").asText();
      out.put("table", rendering.exporting()
          ? rendering.ref("databricks_sql_table", SqlTableKind.id(db, table), "name") : table);
    }
    ArrayNode assignments = out.putArray("privilege_assignments");
    raw.get("grants").fields().forEachRemaining(e -> {
      ObjectNode a = assignments.addObject().put("principal", e.getKey());
      ArrayNode privs = a.putArray("privileges");
      e.getValue().forEach(privs::add);
    });
    return out;
  }

  private static String idOf(JsonNode attrs) {
    String db = attrs.path("database").asText("default");
    if (db.isEmpty()) {
      db = "default";
    }
    String table = attrs.path("table").asText("");
    if (table.isEmpty()) {
      table = attrs.path("view").asText("");
    }
    return table.isEmpty() ? databaseId(db) : tableId(db, table);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    SqlRunner sql = Metastore.runner(ctx);
    String[] p = parseId(id);
    if (p[2] == null) {
      // a database holds no data: recreate it so that its grants (and later tables) have a home
      sql.query("CREATE DATABASE IF NOT EXISTS " + SqlRunner.ident(p[1]));
    }
    enforce(sql, id, attrs);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    enforce(Metastore.runner(ctx), id, attrs);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    SqlRunner sql = Metastore.runner(ctx);
    JsonNode current = read(sql, id);
    if (current != null) {
      revokeAll(sql, parseId(id), current);
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    return read(ctx, id) != null ? Optional.of(id) : Optional.empty();
  }

  /** Revokes what is granted now, then grants what the attributes say (the provider's enforce). */
  private static void enforce(SqlRunner sql, String id, JsonNode attrs) throws IOException {
    String[] p = parseId(id);
    JsonNode current = read(sql, id);
    if (current == null) {
      throw new IllegalStateException("cannot grant on " + id + ": the object does not exist");
    }
    revokeAll(sql, p, current);
    for (JsonNode a : attrs.path("privilege_assignments")) {
      List<String> privs = new ArrayList<>();
      a.path("privileges").forEach(x -> privs.add(x.asText()));
      if (!privs.isEmpty()) {
        sql.query("GRANT " + String.join(", ", privs) + " ON " + objectClause(p) + " TO "
            + SqlRunner.ident(a.path("principal").asText()));
      }
    }
  }

  private static void revokeAll(SqlRunner sql, String[] p, JsonNode current) throws IOException {
    var it = current.get("grants").fieldNames();
    while (it.hasNext()) {
      sql.query("REVOKE ALL PRIVILEGES ON " + objectClause(p) + " FROM " + SqlRunner.ident(it.next()));
    }
  }
}
