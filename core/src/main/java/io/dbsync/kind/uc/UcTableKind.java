package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.HiveOrUnityCatalog;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * databricks_sql_table in Unity Catalog: external tables and views, read from the tables API and
 * created with SQL on a warehouse of the target ({@link UcStatements}, {@link UcTableDdl}), as the
 * provider does. Terraform id "catalog.schema.table". Hive metastore tables are databricks_sql_table
 * too: {@code kind.admin.SqlTableKind} handles those.
 *
 * <p>Managed tables hold data that an export cannot carry: their definition (with grants) is written
 * for reference to exports/uc_table/managed/&lt;name&gt;.json, not a *.tf.json, so a plain import never
 * creates them, and the report says so per table (a Delta deep clone or Delta Sharing moves the
 * data). With {@code unity_catalog.create_managed_tables: true} they are resources like the others
 * and the import creates them empty. Materialized views, streaming tables and other types made by
 * pipelines are reported and not exported.
 *
 * <p>Import never alters an existing table: a changed view is replaced (CREATE OR REPLACE VIEW, no
 * data involved), an owner is changed in place, and any other difference of a table is an error
 * naming it.
 */
public final class UcTableKind extends UcKind {
  public static final String TYPE = "databricks_sql_table";
  static final String MANAGED_FOLDER = "managed";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_TABLES,
      "Unity Catalog external tables and views (managed tables: definitions for reference, data not copied)");
  private static final Set<String> EXPORTED_TYPES = Set.of("MANAGED", "EXTERNAL", "VIEW");
  /** Properties the platform sets itself (as the provider ignores them); options are "option."-prefixed. */
  private static final List<String> COMPUTED_PROPERTIES = List.of("delta.lastCommitTimestamp", "delta.lastUpdateVersion",
      "delta.minReaderVersion", "delta.minWriterVersion", "delta.feature.", "transient_lastDdlTime", "view.",
      "spark.sql.", "clusteringColumns", "clusterByAuto");
  private static final String OPTION = "option.";
  /** A name with three parts, each plain or backquoted: what a view's query reads. */
  private static final Pattern THREE_PART_NAME = Pattern.compile(
      "(?<![\\w`.])(`[^`]+`|\\w+)\\s*\\.\\s*(`[^`]+`|\\w+)\\s*\\.\\s*(`[^`]+`|\\w+)(?![\\w`])");

  // ------------------------------------------------------------ export

  public UcTableKind() {
    super(INFO, Securable.TABLE, "tables", true,
        Set.of("catalog_name", "schema_name", "name", "table_type", "data_source_format", "storage_location", "partitions"));
  }

  /** Objects of Unity Catalog (the Hive metastore's of the same type are {@code kind.admin}'s). */
  @Override
  public boolean handles(String id, JsonNode attrs) {
    return !HiveOrUnityCatalog.isHive(id, attrs);
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, scope -> {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode t : scope.inSchemas("tables", "tables")) {
        String type = t.path("table_type").asText();
        if (EXPORTED_TYPES.contains(type)) {
          out.add(t);
        } else {
          ctx.warn("table " + t.path("full_name").asText() + " (" + type + ") is not exported: its pipeline or "
              + "source makes it");
          ctx.skipped(t.path("full_name").asText(), type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + ": made by its pipeline or source");
        }
      }
      return out;
    });
  }

  /** A managed table's file is a reference copy unless create_managed_tables is set; the report says so. */
  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    List<ExportedResource> resources = super.export(ctx, obj, raw);
    if (!"MANAGED".equals(raw.path("table_type").asText())) {
      return resources;
    }
    String table = raw.path("full_name").asText();
    ctx.skipped(table, "managed table data: not copied (Delta deep clone or Delta Sharing)");
    if (UcScope.of(ctx).settings().bool("create_managed_tables", false)) {
      ctx.warn("managed table " + table + ": the import creates it empty (create_managed_tables); its data is not "
          + "copied: move it with a Delta deep clone or Delta Sharing");
      return resources;
    }
    String file = MANAGED_FOLDER + "/" + obj.name() + ".json";
    ctx.writeFile(file, TfJson.writeBytes(referenceDocument(ctx, table, resources)));
    ctx.warn("managed table " + table + ": definition exported for reference only (" + DIR_TABLES + "/" + file
        + "), its data is not copied: move it with a Delta deep clone or Delta Sharing, or set "
        + CONFIG_KEY + ".create_managed_tables to have the import create it empty");
    return List.of();
  }

  /** The resources of a managed table as a Terraform JSON document, with a comment on how to use it. */
  private static ObjectNode referenceDocument(ExportContext ctx, String table, List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    doc.put("//", "Managed table " + table + ", for reference: an import does not create it and never copies its "
        + "data. Renamed to ../<name>.tf.json it becomes part of the configuration (created empty).");
    doc.setAll(ctx.resourceDocument(resources));
    return doc;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    String catalog = raw.path("catalog_name").asText();
    String type = raw.path("table_type").asText();
    boolean view = type.equals("VIEW");
    out.put("catalog_name", catalogRef(rendering, catalog));
    out.put("schema_name", schemaRef(rendering, catalog, raw.path("schema_name").asText()));
    out.put("name", raw.path("name").asText());
    out.put("table_type", type);
    if (!view) {
      text(out, raw, "data_source_format");
    }
    if (type.equals("EXTERNAL")) {
      text(out, raw, "storage_location");
    }
    List<JsonNode> columns = new ArrayList<>();
    raw.path("columns").forEach(columns::add);
    columns.sort(Comparator.comparingInt(c -> c.path("position").asInt()));
    Map<Integer, String> partitions = new TreeMap<>();
    ArrayNode cols = TfJson.array();
    for (JsonNode c : columns) {
      ObjectNode col = cols.addObject().put("name", c.path("name").asText());
      if (!view) {
        col.put("type", c.path("type_text").asText());
        if (!c.path("nullable").asBoolean(true)) {
          col.put("nullable", false);
        }
      }
      text(col, c, "comment");
      if (c.hasNonNull("partition_index")) {
        partitions.put(c.get("partition_index").asInt(), c.path("name").asText());
      }
    }
    if (!cols.isEmpty()) {
      out.set("column", cols);
    }
    if (!partitions.isEmpty()) {
      ArrayNode p = out.putArray("partitions");
      partitions.values().forEach(p::add);
    }
    if (view) {
      text(out, raw, "view_definition");
    }
    text(out, raw, "comment");
    ObjectNode properties = TfJson.object();
    ObjectNode options = TfJson.object();
    new TreeMap<String, String>(properties(raw)).forEach((k, v) -> {
      if (k.startsWith(OPTION)) {
        options.put(k.substring(OPTION.length()), v);
      } else if (COMPUTED_PROPERTIES.stream().noneMatch(k::startsWith)) {
        properties.put(k, v);
      }
    });
    if (!options.isEmpty()) {
      out.set("options", options);
    }
    if (!properties.isEmpty()) {
      out.set("properties", properties);
    }
    text(out, raw, "owner");
    return out;
  }

  private static Map<String, String> properties(JsonNode raw) {
    Map<String, String> out = new TreeMap<>();
    raw.path("properties").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) throws IOException {
    path(ctx, attrs, "storage_location", "table", raw.path("full_name").asText());
    if (attrs.hasNonNull("view_definition")) {
      dependsOnReadTables(ctx.rendering(), attrs, raw.path("full_name").asText());
    }
  }

  /**
   * A view can be created only after the tables and views it reads: those the export has become
   * depends_on entries (nothing else in the attributes refers to them).
   */
  private static void dependsOnReadTables(Rendering rendering, ObjectNode attrs, String self) {
    Set<String> addresses = new TreeSet<>();
    Matcher m = THREE_PART_NAME.matcher(attrs.get("view_definition").asText());
    while (m.find()) {
      String name = (unquote(m.group(1)) + "." + unquote(m.group(2)) + "." + unquote(m.group(3))).toLowerCase(Locale.ROOT);
      String address = name.equals(self) ? null : rendering.exportedAddress(TYPE, name);
      if (address != null) {
        addresses.add(address);
      }
    }
    if (!addresses.isEmpty()) {
      ArrayNode deps = attrs.putArray("depends_on");
      addresses.forEach(deps::add);
    }
  }

  private static String unquote(String part) {
    return part.startsWith("`") ? part.substring(1, part.length() - 1) : part;
  }

  // ------------------------------------------------------------ import

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    UcStatements.of(ctx).run(UcTableDdl.create(attrs, false));
    String id = idOf(attrs);
    JsonNode created = read(ctx, id);
    if (created != null) {
      setOwner(ctx, id, created, attrs);
    }
    return id;
  }

  /** A view is replaced, an owner changed; any other difference of a table is refused (its data is at stake). */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      throw new IOException("table " + id + " does not exist in the target");
    }
    Set<String> changed = ApiFields.changed(attrs, toConfig(raw, ctx.rendering()), "owner");
    if (!changed.isEmpty()) {
      if (!"VIEW".equals(attrs.path("table_type").asText())) {
        throw new IOException("table " + id + " differs from the export in " + String.join(", ", changed) + "; the "
            + "importer does not alter existing tables (their data would be at risk): align it by hand, or drop it "
            + "to have it created");
      }
      UcStatements.of(ctx).run(UcTableDdl.create(attrs, true));
      raw = read(ctx, id);
    }
    if (raw != null) {
      setOwner(ctx, id, raw, attrs);
    }
  }

  /** DELETE through the API (no warehouse needed); an external table's files stay where they are. */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), UcApi.path(collection(), id));
  }
}
