package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.List;

/** What tables, volumes and registered models (the objects inside a schema) share. */
final class SchemaObjects {
  private SchemaObjects() {}

  /**
   * A new object "catalog.schema.name" of a type: its schema must exist in a writable managed catalog
   * and the name must be free. Returns the object with its name fields, not yet stored.
   */
  static ObjectNode start(UcContext ctx, UcType type, String catalog, String schema, String name) {
    ObjectNode s = ctx.writableSchema(catalog, schema);
    if (!"MANAGED_CATALOG".equals(Json.text(s, "catalog_type"))) {
      throw UcErrors.invalid("Cannot create a " + type.noun.toLowerCase(java.util.Locale.ROOT) + " in "
          + Json.text(s, "catalog_type") + " '" + s.get("catalog_name").asText() + "'");
    }
    String key = s.get("full_name").asText() + "." + name;
    if (ctx.store.get(type, key) != null) {
      throw UcErrors.alreadyExists(type, key);
    }
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("catalog_name", s.get("catalog_name").asText());
    o.put("schema_name", s.get("name").asText());
    o.put("full_name", key);
    o.put("browse_only", false);
    return o;
  }

  /** start() from the catalog_name, schema_name and name fields of a create body. */
  static ObjectNode start(UcContext ctx, UcType type, JsonNode body) {
    String name = UcContext.name(body, "name");
    return start(ctx, type, UcContext.required(body, "catalog_name"), UcContext.required(body, "schema_name"), name);
  }

  /** Where managed data of a new object goes: below its schema's managed location. */
  static String managedLocation(UcContext ctx, ObjectNode o, String kind, String id) {
    ObjectNode s = ctx.store.get(UcType.SCHEMA, o.get("catalog_name").asText() + "." + o.get("schema_name").asText());
    String base = Json.text(s, "storage_location");
    return (base != null ? base : StoragePaths.normalize(ctx.store.storageRoot())) + "/" + kind + "/" + id;
  }

  /** Applies new_name of an update body (a rename within the schema). */
  static void rename(UcContext ctx, UcType type, ObjectNode o, JsonNode body) {
    if (!body.hasNonNull("new_name")) {
      return;
    }
    String newName = UcContext.name(body, "new_name");
    String oldKey = o.get("full_name").asText();
    String newKey = o.get("catalog_name").asText() + "." + o.get("schema_name").asText() + "." + newName;
    if (newKey.equals(oldKey)) {
      return;
    }
    if (ctx.store.get(type, newKey) != null) {
      throw UcErrors.alreadyExists(type, newKey);
    }
    ctx.store.rename(type, oldKey, newKey);
    o.put("name", newName);
    o.put("full_name", newKey);
  }

  /** A list filtered by the catalog_name and schema_name query parameters (both required). */
  static Response list(UcContext ctx, Request req, UcType type, String field, Paging.Unset unset) {
    String catalog = req.requireQ("catalog_name");
    String schema = req.requireQ("schema_name");
    ctx.schema(catalog, schema);
    List<ObjectNode> all = ctx.store.children(type, UcContext.key(catalog) + "." + UcContext.key(schema))
        .stream().map(ctx::render).toList();
    return Response.ok(Paging.page(req, all, o -> o.get("full_name").asText(), field, unset, ctx.store.pageSize(), 1));
  }

  /** An existing object in a catalog the workspace may write. */
  static ObjectNode writable(UcContext ctx, UcType type, String fullName) {
    ctx.writableCatalog(UcContext.parts(type, fullName, 3)[0]);
    return ctx.leaf(type, fullName);
  }

  /** PATCH of volumes and models: owner, comment, new_name. */
  static ObjectNode update(UcContext ctx, UcType type, String fullName, JsonNode body) {
    ObjectNode o = writable(ctx, type, fullName);
    ctx.updateOwner(o, body);
    UcContext.copyText(o, body, "comment");
    rename(ctx, type, o, body);
    ctx.touch(o);
    return o;
  }

  /** Deletes an object in a schema the workspace may write. */
  static void delete(UcContext ctx, UcType type, String fullName) {
    ObjectNode o = writable(ctx, type, fullName);
    ctx.store.remove(type, o.get("full_name").asText());
  }
}
