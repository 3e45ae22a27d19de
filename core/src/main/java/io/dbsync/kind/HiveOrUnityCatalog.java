package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which metastore an object of a type the Hive metastore and Unity Catalog share belongs to
 * (databricks_schema, databricks_sql_table): the kinds of both answer {@link Kind#handles} with it.
 * The object's catalog_name decides when the attributes have one, else the first part of its
 * Terraform id ("hive_metastore.db", "hive_metastore.db.table" against "catalog.schema[.table]").
 * A catalog_name that is no plain string (a reference still unknown, to a catalog the import creates)
 * is Unity Catalog's: the Hive kinds always write "hive_metastore" out.
 */
public final class HiveOrUnityCatalog {
  public static final String HIVE_METASTORE = "hive_metastore";

  private HiveOrUnityCatalog() {
  }

  /** True for an object of the Hive metastore, false for one of Unity Catalog. */
  public static boolean isHive(String id, JsonNode attrs) {
    JsonNode catalog = attrs == null ? null : attrs.get("catalog_name");
    if (catalog != null && !catalog.isNull()) {
      return catalog.isTextual() && catalog.asText().equalsIgnoreCase(HIVE_METASTORE);
    }
    if (id != null) {
      int dot = id.indexOf('.');
      return dot > 0 && id.substring(0, dot).equalsIgnoreCase(HIVE_METASTORE);
    }
    return true; // nothing names a catalog: the Hive kinds take it, and their create says what is missing
  }
}
