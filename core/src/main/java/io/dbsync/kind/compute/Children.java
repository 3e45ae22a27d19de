package io.dbsync.kind.compute;

import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.permissions.PermissionsKind;

import java.util.List;

/** The child resources a compute object carries in its file (its direct permissions). */
final class Children {
  private Children() {}

  /**
   * The object's databricks_permissions resource, named after the owner resource, or nothing when
   * only inherited/admin grants exist.
   */
  static List<ExportedResource> permissions(ExportContext ctx, String requestObjectType, String sourceId,
      String selectorAttribute, String selectorValue, String ownerResourceName) throws Exception {
    return PermissionsKind.export(ctx, requestObjectType, sourceId, selectorAttribute, selectorValue, ownerResourceName)
        .stream().toList();
  }
}
