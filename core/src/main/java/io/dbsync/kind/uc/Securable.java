package io.dbsync.kind.uc;

import java.util.Optional;

/**
 * The Unity Catalog securables the kinds export, with how each is named elsewhere: the attribute of
 * databricks_grants that selects it (registered models are "model", connections "foreign_connection",
 * as the provider's permissions mapping has them), its type in /permissions/{type}/... (models are
 * FUNCTIONs there), its Terraform resource type, the attribute a reference to it uses, and its type in
 * /bindings/{type}/... when it can be bound to workspaces.
 */
enum Securable {
  STORAGE_CREDENTIAL("storage_credential", "storage_credential", "databricks_storage_credential", "id", "storage_credential"),
  EXTERNAL_LOCATION("external_location", "external_location", "databricks_external_location", "id", "external_location"),
  CONNECTION("foreign_connection", "connection", "databricks_connection", "name", null),
  CATALOG("catalog", "catalog", "databricks_catalog", "name", "catalog"),
  SCHEMA("schema", "schema", "databricks_schema", "id", null),
  VOLUME("volume", "volume", "databricks_volume", "id", null),
  TABLE("table", "table", "databricks_sql_table", "id", null),
  MODEL("model", "function", "databricks_registered_model", "id", null);

  final String grantsAttribute;
  final String apiType;
  final String resourceType;
  final String refAttribute;
  /** Type in the bindings API, null when the securable cannot be bound. */
  final String bindingType;

  Securable(String grantsAttribute, String apiType, String resourceType, String refAttribute, String bindingType) {
    this.grantsAttribute = grantsAttribute;
    this.apiType = apiType;
    this.resourceType = resourceType;
    this.refAttribute = refAttribute;
    this.bindingType = bindingType;
  }

  static Optional<Securable> byGrantsAttribute(String attr) {
    for (Securable s : values()) {
      if (s.grantsAttribute.equals(attr)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<Securable> byBindingType(String type) {
    for (Securable s : values()) {
      if (type.equals(s.bindingType)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
