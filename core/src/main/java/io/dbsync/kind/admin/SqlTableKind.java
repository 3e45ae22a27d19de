package io.dbsync.kind.admin;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

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
  @Override
  public String type() {
    return "databricks_sql_table";
  }

  @Override
  public String configKey() {
    return "metastore";
  }

  @Override
  public String directory() {
    return "metastore";
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("catalog_name", "schema_name", "name", "table_type", "data_source_format", "storage_location", "partitions");
  }

  static String id(String db, String table) {
    return TableDdl.CATALOG + "." + db + "." + table;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws Exception {
    SqlRunner sql = Metastore.runner(ctx);
    List<SourceObject> out = new ArrayList<>();
    for (String db : Metastore.databases(sql, ctx.settings())) {
      for (String t : Metastore.tables(sql, ctx.settings(), db)) {
        out.add(new SourceObject(id(db, t), Names.safe(db + "." + t), null));
      }
    }
    return out;
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    SqlRunner sql = Metastore.runner(ctx);
    JsonNode raw = read(sql, obj.id());
    if (raw == null) {
      return List.of();
    }
    ObjectNode attrs;
    try {
      attrs = toConfig(raw, ctx.rendering());
    } catch (TableDdl.DdlException e) {
      ctx.warn("table " + raw.get("database").asText() + "." + raw.get("table").asText() + " not exported: " + e.getMessage());
      return List.of();
    }
    List<ExportedResource> out = new ArrayList<>();
    out.add(new ExportedResource(type(), obj.name(), attrs));
    String[] dt = parseId(obj.id());
    SqlPermissionsKind.exportGrants(sql, ctx.rendering(), SqlPermissionsKind.tableId(dt[0], dt[1]), obj.name())
        .ifPresent(out::add);
    return out;
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
  public JsonNode read(WorkspaceClient client, String id) throws Exception {
    return read(SqlRunner.of(client, null), id);
  }

  static JsonNode read(SqlRunner sql, String id) throws Exception {
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
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws Exception {
    return TfJson.prune(TableDdl.parse(raw.get("database").asText(), raw.get("table").asText(), raw.get("ddl").asText()));
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String catalog = attrs.path("catalog_name").asText(TableDdl.CATALOG);
    if (!catalog.equals(TableDdl.CATALOG)) {
      throw new IllegalArgumentException("only hive_metastore tables are supported, got catalog " + catalog);
    }
    SqlRunner sql = SqlRunner.of(ctx.client(), null);
    String db = attrs.path("schema_name").asText();
    sql.query("CREATE DATABASE IF NOT EXISTS " + SqlRunner.ident(db));
    sql.query(TableDdl.createStatement(attrs));
    return id(db, attrs.path("name").asText());
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    if (!"VIEW".equals(attrs.path("table_type").asText())) {
      throw new IllegalStateException("table " + id + " differs from the export; the importer does not alter or "
          + "recreate existing tables (their data would be at risk): align it by hand or drop it to have it created");
    }
    String statement = TableDdl.createStatement(attrs).replaceFirst("^CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW");
    SqlRunner.of(ctx.client(), null).query(statement);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    String[] dt = parseId(id);
    boolean view = prior != null && "VIEW".equals(prior.path("table_type").asText());
    try {
      SqlRunner.of(ctx.client(), null).query("DROP " + (view ? "VIEW" : "TABLE") + " IF EXISTS "
          + SqlRunner.ident(dt[0]) + "." + SqlRunner.ident(dt[1]));
    } catch (SqlRunner.SqlFailure e) {
      if (!e.notFound()) {
        throw e;
      }
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String id = id(attrs.path("schema_name").asText(), attrs.path("name").asText());
    return read(ctx.client(), id) != null ? Optional.of(id) : Optional.empty();
  }
}
