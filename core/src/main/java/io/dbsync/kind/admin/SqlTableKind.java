package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import java.util.Set;

/**
 * databricks_sql_table with catalog_name "hive_metastore": legacy metastore tables and views, read
 * with SHOW CREATE TABLE and created with CREATE TABLE|VIEW IF NOT EXISTS (after CREATE DATABASE IF
 * NOT EXISTS, so a table brings its database). The Terraform id is "hive_metastore.db.table". A
 * table's grants go into the same file as its databricks_sql_permissions.
 *
 * <p>Import never alters or recreates an existing table's data: a changed view is replaced (CREATE OR
 * REPLACE VIEW, no data involved); a changed table is an error that names the table, since the
 * provider's ALTER/replace would risk data in a disaster-recovery target.
 */
public final class SqlTableKind implements Kind {
  private static final KindInfo INFO = KindInfo.exported("databricks_sql_table", "metastore", "metastore",
      "Hive metastore tables and views (`catalog_name = \"hive_metastore\"`; DDL through a SQL warehouse or cluster)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("catalog_name", "schema_name", "name", "table_type", "data_source_format", "storage_location", "partitions");
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

  /** A table whose DDL has no databricks_sql_table form is reported and not exported (nor its grants). */
  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    try {
      return Kind.super.export(ctx, obj, raw);
    } catch (TableDdl.DdlException e) {
      ctx.warn("table " + raw.get("database").asText() + "." + raw.get("table").asText() + " not exported: " + e.getMessage());
      return List.of();
    }
  }

  /** The table's grants (databricks_sql_permissions). */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    String[] dt = parseId(obj.id());
    return SqlPermissionsKind.exportGrants(Metastore.runner(ctx), ctx.rendering(), SqlPermissionsKind.tableId(dt[0], dt[1]),
        obj.name()).stream().toList();
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

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return read(Metastore.runner(ctx), id);
  }

  static JsonNode read(SqlRunner sql, String id) throws IOException {
    String[] dt = parseId(id);
    List<List<String>> rows;
    try {
      rows = sql.query("SHOW CREATE TABLE " + SqlRunner.ident(dt[0]) + "." + SqlRunner.ident(dt[1]));
    } catch (SqlRunner.SqlFailure e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
    if (rows.isEmpty() || rows.get(0).isEmpty() || rows.get(0).get(0) == null) {
      return null;
    }
    return TfJson.object().put("database", dt[0]).put("table", dt[1]).put("ddl", rows.get(0).get(0));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    return TfJson.prune(TableDdl.parse(raw.get("database").asText(), raw.get("table").asText(), raw.get("ddl").asText()));
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String catalog = attrs.path("catalog_name").asText(TableDdl.CATALOG);
    if (!catalog.equals(TableDdl.CATALOG)) {
      throw new IllegalArgumentException("only hive_metastore tables are supported, got catalog " + catalog);
    }
    SqlRunner sql = Metastore.runner(ctx);
    String db = attrs.path("schema_name").asText();
    sql.query("CREATE DATABASE IF NOT EXISTS " + SqlRunner.ident(db));
    sql.query(TableDdl.createStatement(attrs));
    return id(db, attrs.path("name").asText());
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    if (!"VIEW".equals(attrs.path("table_type").asText())) {
      throw new IllegalStateException("table " + id + " differs from the export; the importer does not alter or "
          + "recreate existing tables (their data would be at risk): align it by hand or drop it to have it created");
    }
    String statement = TableDdl.createStatement(attrs).replaceFirst("^CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW");
    Metastore.runner(ctx).query(statement);
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
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = id(attrs.path("schema_name").asText(), attrs.path("name").asText());
    return read(ctx, id) != null ? Optional.of(id) : Optional.empty();
  }
}
