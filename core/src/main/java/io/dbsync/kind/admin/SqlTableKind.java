package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.HiveOrUnityCatalog;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * databricks_sql_table with catalog_name "hive_metastore": legacy metastore tables and views, read
 * with SHOW CREATE TABLE and SHOW GRANTS (the owner), created with CREATE TABLE|VIEW IF NOT EXISTS
 * then ALTER ... OWNER TO. Id "hive_metastore.db.table". The object's grants and denies go into its
 * file; schema_name refers to the database's databricks_schema.
 *
 * <p>A view depends on what it reads: the relations its query names become its depends_on, so the
 * import creates it after them whatever the scheduling (a view read by nothing exported is reported
 * at export; at import a missing one fails that view with the metastore's error, not retried).
 * SHOW CREATE TABLE prints a view's query as written, and an unqualified name in it resolves in the
 * database that was current when the view was created (SHOW TBLPROPERTIES
 * view.catalogAndNamespace.part.1); when that is not "default", where the import creates views, the
 * names are qualified with it in view_definition, so the view reads the same tables everywhere.
 *
 * <p>Import never alters or recreates an existing table's data: a changed owner is set, a changed view
 * query is ALTER VIEW ... AS (a view's other changes CREATE OR REPLACE VIEW; no data involved either
 * way); any other change of a table is an error that names it, since replacing a table would risk its
 * data in a disaster-recovery target.
 */
public final class SqlTableKind implements Kind {
  static final String TYPE = "databricks_sql_table";
  private static final KindInfo INFO = KindInfo.exported(TYPE, "metastore", "metastore",
      "Hive metastore tables and views (`catalog_name = \"hive_metastore\"`: DDL and owner; views after what they read)");
  private static final String NAMESPACE_PROPERTY = "view.catalogAndNamespace.part.1";

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("catalog_name", "schema_name", "name", "table_type", "data_source_format", "storage_location", "partitions");
  }

  /** Objects of the Hive metastore (Unity Catalog's of the same type are {@code kind.uc}'s). */
  @Override
  public boolean handles(String id, JsonNode attrs) {
    return HiveOrUnityCatalog.isHive(id, attrs);
  }

  static String id(String db, String table) {
    return TableDdl.CATALOG + "." + db + "." + table;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    SqlRunner sql = Metastore.runner(ctx);
    List<SourceObject> out = new ArrayList<>();
    for (String db : Metastore.databases(sql, ctx.settings())) {
      for (String t : Metastore.tables(sql, ctx.settings(), db)) {
        out.add(new SourceObject(id(db, t), Names.safe(db + "." + t), null));
      }
    }
    return out;
  }

  /** A table whose DDL has no databricks_sql_table form is reported and not exported (nor its ACLs). */
  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    try {
      return Kind.super.export(ctx, obj, raw);
    } catch (TableDdl.DdlException e) {
      ctx.warn("table " + raw.get("database").asText() + "." + raw.get("table").asText() + " not exported: " + e.getMessage());
      return List.of();
    }
  }

  /** The attributes with schema_name referring to the database and, for a view, depends_on what it reads. */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) throws IOException {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    String db = raw.get("database").asText();
    attrs.put("schema_name", ctx.rendering().ref(HiveSchemaKind.TYPE, HiveSchemaKind.id(db), "name"));
    if (attrs.has("view_definition")) {
      ArrayNode deps = dependencies(ctx, db, raw.get("table").asText(), attrs.get("view_definition").asText());
      if (!deps.isEmpty()) {
        attrs.set("depends_on", deps);
      }
    }
    return attrs;
  }

  /**
   * Addresses of the exported tables and views a view reads. A relation that is not exported (not
   * selected, missing in the source, or of a form databricks_sql_table cannot express) is reported:
   * it has to exist in the target before the view can be created there.
   */
  private static ArrayNode dependencies(ExportContext ctx, String db, String view, String definition) throws IOException {
    Set<String> addresses = new TreeSet<>();
    for (ViewQuery.Relation r : ViewQuery.relations(definition)) {
      if (r.catalog() != null && !r.catalog().equals(TableDdl.CATALOG) && !r.catalog().equals("spark_catalog")) {
        continue; // a Unity Catalog table: none of the Hive kinds' business
      }
      String rdb = r.database() == null ? "default" : r.database();
      if (rdb.equals(db) && r.name().equals(view)) {
        continue;
      }
      String address = ctx.rendering().exportedAddress(TYPE, id(rdb, r.name()));
      String why = address == null ? "is not exported (not selected, or missing in the source)"
          : SourceDdl.of(ctx).unexportable(Metastore.runner(ctx), rdb, r.name());
      if (why == null) {
        addresses.add(address);
      } else {
        ctx.warn("view " + db + "." + view + " reads " + rdb + "." + r.name() + ", which " + why
            + ": it must exist in the target before the view is imported");
      }
    }
    ArrayNode out = TfJson.array();
    addresses.forEach(out::add);
    return out;
  }

  /** The object's grants and denies. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) {
    return SqlPermissionsKind.resources(ctx.rendering(), securable(raw), raw.get("acl"), obj.name(), false);
  }

  private static HiveSecurable securable(JsonNode raw) {
    return HiveSecurable.relation(raw.get("database").asText(), raw.get("table").asText(), isView(raw.get("ddl").asText()));
  }

  private static boolean isView(String ddl) {
    return ddl.stripLeading().regionMatches(true, 0, "CREATE VIEW", 0, "CREATE VIEW".length());
  }

  /** {db, table} of "hive_metastore.db.table" (or "db.table"). */
  static String[] parseId(String id) {
    String rest = id.startsWith(TableDdl.CATALOG + ".") ? id.substring(TableDdl.CATALOG.length() + 1) : id;
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1) {
      throw new IllegalArgumentException("table id must be hive_metastore.<database>.<table>: " + id);
    }
    return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
  }

  /**
   * {"database", "table", "ddl", "namespace"? (a view with unqualified names: where they resolve),
   * "acl": {owner?, grants, denies}} or null when the object does not exist.
   */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    String[] dt = parseId(id);
    SqlRunner sql = Metastore.runner(ctx);
    String ddl = ctx instanceof ExportContext e ? SourceDdl.of(e).ddl(sql, dt[0], dt[1]) : SourceDdl.read(sql, dt[0], dt[1]);
    if (ddl == null) {
      return null;
    }
    ObjectNode raw = TfJson.object().put("database", dt[0]).put("table", dt[1]).put("ddl", ddl);
    if (isView(ddl) && readsUnqualified(dt, ddl)) {
      List<List<String>> rows = sql.query("SHOW TBLPROPERTIES " + SqlRunner.ident(dt[0]) + "." + SqlRunner.ident(dt[1])
          + " ('" + NAMESPACE_PROPERTY + "')");
      String ns = rows.isEmpty() || rows.get(0).size() < 2 ? null : rows.get(0).get(1);
      if (ns != null && !ns.contains(" ")) { // "Table ... does not have property: ..." when absent
        raw.put("namespace", ns.toLowerCase(Locale.ROOT));
      }
    }
    HiveAcl acl = AclReader.of(ctx).read(sql, securable(raw));
    if (acl == null) {
      return null;
    }
    raw.set("acl", AclReader.toJson(acl));
    return raw;
  }

  private static boolean readsUnqualified(String[] dt, String ddl) {
    try {
      JsonNode def = TableDdl.parse(dt[0], dt[1], ddl).get("view_definition");
      return def != null && ViewQuery.relations(def.asText()).stream().anyMatch(r -> !r.qualified());
    } catch (TableDdl.DdlException e) {
      return false; // reported when the view is exported
    }
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    ObjectNode attrs = TableDdl.parse(raw.get("database").asText(), raw.get("table").asText(), raw.get("ddl").asText());
    String ns = raw.path("namespace").asText("default");
    if (attrs.has("view_definition") && !ns.equals("default")) {
      attrs.put("view_definition", ViewQuery.qualify(attrs.get("view_definition").asText(), ns));
    }
    if (raw.path("acl").hasNonNull("owner")) {
      attrs.put("owner", raw.path("acl").get("owner").asText());
    }
    return TfJson.prune(attrs);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String catalog = attrs.path("catalog_name").asText(TableDdl.CATALOG);
    if (!catalog.equals(TableDdl.CATALOG)) {
      throw new IllegalArgumentException("only hive_metastore tables are supported, got catalog " + catalog);
    }
    SqlRunner sql = Metastore.runner(ctx);
    String db = attrs.path("schema_name").asText();
    String name = attrs.path("name").asText();
    boolean view = "VIEW".equals(attrs.path("table_type").asText());
    try {
      sql.query(TableDdl.createStatement(attrs));
    } catch (SqlRunner.SqlFailure e) {
      if (view && e.notFound()) {
        throw new IOException("view " + db + "." + name + " reads a table or view that is neither in this import nor in "
            + "the target: " + e.getMessage(), e);
      }
      throw e;
    }
    HiveSecurable on = HiveSecurable.relation(db, name, view);
    AclReader.of(ctx).forget(on);
    if (attrs.hasNonNull("owner")) {
      AclStatements.setOwner(sql, on, attrs.get("owner").asText());
    }
    return id(db, name);
  }

  /**
   * Sets a changed owner; a view's changed query is ALTER VIEW ... AS (owner and grants stay), its
   * other changes CREATE OR REPLACE VIEW; any other change of a table is refused, naming it.
   */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      throw new IOException("table " + id + " no longer exists in the target");
    }
    ObjectNode now = toConfig(raw, ctx.rendering());
    Set<String> changed = ApiFields.changed(attrs, now, "owner");
    boolean view = "VIEW".equals(now.path("table_type").asText());
    SqlRunner sql = Metastore.runner(ctx);
    HiveSecurable on = securable(raw);
    try {
      if (view && changed.equals(Set.of("view_definition"))) {
        sql.query("ALTER VIEW " + SqlRunner.ident(on.database()) + "." + SqlRunner.ident(on.name()) + " AS "
            + attrs.get("view_definition").asText());
      } else if (view && !changed.isEmpty()) {
        sql.query(TableDdl.createStatement(attrs).replaceFirst("^CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW"));
      } else if (!changed.isEmpty()) {
        throw new IllegalStateException("table " + id + " differs from the export in " + changed + "; the importer does "
            + "not alter or recreate existing tables (their data would be at risk): align it by hand or drop it to have "
            + "it created");
      }
      if (attrs.hasNonNull("owner") && !attrs.get("owner").equals(now.get("owner"))) {
        AclStatements.setOwner(sql, on, attrs.get("owner").asText());
      }
    } finally {
      AclReader.of(ctx).forget(on);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    String[] dt = parseId(id);
    boolean view = prior != null && "VIEW".equals(prior.path("table_type").asText());
    try {
      Metastore.runner(ctx).query("DROP " + (view ? "VIEW" : "TABLE") + " IF EXISTS "
          + SqlRunner.ident(dt[0]) + "." + SqlRunner.ident(dt[1]));
    } catch (SqlRunner.SqlFailure e) {
      if (!e.notFound()) {
        throw e;
      }
    } finally {
      AclReader.of(ctx).forget(HiveSecurable.relation(dt[0], dt[1], view));
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String db = attrs.path("schema_name").asText();
    String name = attrs.path("name").asText();
    return SourceDdl.read(Metastore.runner(ctx), db, name) != null ? Optional.of(id(db, name)) : Optional.empty();
  }
}
