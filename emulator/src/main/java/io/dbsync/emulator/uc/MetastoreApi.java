package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Response;

/**
 * The metastore as a workspace sees it: GET current-metastore-assignment {workspace_id,
 * metastore_id, default_catalog_name}, GET metastore_summary, and GET metastores / metastores/{id}
 * for the one metastore the workspace is assigned to.
 */
final class MetastoreApi {
  private final UcContext ctx;
  private volatile String defaultCatalog = BuiltIns.HIVE_METASTORE;

  MetastoreApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.add("GET", "/current-metastore-assignment", req -> Response.ok(assignment()));
    r.add("GET", "/metastore_summary", req -> Response.ok(ctx.store.summary()));
    r.add("GET", "/metastores", req -> {
      ObjectNode out = Json.object();
      out.putArray("metastores").add(ctx.store.summary());
      return Response.ok(out);
    });
    r.add("GET", "/metastores/{id}", req -> {
      Securables.key(ctx, UcType.METASTORE, req.pathParam("id"));
      return Response.ok(ctx.store.summary());
    });
  }

  ObjectNode assignment() {
    return Json.object().put("workspace_id", ctx.workspaceId()).put("metastore_id", ctx.store.metastoreId())
        .put("default_catalog_name", defaultCatalog);
  }

  /** The catalog queries without a catalog name use in this workspace (seedable; default hive_metastore). */
  void setDefaultCatalog(String name) {
    defaultCatalog = UcContext.key(name);
  }

  String defaultCatalog() {
    return defaultCatalog;
  }
}
