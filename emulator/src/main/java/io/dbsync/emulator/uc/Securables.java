package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Finds the securable a grant, an owner change or a binding names: by type and full name, checking
 * that it exists and that this workspace may use it. The metastore itself is named by its id.
 */
final class Securables {
  private Securables() {}

  /** The type named in a URL path; unknown and not emulated types are INVALID_PARAMETER_VALUE. */
  static UcType type(String name) {
    UcType t = UcType.parse(name);
    if (t == null) {
      throw UcErrors.invalid("Unsupported securable type '" + name + "' (the emulator has catalog, schema, table, "
          + "volume, function (registered models), storage_credential, external_location, connection, metastore)");
    }
    return t;
  }

  /** The store key of an existing, usable securable (lower-case full name; the metastore id for METASTORE). */
  static String key(UcContext ctx, UcType type, String fullName) {
    switch (type) {
      case METASTORE -> {
        if (!ctx.store.metastoreId().equalsIgnoreCase(fullName)) {
          throw UcErrors.notFound(type, fullName);
        }
        return ctx.store.metastoreId();
      }
      case CATALOG -> ctx.catalog(fullName);
      case SCHEMA -> {
        String[] p = UcContext.parts(type, fullName, 2);
        ctx.schema(p[0], p[1]);
      }
      case TABLE, VOLUME, FUNCTION -> ctx.leaf(type, fullName);
      case STORAGE_CREDENTIAL, EXTERNAL_LOCATION -> ctx.accessible(type, UcContext.key(fullName));
      default -> ctx.require(type, UcContext.key(fullName));
    }
    return UcContext.key(fullName);
  }

  /** The stored object (not for METASTORE). */
  static ObjectNode get(UcContext ctx, UcType type, String fullName) {
    return ctx.store.get(type, key(ctx, type, fullName));
  }

  /** ALTER ... OWNER TO: the new owner must be a known principal. */
  static void setOwner(UcContext ctx, UcType type, String fullName, String owner) {
    if (type == UcType.METASTORE) {
      throw UcErrors.invalid("The metastore owner is managed by the account console");
    }
    ObjectNode o = get(ctx, type, fullName);
    if (type == UcType.CATALOG && BuiltIns.isBuiltIn(UcContext.key(fullName))) {
      throw UcErrors.invalid("Catalog '" + UcContext.key(fullName) + "' is managed by Databricks and cannot be modified.");
    }
    o.put("owner", ctx.requirePrincipal(owner));
    ctx.touch(o);
  }
}
