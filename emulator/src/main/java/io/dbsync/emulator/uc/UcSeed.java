package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a seed document into the metastore through the same create calls the API uses (so seeds
 * obey the same rules), in dependency order. Format (key "unity_catalog"; every part optional):
 * <pre>
 * {"metastore": {"metastore_id", "name", "region", "cloud", "storage_root", "owner"},
 *  "workspace_id": 1234, "default_catalog_name": "main", "page_size": 100, "assigned": true,
 *  "storage_credentials": [...], "external_locations": [...], "connections": [...],
 *  "catalogs": [...], "schemas": [...], "volumes": [...],
 *  "tables": [{"catalog_name", "schema_name", "name", "table_type", "data_source_format", "columns": [{"name",
 *              "type_text", "nullable", "comment"}], "storage_location", "view_definition", "comment", "properties"}],
 *  "registered_models": [{..., "versions": 3, "aliases": {"champion": 2}}],
 *  "statements": ["CREATE TABLE main.s.t (id INT)"],
 *  "grants": {"catalog:main": {"data-engineers": ["USE_CATALOG"]}},
 *  "bindings": {"catalog:main": {"1234": "BINDING_TYPE_READ_WRITE"}}}
 * </pre>
 * "assigned": false models a workspace without Unity Catalog (every call is METASTORE_DOES_NOT_EXIST).
 * Objects are API create bodies plus "owner" and (catalogs, credentials, locations) "isolation_mode",
 * applied after everything else. A dump loads back: built-in catalogs and auto-created schemas in it
 * are skipped, and the storage_location of managed objects is recomputed. The metastore id set here applies to every object; two `emulator` processes seeded
 * with the same id report the same metastore (each with its own contents).
 */
final class UcSeed {
  private final UcContext ctx;
  private final UcApis apis;

  UcSeed(UcContext ctx, UcApis apis) {
    this.ctx = ctx;
    this.apis = apis;
  }

  /** The seed/dump key of a type's object list. */
  static String key(UcType type) {
    return switch (type) {
      case FUNCTION -> "registered_models";
      case STORAGE_CREDENTIAL -> "storage_credentials";
      case EXTERNAL_LOCATION -> "external_locations";
      default -> type.pathName + "s";
    };
  }

  void apply(JsonNode seed) {
    if (seed.has("assigned")) {
      ctx.setAssigned(seed.get("assigned").asBoolean());
    }
    if (seed.has("metastore")) {
      ctx.store.setInfo(seed.get("metastore"));
    }
    if (seed.has("workspace_id")) {
      ctx.setWorkspaceId(seed.get("workspace_id").asLong());
    }
    if (seed.has("default_catalog_name")) {
      apis.metastore().setDefaultCatalog(seed.get("default_catalog_name").asText());
    }
    if (seed.has("page_size")) {
      ctx.store.setPageSize(seed.get("page_size").asInt());
    }
    List<Runnable> isolation = new ArrayList<>();
    each(seed, UcType.STORAGE_CREDENTIAL, apis.credentials()::create, isolation);
    each(seed, UcType.EXTERNAL_LOCATION, apis.locations()::create, isolation);
    each(seed, UcType.CONNECTION, apis.connections()::create, isolation);
    for (JsonNode c : seed.path(key(UcType.CATALOG))) {
      if (!BuiltIns.isBuiltIn(UcContext.key(Json.text(c, "name")))) {
        apis.catalogs().create(c);
        isolation(UcType.CATALOG, c, isolation);
      }
    }
    for (JsonNode s : seed.path(key(UcType.SCHEMA))) {
      String full = UcContext.key(Json.text(s, "catalog_name") + "." + Json.text(s, "name"));
      if (ctx.store.get(UcType.SCHEMA, full) == null) {
        apis.schemas().create(s);
      }
    }
    for (JsonNode v : seed.path(key(UcType.VOLUME))) {
      ObjectNode body = Json.copy((ObjectNode) v);
      if ("MANAGED".equals(Json.text(v, "volume_type"))) {
        body.remove("storage_location");
      }
      apis.volumes().create(body);
    }
    for (JsonNode t : seed.path(key(UcType.TABLE))) {
      table(t);
    }
    for (JsonNode m : seed.path(key(UcType.FUNCTION))) {
      ObjectNode model = apis.models().create(m);
      apis.models().setVersionCount(model, m.has("__versions") ? m.get("__versions").size() : m.path("versions").asInt(0));
      m.path(m.has("__aliases") ? "__aliases" : "aliases").properties().forEach(e ->
          ((ObjectNode) model.get("__aliases")).put(UcContext.key(e.getKey()), e.getValue().asLong()));
    }
    for (JsonNode st : seed.path("statements")) {
      if (apis.sql().execute(st.asText()).isEmpty()) {
        throw UcErrors.invalid("Not a Unity Catalog statement: " + st.asText());
      }
    }
    grants(seed.path("grants"));
    isolation.forEach(Runnable::run);
    seed.path("bindings").properties().forEach(e -> {
      String[] typeAndName = e.getKey().split(":", 2);
      UcType type = Securables.type(typeAndName[0]);
      ctx.require(type, UcContext.key(typeAndName[1]));
      e.getValue().properties().forEach(b ->
          ctx.store.bindings(type, UcContext.key(typeAndName[1])).put(Long.parseLong(b.getKey()), b.getValue().asText()));
    });
  }

  private void each(JsonNode seed, UcType type, Function<JsonNode, ObjectNode> create, List<Runnable> isolation) {
    for (JsonNode o : seed.path(key(type))) {
      create.apply(o);
      isolation(type, o, isolation);
    }
  }

  private void isolation(UcType type, JsonNode o, List<Runnable> later) {
    String mode = Json.text(o, "isolation_mode");
    if (mode != null) {
      later.add(() -> ctx.store.get(type, UcContext.key(Json.text(o, "name"))).put("isolation_mode", mode));
    }
  }

  private void table(JsonNode t) {
    ArrayNode columns = Json.array();
    for (JsonNode c : t.path("columns")) {
      if (c.hasNonNull("type_text") && !c.has("type_json")) {
        ObjectNode col = ColumnTypes.column(c.get("name").asText(), ColumnTypes.parse(c.get("type_text").asText()),
            columns.size(), c.path("nullable").asBoolean(true), Json.text(c, "comment"), null);
        if (c.has("partition_index")) {
          col.set("partition_index", c.get("partition_index"));
        }
        columns.add(col);
      } else {
        columns.add(Json.copy(c));
      }
    }
    ObjectNode props = t.get("properties") instanceof ObjectNode p ? Json.copy(p) : Json.object();
    String type = UcContext.required(t, "table_type");
    String location = type.equals("EXTERNAL") ? Json.text(t, "storage_location") : null;
    ObjectNode created = apis.tables().create(new TablesApi.TableSpec(UcContext.required(t, "catalog_name"),
        UcContext.required(t, "schema_name"), UcContext.name(t, "name"), type,
        type.equals("VIEW") ? null : t.path("data_source_format").asText("DELTA"), columns,
        location, Json.text(t, "view_definition"), Json.text(t, "comment"), props, false, false));
    if (t.hasNonNull("owner")) {
      created.put("owner", ctx.requirePrincipal(t.get("owner").asText()));
    }
  }

  private void grants(JsonNode byKey) {
    byKey.properties().forEach(e -> {
      String[] typeAndName = e.getKey().split(":", 2);
      UcType type = Securables.type(typeAndName[0]);
      String key = Securables.key(ctx, type, typeAndName[1]);
      for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
        List<String> privileges = new ArrayList<>();
        p.getValue().forEach(v -> privileges.add(v.asText()));
        apis.grants().apply(type, key, p.getKey(), privileges, true);
      }
    });
  }
}
