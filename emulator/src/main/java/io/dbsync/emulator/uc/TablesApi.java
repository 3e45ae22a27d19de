package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * /api/2.1/unity-catalog/tables and /table-summaries (TableInfo, TableSummary). Tables and views
 * are made by SQL DDL on a warehouse ({@link UcSql}), by seeding, or by POST /tables, which (as the
 * real API) creates only EXTERNAL DELTA tables. A managed table's storage is below its schema's
 * managed location; an external one must lie in an external location and overlap no other table or
 * volume. DELTA tables carry the Delta protocol properties delta.minReaderVersion/minWriterVersion
 * unless given. PATCH changes the owner only.
 */
final class TablesApi {
  /** What a table is made from (SQL DDL, POST /tables or a seed). */
  record TableSpec(String catalog, String schema, String name, String tableType, String format, ArrayNode columns,
                   String storageLocation, String viewDefinition, String comment, ObjectNode properties,
                   boolean replace, boolean ifNotExists) {}

  private final UcContext ctx;

  TablesApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.add("POST", "/tables", req -> Response.ok(render(createExternalDelta(req.json()), req)));
    r.add("GET", "/tables", this::list);
    r.add("GET", "/table-summaries", this::summaries);
    r.add("GET", "/tables/{full_name}", req -> Response.ok(render(ctx.leaf(UcType.TABLE, req.pathParam("full_name")), req)));
    r.add("GET", "/tables/{full_name}/exists", this::exists);
    r.add("PATCH", "/tables/{full_name}", req -> {
      ObjectNode t = SchemaObjects.writable(ctx, UcType.TABLE, req.pathParam("full_name"));
      ctx.updateOwner(t, req.json());
      ctx.touch(t);
      return Response.empty();
    });
    r.add("DELETE", "/tables/{full_name}", req -> {
      SchemaObjects.delete(ctx, UcType.TABLE, req.pathParam("full_name"));
      return Response.empty();
    });
  }

  private ObjectNode createExternalDelta(JsonNode body) {
    String type = UcContext.required(body, "table_type");
    String format = UcContext.required(body, "data_source_format");
    if (!type.equals("EXTERNAL") || !format.equals("DELTA")) {
      throw UcErrors.invalid("The create table API supports only EXTERNAL DELTA tables, got " + type + " " + format);
    }
    ArrayNode columns = body.get("columns") instanceof ArrayNode a ? Json.copy(a) : Json.array();
    ObjectNode props = body.get("properties") instanceof ObjectNode p ? Json.copy(p) : Json.object();
    return create(new TableSpec(UcContext.required(body, "catalog_name"), UcContext.required(body, "schema_name"),
        UcContext.name(body, "name"), type, format, columns, Json.text(body, "storage_location"), null,
        Json.text(body, "comment"), props, false, false));
  }

  /** Creates (or with replace, replaces keeping its id) a table or view; with ifNotExists an existing one stays. */
  ObjectNode create(TableSpec spec) {
    String key = UcContext.key(spec.catalog()) + "." + UcContext.key(spec.schema()) + "." + UcContext.key(spec.name());
    ObjectNode old = ctx.store.get(UcType.TABLE, key);
    if (old != null && spec.ifNotExists()) {
      ctx.leaf(UcType.TABLE, key);
      return old;
    }
    ObjectNode t;
    if (old != null && spec.replace()) {
      ctx.writableSchema(spec.catalog(), spec.schema());
      t = Json.object();
      for (String f : List.of("name", "catalog_name", "schema_name", "full_name", "browse_only", "table_id", "owner",
          "created_at", "created_by")) {
        t.set(f, old.get(f));
      }
    } else {
      t = SchemaObjects.start(ctx, UcType.TABLE, spec.catalog(), spec.schema(), UcContext.key(spec.name()));
      t.put("table_id", ctx.store.uuid());
      ctx.stampNew(t, Json.object());
    }
    t.put("table_type", spec.tableType());
    if (spec.tableType().equals("VIEW")) {
      if (spec.viewDefinition() == null || spec.viewDefinition().isBlank()) {
        throw UcErrors.missing("view_definition");
      }
      t.put("view_definition", spec.viewDefinition());
    } else {
      t.put("data_source_format", spec.format());
      t.put("storage_location", storage(spec, t));
    }
    if (!spec.columns().isEmpty()) {
      t.set("columns", spec.columns());
    }
    if (spec.comment() != null) {
      t.put("comment", spec.comment());
    }
    ObjectNode props = Json.copy(spec.properties());
    if ("DELTA".equals(spec.format())) {
      if (!props.has("delta.minReaderVersion")) {
        props.put("delta.minReaderVersion", "1");
      }
      if (!props.has("delta.minWriterVersion")) {
        props.put("delta.minWriterVersion", "2");
      }
    }
    if (!props.isEmpty()) {
      t.set("properties", props);
    }
    ctx.touch(t);
    ctx.store.put(UcType.TABLE, key, t);
    return t;
  }

  private String storage(TableSpec spec, ObjectNode t) {
    if (spec.tableType().equals("EXTERNAL")) {
      String url = StoragePaths.requireCloudUrl(spec.storageLocation(), "storage_location");
      StoragePaths.requireCovered(ctx.store, url);
      StoragePaths.requireNoDataOverlap(ctx.store, url, t.get("full_name").asText());
      return url;
    }
    if (spec.storageLocation() != null) {
      throw UcErrors.invalid("A MANAGED table cannot have a storage_location");
    }
    return SchemaObjects.managedLocation(ctx, t, "tables", t.get("table_id").asText());
  }

  /** TableInfo as GET and list return it (the omit_* and include_manifest_capabilities flags applied). */
  private ObjectNode render(ObjectNode stored, Request req) {
    ObjectNode out = ctx.render(stored);
    if ("true".equalsIgnoreCase(req.q("omit_columns"))) {
      out.remove("columns");
    }
    if ("true".equalsIgnoreCase(req.q("omit_properties"))) {
      out.remove("properties");
    }
    if ("true".equalsIgnoreCase(req.q("omit_username"))) {
      out.remove(List.of("owner", "created_by", "updated_by"));
    }
    if ("true".equalsIgnoreCase(req.q("include_manifest_capabilities"))) {
      out.set("securable_kind_manifest", manifest(stored));
    }
    return out;
  }

  private static ObjectNode manifest(ObjectNode t) {
    String type = t.get("table_type").asText();
    boolean delta = "DELTA".equals(Json.text(t, "data_source_format"));
    String kind = type.equals("VIEW") ? "TABLE_VIEW"
        : type.equals("EXTERNAL") ? (delta ? "TABLE_DELTA_EXTERNAL" : "TABLE_EXTERNAL")
        : (delta ? "TABLE_DELTA" : "TABLE_STANDARD");
    ObjectNode m = Json.object().put("securable_kind", kind).put("securable_type", "TABLE");
    ArrayNode privileges = m.putArray("assignable_privileges");
    UcType.TABLE.privileges.stream().sorted().forEach(privileges::add);
    return m;
  }

  private Response list(Request req) {
    String catalog = req.requireQ("catalog_name");
    String schema = req.requireQ("schema_name");
    ctx.schema(catalog, schema);
    List<ObjectNode> all = ctx.store.children(UcType.TABLE, UcContext.key(catalog) + "." + UcContext.key(schema))
        .stream().map(t -> render(t, req)).toList();
    return Response.ok(Paging.page(req, all, t -> t.get("full_name").asText(), "tables", ctx.store.pageSize()));
  }

  private Response summaries(Request req) {
    String catalog = UcContext.key(req.requireQ("catalog_name"));
    ctx.catalog(catalog);
    Pattern schemas = like(req.q("schema_name_pattern"));
    Pattern tables = like(req.q("table_name_pattern"));
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode s : ctx.store.children(UcType.SCHEMA, catalog)) {
      if (!schemas.matcher(s.get("name").asText()).matches()) {
        continue;
      }
      for (ObjectNode t : ctx.store.children(UcType.TABLE, s.get("full_name").asText())) {
        if (tables.matcher(t.get("name").asText()).matches()) {
          ObjectNode summary = Json.object().put("full_name", t.get("full_name").asText())
              .put("table_type", t.get("table_type").asText());
          if ("true".equalsIgnoreCase(req.q("include_manifest_capabilities"))) {
            summary.set("securable_kind_manifest", manifest(t));
          }
          out.add(summary);
        }
      }
    }
    return Response.ok(Paging.page(req, out, t -> t.get("full_name").asText(), "tables", Paging.Unset.SERVER_PAGE,
        ctx.store.pageSize(), 1));
  }

  /** A SQL LIKE pattern (% and _) as a case-insensitive regex; empty or absent matches everything. */
  private static Pattern like(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return Pattern.compile(".*");
    }
    StringBuilder re = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      re.append(ch == '%' ? ".*" : ch == '_' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
  }

  private Response exists(Request req) {
    String[] p = UcContext.parts(UcType.TABLE, req.pathParam("full_name"), 3);
    ctx.schema(p[0], p[1]);
    return Response.ok(Json.object().put("table_exists", ctx.store.get(UcType.TABLE, String.join(".", p)) != null));
  }
}
