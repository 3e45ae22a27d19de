package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.List;
import java.util.Set;

/**
 * /api/2.1/unity-catalog/catalogs (CatalogInfo). Three kinds: managed (MANAGED_CATALOG, with
 * storage_root inside an external location or the metastore root; gets the auto-created schemas
 * "default" and "information_schema"), foreign (connection_name + options: FOREIGN_CATALOG) and
 * Delta Sharing (provider_name + share_name). isolation_mode OPEN | ISOLATED is set by update only;
 * making a catalog ISOLATED binds no workspace (the Terraform provider binds the current one itself).
 * Delete refuses a catalog with schemas other than information_schema and an empty default unless
 * force=true, which deletes everything below it.
 */
final class CatalogsApi {
  private static final Set<String> PREDICTIVE_OPTIMIZATION = Set.of("ENABLE", "DISABLE", "INHERIT");

  private final UcContext ctx;
  private final SchemasApi schemas;

  CatalogsApi(UcContext ctx, SchemasApi schemas) {
    this.ctx = ctx;
    this.schemas = schemas;
  }

  void register(UcRoutes r) {
    r.crud("/catalogs", this::list, new UcRoutes.Crud(ctx::render, this::create, ctx::catalog, this::update, this::delete));
  }

  ObjectNode create(JsonNode body) {
    String name = UcContext.name(body, "name");
    if (ctx.store.get(UcType.CATALOG, name) != null) {
      throw UcErrors.alreadyExists(UcType.CATALOG, name);
    }
    ObjectNode c = Json.object();
    c.put("name", name);
    c.put("full_name", name);
    c.put("securable_type", "CATALOG");
    c.put("isolation_mode", "OPEN");
    c.put("browse_only", false);
    UcContext.copyText(c, body, "comment");
    UcContext.copyObject(c, body, "properties", "options");
    String connection = Json.text(body, "connection_name");
    String share = Json.text(body, "share_name");
    if (connection != null) {
      if (body.hasNonNull("storage_root") || share != null) {
        throw UcErrors.invalid("A foreign catalog cannot have storage_root or share_name");
      }
      ObjectNode conn = ctx.require(UcType.CONNECTION, UcContext.key(connection));
      c.put("connection_name", conn.get("name").asText());
      c.put("catalog_type", "FOREIGN_CATALOG");
      c.put("securable_kind", "CATALOG_FOREIGN_" + conn.get("connection_type").asText());
    } else if (share != null || body.hasNonNull("provider_name")) {
      c.put("provider_name", UcContext.required(body, "provider_name"));
      c.put("share_name", UcContext.required(body, "share_name"));
      c.put("catalog_type", "DELTASHARING_CATALOG");
      c.put("securable_kind", "CATALOG_DELTASHARING");
    } else {
      c.put("catalog_type", "MANAGED_CATALOG");
      c.put("securable_kind", "CATALOG_STANDARD");
      String root = Json.text(body, "storage_root");
      if (root != null) {
        StoragePaths.requireCovered(ctx.store, StoragePaths.requireCloudUrl(root, "storage_root"));
        c.put("storage_root", root);
      } else if (ctx.store.storageRoot() == null) {
        throw UcErrors.invalid("Metastore storage root URL does not exist. Please provide a storage_root for the catalog.");
      }
      String base = root != null ? root : ctx.store.storageRoot();
      c.put("storage_location", StoragePaths.normalize(base) + "/__unitystorage/catalogs/" + ctx.store.uuid());
    }
    ctx.stampNew(c, body);
    ctx.store.put(UcType.CATALOG, name, c);
    if ("MANAGED_CATALOG".equals(c.get("catalog_type").asText())) {
      schemas.createBuiltIn(name, "information_schema", "System user", "Information schema (auto-created)");
      schemas.createBuiltIn(name, "default", c.get("owner").asText(), "Default schema (auto-created)");
    }
    return c;
  }

  private Response list(Request req) {
    boolean unbound = "true".equalsIgnoreCase(req.q("include_unbound"));
    List<ObjectNode> visible = ctx.store.all(UcType.CATALOG).stream()
        .filter(c -> unbound || ctx.boundHere(UcType.CATALOG, c.get("name").asText(), c))
        .map(ctx::render).toList();
    return Response.ok(Paging.page(req, visible, c -> c.get("name").asText(), "catalogs", ctx.store.pageSize()));
  }

  ObjectNode update(String nameParam, JsonNode body) {
    String name = UcContext.key(nameParam);
    ObjectNode c = ctx.catalog(name);
    if (BuiltIns.isBuiltIn(name)) {
      throw UcErrors.invalid("Catalog '" + name + "' is managed by Databricks and cannot be modified.");
    }
    ctx.updateOwner(c, body);
    UcContext.copyText(c, body, "comment");
    UcContext.copyObject(c, body, "properties", "options");
    String mode = Json.text(body, "isolation_mode");
    if (mode != null) {
      if (!mode.equals("OPEN") && !mode.equals("ISOLATED")) {
        throw UcErrors.invalid("isolation_mode must be OPEN or ISOLATED, got " + mode);
      }
      c.put("isolation_mode", mode);
    }
    String po = Json.text(body, "enable_predictive_optimization");
    if (po != null) {
      if (!PREDICTIVE_OPTIMIZATION.contains(po)) {
        throw UcErrors.invalid("enable_predictive_optimization must be ENABLE, DISABLE or INHERIT, got " + po);
      }
      c.put("enable_predictive_optimization", po);
    }
    if (body.hasNonNull("new_name")) {
      String newName = UcContext.name(body, "new_name");
      if (!newName.equals(name)) {
        if (ctx.store.get(UcType.CATALOG, newName) != null) {
          throw UcErrors.alreadyExists(UcType.CATALOG, newName);
        }
        ctx.store.rename(UcType.CATALOG, name, newName);
        c.put("name", newName);
        c.put("full_name", newName);
      }
    }
    ctx.touch(c);
    return c;
  }

  void delete(String nameParam, boolean force) {
    String name = UcContext.key(nameParam);
    ctx.catalog(name);
    if (BuiltIns.isBuiltIn(name)) {
      throw UcErrors.invalid("Catalog '" + name + "' is managed by Databricks and cannot be deleted.");
    }
    List<String> contents = ctx.store.children(UcType.SCHEMA, name).stream()
        .filter(s -> !schemas.isDisposable(s))
        .map(s -> s.get("name").asText()).toList();
    if (!contents.isEmpty() && !force) {
      throw UcErrors.catalogNotEmpty(name, contents.size() + " schema(s): " + String.join(", ", contents));
    }
    for (ObjectNode s : ctx.store.children(UcType.SCHEMA, name)) {
      schemas.deleteCascade(s.get("full_name").asText());
    }
    ctx.store.remove(UcType.CATALOG, name);
  }
}
