package io.dbsync.emulator.uc;

import java.util.Locale;
import java.util.Set;

/**
 * The Unity Catalog securable types the emulator stores, with what the API says about each: its
 * lower-case name in /permissions/{securable_type}/..., the noun in error messages, the error codes
 * and the privileges a grant on it may carry.
 *
 * <p>Error codes: CATALOG_/SCHEMA_/TABLE_/STORAGE_CREDENTIAL_/EXTERNAL_LOCATION_ DOES_NOT_EXIST and
 * ALREADY_EXISTS are the names of the platform's ErrorCode enum (Go SDK service/apps ErrorCode).
 * Volumes, connections and registered models have no code of their own there; RESOURCE_DOES_NOT_EXIST
 * and RESOURCE_ALREADY_EXISTS for them are a guess. Registered models are FUNCTION securables in
 * grants (the Terraform provider maps databricks_grants.model to securable type "function").
 */
enum UcType {
  METASTORE("metastore", "Metastore", "METASTORE_DOES_NOT_EXIST", "METASTORE_ALREADY_EXISTS", Set.of(
      "CREATE_CATALOG", "CREATE_CONNECTION", "CREATE_EXTERNAL_LOCATION", "CREATE_STORAGE_CREDENTIAL",
      "CREATE_SERVICE_CREDENTIAL", "CREATE_SHARE", "CREATE_RECIPIENT", "CREATE_PROVIDER", "CREATE_CLEAN_ROOM",
      "USE_SHARE", "USE_RECIPIENT", "USE_PROVIDER", "SET_SHARE_PERMISSION", "USE_MARKETPLACE_ASSETS",
      "MANAGE_ALLOWLIST")),
  CATALOG("catalog", "Catalog", "CATALOG_DOES_NOT_EXIST", "CATALOG_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "APPLY_TAG", "BROWSE", "CREATE_SCHEMA", "USE_CATALOG", "USE_SCHEMA", "CREATE_FUNCTION",
      "CREATE_TABLE", "CREATE_MATERIALIZED_VIEW", "CREATE_MODEL", "CREATE_VOLUME", "CREATE_FOREIGN_SECURABLE",
      "EXECUTE", "EXTERNAL_USE_SCHEMA", "MANAGE", "MODIFY", "READ_VOLUME", "REFRESH", "SELECT", "WRITE_VOLUME")),
  SCHEMA("schema", "Schema", "SCHEMA_DOES_NOT_EXIST", "SCHEMA_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "APPLY_TAG", "USE_SCHEMA", "CREATE_FUNCTION", "CREATE_TABLE", "CREATE_MATERIALIZED_VIEW",
      "CREATE_MODEL", "CREATE_VOLUME", "EXECUTE", "EXTERNAL_USE_SCHEMA", "MANAGE", "MODIFY", "READ_VOLUME",
      "REFRESH", "SELECT", "WRITE_VOLUME")),
  TABLE("table", "Table", "TABLE_DOES_NOT_EXIST", "TABLE_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "APPLY_TAG", "MANAGE", "MODIFY", "REFRESH", "SELECT")),
  VOLUME("volume", "Volume", "RESOURCE_DOES_NOT_EXIST", "RESOURCE_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "APPLY_TAG", "MANAGE", "READ_VOLUME", "WRITE_VOLUME")),
  FUNCTION("function", "Registered model", "RESOURCE_DOES_NOT_EXIST", "RESOURCE_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "APPLY_TAG", "EXECUTE", "MANAGE")),
  STORAGE_CREDENTIAL("storage_credential", "Storage Credential", "STORAGE_CREDENTIAL_DOES_NOT_EXIST",
      "STORAGE_CREDENTIAL_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "CREATE_EXTERNAL_LOCATION", "CREATE_EXTERNAL_TABLE", "MANAGE", "READ_FILES", "WRITE_FILES")),
  EXTERNAL_LOCATION("external_location", "External Location", "EXTERNAL_LOCATION_DOES_NOT_EXIST",
      "EXTERNAL_LOCATION_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "BROWSE", "CREATE_EXTERNAL_TABLE", "CREATE_EXTERNAL_VOLUME", "CREATE_FOREIGN_SECURABLE",
      "CREATE_MANAGED_STORAGE", "MANAGE", "READ_FILES", "WRITE_FILES")),
  CONNECTION("connection", "Connection", "RESOURCE_DOES_NOT_EXIST", "RESOURCE_ALREADY_EXISTS", Set.of(
      "ALL_PRIVILEGES", "CREATE_FOREIGN_CATALOG", "CREATE_FOREIGN_SECURABLE", "MANAGE", "USE_CONNECTION"));

  final String pathName;
  final String noun;
  final String notFoundCode;
  final String alreadyExistsCode;
  final Set<String> privileges;

  UcType(String pathName, String noun, String notFoundCode, String alreadyExistsCode, Set<String> privileges) {
    this.pathName = pathName;
    this.noun = noun;
    this.notFoundCode = notFoundCode;
    this.alreadyExistsCode = alreadyExistsCode;
    this.privileges = privileges;
  }

  /** The type named in a URL or SQL ("catalog", "EXTERNAL_LOCATION", "external location"); null if unknown. */
  static UcType parse(String name) {
    String n = name.strip().replaceAll("[\\s-]+", "_").toLowerCase(Locale.ROOT);
    for (UcType t : values()) {
      if (t.pathName.equals(n)) {
        return t;
      }
    }
    return switch (n) {
      case "database" -> SCHEMA;
      case "view" -> TABLE;
      case "registered_model", "model" -> FUNCTION;
      default -> null;
    };
  }

  /** Catalog, schema and their children live in the catalog namespace (full names a.b.c). */
  boolean inCatalog() {
    return this == CATALOG || this == SCHEMA || this == TABLE || this == VOLUME || this == FUNCTION;
  }

  /** The leaves under a schema. */
  static final UcType[] SCHEMA_CHILDREN = {TABLE, VOLUME, FUNCTION};
}
