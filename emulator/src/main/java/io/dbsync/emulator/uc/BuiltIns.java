package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.Set;

/**
 * The catalogs every Unity Catalog workspace lists without having created them: "system" (the
 * Databricks system tables, SYSTEM_CATALOG, owned by "System user", read-only) and "hive_metastore"
 * (the workspace's legacy Hive metastore seen as a catalog; catalog_type INTERNAL_CATALOG and
 * securable_kind CATALOG_INTERNAL are guesses: the SDK's CatalogType enum has no Hive value). Neither
 * can be modified or deleted, and a sync tool must not export them. The contents of hive_metastore are
 * the SQL family's Hive catalog, not served by the Unity Catalog API.
 */
final class BuiltIns {
  static final String SYSTEM = "system";
  static final String HIVE_METASTORE = "hive_metastore";
  private static final Set<String> NAMES = Set.of(SYSTEM, HIVE_METASTORE);

  private BuiltIns() {}

  static boolean isBuiltIn(String catalogKey) {
    return NAMES.contains(catalogKey);
  }

  /** Creates the built-in catalogs unless the (possibly shared) metastore has them already. */
  static void ensure(UcContext ctx, SchemasApi schemas) {
    if (ctx.store.get(UcType.CATALOG, SYSTEM) == null) {
      ctx.store.put(UcType.CATALOG, SYSTEM, catalog(SYSTEM, "SYSTEM_CATALOG", "CATALOG_SYSTEM", "System catalog (auto-created)"));
      schemas.createBuiltIn(SYSTEM, SchemasApi.INFORMATION_SCHEMA, "System user", "Information schema (auto-created)");
    }
    if (ctx.store.get(UcType.CATALOG, HIVE_METASTORE) == null) {
      ctx.store.put(UcType.CATALOG, HIVE_METASTORE, catalog(HIVE_METASTORE, "INTERNAL_CATALOG", "CATALOG_INTERNAL",
          "Legacy Hive metastore of the workspace"));
    }
  }

  private static ObjectNode catalog(String name, String type, String kind, String comment) {
    ObjectNode c = Json.object();
    c.put("name", name);
    c.put("full_name", name);
    c.put("catalog_type", type);
    c.put("securable_kind", kind);
    c.put("securable_type", "CATALOG");
    c.put("isolation_mode", "OPEN");
    c.put("browse_only", false);
    c.put("comment", comment);
    c.put("owner", "System user");
    c.put("created_at", 0L);
    c.put("created_by", "System user");
    c.put("updated_at", 0L);
    c.put("updated_by", "System user");
    return c;
  }
}
