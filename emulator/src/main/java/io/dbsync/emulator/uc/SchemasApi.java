package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * /api/2.1/unity-catalog/schemas (SchemaInfo). A schema needs its catalog (CATALOG_DOES_NOT_EXIST)
 * and cannot be created in foreign or Delta Sharing catalogs; its optional storage_root must lie in
 * an external location. List needs catalog_name. Delete refuses a schema holding tables, volumes or
 * registered models unless force=true; information_schema cannot be deleted.
 */
final class SchemasApi {
  static final String INFORMATION_SCHEMA = "information_schema";

  private final UcContext ctx;

  SchemasApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.crud("/schemas", this::list, new UcRoutes.Crud(ctx::render, this::create, this::get, this::update, this::delete));
  }

  ObjectNode create(JsonNode body) {
    String name = UcContext.name(body, "name");
    String catalogName = UcContext.key(UcContext.required(body, "catalog_name"));
    ObjectNode catalog = ctx.writableCatalog(catalogName);
    if (!"MANAGED_CATALOG".equals(Json.text(catalog, "catalog_type"))) {
      throw UcErrors.invalid("Cannot create a schema in " + Json.text(catalog, "catalog_type") + " '" + catalogName + "'");
    }
    ObjectNode s = newSchema(catalog, name, Json.text(body, "storage_root"));
    UcContext.copyText(s, body, "comment");
    UcContext.copyObject(s, body, "properties");
    ctx.stampNew(s, body);
    return s;
  }

  /** The schemas every managed catalog starts with. */
  void createBuiltIn(String catalogName, String name, String owner, String comment) {
    ObjectNode s = newSchema(ctx.store.get(UcType.CATALOG, catalogName), name, null);
    s.put("comment", comment);
    ctx.stampNew(s, Json.object());
    s.put("owner", owner);
  }

  private ObjectNode newSchema(ObjectNode catalog, String name, String storageRoot) {
    String catalogName = catalog.get("name").asText();
    String key = catalogName + "." + name;
    if (ctx.store.get(UcType.SCHEMA, key) != null) {
      throw UcErrors.alreadyExists(UcType.SCHEMA, key);
    }
    ObjectNode s = Json.object();
    s.put("name", name);
    s.put("catalog_name", catalogName);
    s.put("full_name", key);
    s.put("catalog_type", Json.text(catalog, "catalog_type"));
    s.put("browse_only", false);
    String id = ctx.store.uuid();
    s.put("schema_id", id);
    if (storageRoot != null) {
      StoragePaths.requireCovered(ctx.store, StoragePaths.requireCloudUrl(storageRoot, "storage_root"));
      s.put("storage_root", storageRoot);
      s.put("storage_location", StoragePaths.normalize(storageRoot) + "/__unitystorage/schemas/" + id);
    } else if (catalog.hasNonNull("storage_location")) {
      s.put("storage_location", catalog.get("storage_location").asText() + "/__unitystorage/schemas/" + id);
    }
    ctx.store.put(UcType.SCHEMA, key, s);
    return s;
  }

  ObjectNode get(String fullName) {
    String[] p = UcContext.parts(UcType.SCHEMA, fullName, 2);
    return ctx.schema(p[0], p[1]);
  }

  private Response list(Request req) {
    String catalog = req.requireQ("catalog_name");
    ctx.catalog(catalog);
    List<ObjectNode> all = ctx.store.children(UcType.SCHEMA, UcContext.key(catalog)).stream().map(ctx::render).toList();
    return Response.ok(Paging.page(req, all, s -> s.get("name").asText(), "schemas", ctx.store.pageSize()));
  }

  ObjectNode update(String fullName, JsonNode body) {
    String[] p = UcContext.parts(UcType.SCHEMA, fullName, 2);
    ctx.writableCatalog(p[0]);
    ObjectNode s = get(fullName);
    ctx.updateOwner(s, body);
    UcContext.copyText(s, body, "comment", "enable_predictive_optimization");
    UcContext.copyObject(s, body, "properties");
    if (body.hasNonNull("new_name")) {
      String newName = UcContext.name(body, "new_name");
      String newKey = p[0] + "." + newName;
      if (!newName.equals(p[1])) {
        if (ctx.store.get(UcType.SCHEMA, newKey) != null) {
          throw UcErrors.alreadyExists(UcType.SCHEMA, newKey);
        }
        ctx.store.rename(UcType.SCHEMA, p[0] + "." + p[1], newKey);
        s.put("name", newName);
        s.put("full_name", newKey);
      }
    }
    ctx.touch(s);
    return s;
  }

  void delete(String fullName, boolean force) {
    String[] p = UcContext.parts(UcType.SCHEMA, fullName, 2);
    ctx.writableCatalog(p[0]);
    get(fullName);
    if (p[1].equals(INFORMATION_SCHEMA)) {
      throw UcErrors.invalid("Schema '" + p[0] + "." + p[1] + "' is managed by Databricks and cannot be deleted.");
    }
    List<String> contents = contents(p[0] + "." + p[1]);
    if (!contents.isEmpty() && !force) {
      throw UcErrors.schemaNotEmpty(p[0] + "." + p[1], contents.size() + " object(s): " + String.join(", ", contents));
    }
    deleteCascade(p[0] + "." + p[1]);
  }

  /** Deletes a schema and everything in it. */
  void deleteCascade(String key) {
    for (UcType t : UcType.SCHEMA_CHILDREN) {
      for (ObjectNode o : ctx.store.children(t, key)) {
        ctx.store.remove(t, o.get("full_name").asText());
      }
    }
    ctx.store.remove(UcType.SCHEMA, key);
  }

  /** Whether a catalog may be deleted with this schema in it: information_schema, or an empty default. */
  boolean isDisposable(ObjectNode schema) {
    String name = schema.get("name").asText();
    return name.equals(INFORMATION_SCHEMA) || (name.equals("default") && contents(schema.get("full_name").asText()).isEmpty());
  }

  private List<String> contents(String key) {
    List<String> out = new ArrayList<>();
    for (UcType t : UcType.SCHEMA_CHILDREN) {
      ctx.store.children(t, key).forEach(o -> out.add(o.get("name").asText()));
    }
    return out;
  }
}
