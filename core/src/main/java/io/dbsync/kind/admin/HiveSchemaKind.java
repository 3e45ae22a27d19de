package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * databricks_schema with catalog_name "hive_metastore": a legacy Hive database (the provider's
 * schema resource is the one that names a database of any catalog). Read with DESCRIBE DATABASE
 * EXTENDED and SHOW GRANTS: comment, properties (DBPROPERTIES), owner (the OWN row, the owner table
 * ACLs know), and storage_root (LOCATION) unless the database is in the metastore's default place
 * (&lt;warehouse root&gt;/&lt;db&gt;.db; "default" is that root). storage_root is a variable whose default is the source's
 * location, to be overridden on a move to another cloud or region. The database's ACLs
 * (databricks_sql_permissions, denies) go into its file. Id "hive_metastore.db".
 *
 * <p>Import creates the database with CREATE DATABASE IF NOT EXISTS ... COMMENT ... LOCATION ... WITH
 * DBPROPERTIES, then sets the owner. A database is never dropped with its tables nor moved: a
 * different location is an error naming it, a delete drops only an empty database, "default" is
 * never dropped. Hive cannot unset a DBPROPERTY, so one the export lacks is reported.
 */
public final class HiveSchemaKind implements Kind {
  static final String TYPE = "databricks_schema";
  private static final KindInfo INFO = KindInfo.exported(TYPE, "metastore", "metastore",
      "Hive metastore databases (`catalog_name = \"hive_metastore\"`: comment, location, properties, owner)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("catalog_name", "name");
  }

  /** Objects of the Hive metastore (Unity Catalog's of the same type are {@code kind.uc}'s). */
  @Override
  public boolean handles(String id, JsonNode attrs) {
    return HiveOrUnityCatalog.isHive(id, attrs);
  }

  static String id(String db) {
    return TableDdl.CATALOG + "." + db;
  }

  private static String database(String id) {
    String prefix = TableDdl.CATALOG + ".";
    if (!id.startsWith(prefix) || id.length() == prefix.length() || id.indexOf('.', prefix.length()) >= 0) {
      throw new IllegalArgumentException("a Hive database id is hive_metastore.<database>, got: " + id);
    }
    return id.substring(prefix.length());
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (String db : Metastore.databases(Metastore.runner(ctx), ctx.settings())) {
      out.add(new SourceObject(id(db), Names.safe("database " + db), null));
    }
    return out;
  }

  /** {"name", "comment"?, "location"?, "managed", "properties": {}, "acl": {owner?, grants, denies}} or null. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    String db = database(id);
    SqlRunner sql = Metastore.runner(ctx);
    DatabaseDescription d;
    try {
      d = DatabaseDescription.of(sql.query("DESCRIBE DATABASE EXTENDED " + SqlRunner.ident(db)));
    } catch (SqlRunner.SqlFailure e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
    HiveAcl acl = AclReader.of(ctx).read(sql, HiveSecurable.database(db));
    if (acl == null) {
      return null;
    }
    ObjectNode raw = TfJson.object().put("name", db).put("comment", d.comment()).put("location", d.location());
    String managedPlace = Metastore.warehouseRoot(ctx, sql) + "/" + db + ".db";
    raw.put("managed", d.location() == null || db.equalsIgnoreCase("default")
        || d.location().replaceAll("/+$", "").equalsIgnoreCase(managedPlace));
    ObjectNode props = raw.putObject("properties");
    d.properties().forEach(props::put);
    raw.set("acl", AclReader.toJson(acl));
    return raw;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    String db = raw.get("name").asText();
    ObjectNode out = TfJson.object().put("catalog_name", TableDdl.CATALOG).put("name", db);
    if (raw.hasNonNull("comment")) {
      out.put("comment", raw.get("comment").asText());
    }
    if (!raw.path("managed").asBoolean(true)) {
      String location = raw.get("location").asText();
      out.put("storage_root", rendering.variableWithDefault("hive_location_" + db,
          "Location of Hive database " + db + " in the target, as the metastore shows it (dbfs:/..., s3://...); the source's by default", location));
    }
    if (!raw.path("properties").isEmpty()) {
      out.set("properties", raw.get("properties").deepCopy());
    }
    if (raw.path("acl").hasNonNull("owner")) {
      out.put("owner", raw.path("acl").get("owner").asText());
    }
    return out;
  }

  /** The database's grants and denies. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) {
    return SqlPermissionsKind.resources(ctx.rendering(), HiveSecurable.database(raw.get("name").asText()), raw.get("acl"),
        obj.name(), false);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String catalog = attrs.path("catalog_name").asText(TableDdl.CATALOG);
    if (!catalog.equals(TableDdl.CATALOG)) {
      throw new IllegalArgumentException("only Hive metastore databases (catalog_name = \"hive_metastore\") are supported,"
          + " got catalog " + catalog);
    }
    String db = attrs.path("name").asText();
    StringBuilder sb = new StringBuilder("CREATE DATABASE IF NOT EXISTS ").append(SqlRunner.ident(db));
    if (attrs.hasNonNull("comment")) {
      sb.append(" COMMENT ").append(TableDdl.literal(attrs.get("comment").asText()));
    }
    if (attrs.hasNonNull("storage_root")) {
      sb.append(" LOCATION ").append(TableDdl.literal(attrs.get("storage_root").asText()));
    }
    if (attrs.path("properties").size() > 0) {
      sb.append(" WITH DBPROPERTIES (").append(properties(attrs.get("properties"))).append(')');
    }
    SqlRunner sql = Metastore.runner(ctx);
    HiveSecurable on = HiveSecurable.database(db);
    sql.query(sb.toString());
    AclReader.of(ctx).forget(on);
    if (attrs.hasNonNull("owner")) {
      AclStatements.setOwner(sql, on, attrs.get("owner").asText());
    }
    return id(db);
  }

  private static String properties(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> kv = new ArrayList<>();
    sorted.forEach((k, v) -> kv.add(TableDdl.literal(k) + " = " + TableDdl.literal(v)));
    return String.join(", ", kv);
  }

  /**
   * Comment, properties and owner are changed in place; a location or a property to remove cannot be,
   * and is an error naming them (after the rest is applied).
   */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    String db = database(id);
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      throw new IOException("database " + db + " no longer exists in the target");
    }
    ObjectNode now = toConfig(raw, ctx.rendering());
    SqlRunner sql = Metastore.runner(ctx);
    HiveSecurable on = HiveSecurable.database(db);
    List<String> refused = new ArrayList<>();
    String location = raw.path("location").asText("").replaceAll("/+$", "");
    if (attrs.hasNonNull("storage_root") && !attrs.get("storage_root").asText().replaceAll("/+$", "").equals(location)) {
      refused.add("its location is " + location + " in the target, not " + attrs.get("storage_root").asText()
          + " (databases are never moved or recreated: move it by hand)");
    }
    if (!attrs.path("comment").equals(now.path("comment"))) {
      sql.query("COMMENT ON DATABASE " + SqlRunner.ident(db) + " IS "
          + (attrs.hasNonNull("comment") ? TableDdl.literal(attrs.get("comment").asText()) : "NULL"));
    }
    JsonNode want = attrs.path("properties");
    JsonNode have = now.path("properties");
    if (!want.equals(have) && want.size() > 0) {
      sql.query("ALTER DATABASE " + SqlRunner.ident(db) + " SET DBPROPERTIES (" + properties(want) + ")");
    }
    List<String> extra = new ArrayList<>();
    have.fieldNames().forEachRemaining(k -> {
      if (!want.has(k)) {
        extra.add(k);
      }
    });
    if (!extra.isEmpty()) {
      refused.add("it has properties " + extra + " the export has not (Hive cannot unset a DBPROPERTY: remove by hand)");
    }
    try {
      if (attrs.hasNonNull("owner") && !attrs.get("owner").equals(now.get("owner"))) {
        AclStatements.setOwner(sql, on, attrs.get("owner").asText());
      }
    } finally {
      AclReader.of(ctx).forget(on);
    }
    if (!refused.isEmpty()) {
      throw new IOException("database " + db + " differs from the export: " + String.join("; ", refused));
    }
  }

  /** Drops the database only when empty (never CASCADE) and never "default". */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    String db = database(id);
    if (db.equalsIgnoreCase("default")) {
      return;
    }
    try {
      Metastore.runner(ctx).query("DROP DATABASE IF EXISTS " + SqlRunner.ident(db));
    } catch (SqlRunner.SqlFailure e) {
      if (e.getMessage() != null && e.getMessage().contains("SCHEMA_NOT_EMPTY")) {
        throw new IOException("database " + db + " is not dropped: it still holds tables or views the import does not "
            + "manage (" + e.getMessage() + ")", e);
      }
      throw e;
    } finally {
      AclReader.of(ctx).forget(HiveSecurable.database(db));
    }
  }

  /** The "default" database is the target's own: adopted, it is released, never dropped. */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    return attrs.path("name").asText().equalsIgnoreCase("default");
  }

  /** An existing database of that name is the one the attributes describe. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = id(attrs.path("name").asText());
    return read(ctx, id) != null ? Optional.of(id) : Optional.empty();
  }
}
