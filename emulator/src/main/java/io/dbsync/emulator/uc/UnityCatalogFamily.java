package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.sql.SqlFamily;

/**
 * Unity Catalog (/api/2.1/unity-catalog/...): the metastore and its assignment, catalogs, schemas,
 * volumes, tables (and SQL DDL for them through the SQL family), registered models with aliases,
 * storage credentials, external locations, connections, grants and workspace bindings, with the
 * ordering and validation rules the real service enforces (see each *Api class).
 *
 * <p>The metastore is {@code EmulatorOptions.unityCatalog} when set (shared by the emulators given
 * the same object: objects created through one workspace are visible through the other, and an
 * ISOLATED catalog only to the workspaces bound to it); otherwise this emulator gets one of its own.
 * The workspace id is {@code EmulatorOptions.workspaceId}.
 *
 * <p>Seed format (key {@code "unity_catalog"}): see {@link UcSeed}. {@link #dump()} returns the
 * metastore's contents (every workspace's) in the same shape, plus this workspace's id and default
 * catalog.
 */
public final class UnityCatalogFamily implements Family {
  private UcMetastore store;
  private UcContext ctx;
  private UcApis apis;

  @Override
  public String name() {
    return "unity_catalog";
  }

  /** The metastore this workspace is assigned to. */
  public UcMetastore metastore() {
    return store;
  }

  @Override
  public void register(Router router, Workspace workspace) {
    store = workspace.options().unityCatalog != null ? workspace.options().unityCatalog : new UcMetastore();
    ctx = new UcContext(store, workspace);
    apis = UcApis.create(ctx);
    apis.register(new UcRoutes(router, name(), ctx));
    workspace.family(SqlFamily.class).addRoute(apis.sql()::execute);
  }

  @Override
  public void builtIns(Workspace workspace) {
    locked(() -> BuiltIns.ensure(ctx, apis.schemas()));
  }

  @Override
  public JsonNode dump() {
    ObjectNode out = store.dump();
    out.put("workspace_id", ctx.workspaceId());
    out.put("default_catalog_name", apis.metastore().defaultCatalog());
    out.put("assigned", ctx.assigned());
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    locked(() -> new UcSeed(ctx, apis).apply(seed));
  }

  private void locked(Runnable action) {
    try {
      store.locked(() -> {
        action.run();
        return null;
      });
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
