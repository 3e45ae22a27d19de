package io.dbsync.kind.admin;

import java.util.Locale;

/**
 * An object legacy table ACLs apply to, named as the provider's databricks_sql_permissions names it
 * (access/resource_sql_permissions.go): its id ("table/db.t", "view/db.v", "database/db",
 * "catalog/", "any file/", "anonymous function/") and the SQL that addresses it.
 *
 * @param type     CATALOG, ANY FILE, ANONYMOUS FUNCTION, DATABASE, TABLE or VIEW
 * @param database the database of a DATABASE, TABLE or VIEW (else null)
 * @param name     the table or view name (else null)
 */
record HiveSecurable(String type, String database, String name) {
  static final HiveSecurable CATALOG = new HiveSecurable("CATALOG", null, null);
  static final HiveSecurable ANY_FILE = new HiveSecurable("ANY FILE", null, null);
  static final HiveSecurable ANONYMOUS_FUNCTION = new HiveSecurable("ANONYMOUS FUNCTION", null, null);

  static HiveSecurable database(String db) {
    return new HiveSecurable("DATABASE", db, null);
  }

  static HiveSecurable relation(String db, String name, boolean view) {
    return new HiveSecurable(view ? "VIEW" : "TABLE", db, name);
  }

  /** The securable of a provider id; an id of another shape is an error naming the accepted ones. */
  static HiveSecurable parse(String id) {
    int slash = id == null ? -1 : id.indexOf('/');
    String type = slash < 0 ? "" : id.substring(0, slash).toUpperCase(Locale.ROOT);
    String rest = slash < 0 ? "" : id.substring(slash + 1);
    int dot = rest.indexOf('.');
    switch (type) {
      case "CATALOG", "ANY FILE", "ANONYMOUS FUNCTION" -> {
        if (rest.isEmpty()) {
          return new HiveSecurable(type, null, null);
        }
      }
      case "DATABASE" -> {
        if (!rest.isEmpty()) {
          return database(rest);
        }
      }
      case "TABLE", "VIEW" -> {
        if (dot > 0 && dot < rest.length() - 1) {
          return new HiveSecurable(type, rest.substring(0, dot), rest.substring(dot + 1));
        }
      }
      default -> {
      }
    }
    throw new IllegalArgumentException("a Hive ACL id is table/<db>.<table>, view/<db>.<view>, database/<db>, catalog/, "
        + "any file/ or anonymous function/, got: " + id);
  }

  /**
   * The securable databricks_sql_permissions attributes (or a deny resource's input) name: catalog,
   * any_file or anonymous_function true, else table or view (in database, "default" when absent),
   * else database.
   */
  static HiveSecurable of(com.fasterxml.jackson.databind.JsonNode attrs) {
    String db = attrs.path("database").asText("");
    db = db.isEmpty() ? "default" : db;
    if (attrs.path("catalog").asBoolean(false)) {
      return CATALOG;
    }
    if (attrs.path("any_file").asBoolean(false)) {
      return ANY_FILE;
    }
    if (attrs.path("anonymous_function").asBoolean(false)) {
      return ANONYMOUS_FUNCTION;
    }
    if (!attrs.path("table").asText("").isEmpty()) {
      return relation(db, attrs.path("table").asText(), false);
    }
    if (!attrs.path("view").asText("").isEmpty()) {
      return relation(db, attrs.path("view").asText(), true);
    }
    if (!attrs.path("database").asText("").isEmpty()) {
      return database(db);
    }
    throw new IllegalArgumentException("no object in " + attrs + ": set one of table, view, database, catalog, any_file, "
        + "anonymous_function");
  }

  /** "table sales.orders", "database sales", "the catalog", for messages. */
  String describe() {
    return switch (type) {
      case "DATABASE" -> "database " + database;
      case "TABLE", "VIEW" -> type.toLowerCase(Locale.ROOT) + " " + database + "." + name;
      case "CATALOG" -> "the catalog";
      default -> type;
    };
  }

  String id() {
    String t = type.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "DATABASE" -> t + "/" + database;
      case "TABLE", "VIEW" -> t + "/" + database + "." + name;
      default -> t + "/";
    };
  }

  boolean relation() {
    return name != null;
  }

  /** The catalog, ANY FILE or the anonymous function: securables every metastore has of its own. */
  boolean catalogWide() {
    return database == null;
  }

  /** How GRANT, DENY, REVOKE, SHOW GRANTS and ALTER ... OWNER TO name it. */
  String clause() {
    return switch (type) {
      case "DATABASE" -> "DATABASE " + SqlRunner.ident(database);
      case "TABLE", "VIEW" -> type + " " + SqlRunner.ident(database) + "." + SqlRunner.ident(name);
      default -> type;
    };
  }

  /**
   * Whether a SHOW GRANTS row with this ObjectType and ObjectKey is about this very object (not one
   * it inherits from). Spellings vary by runtime: SCHEMA for DATABASE, CATALOG$, ANY_FILE,
   * ANONYMOUS_FUNCTION; a view's rows say TABLE or VIEW; keys may be backquoted or
   * catalog-qualified.
   */
  boolean owns(String objectType, String objectKey) {
    String t = objectType == null ? "" : objectType.toUpperCase(Locale.ROOT).replace('_', ' ');
    t = switch (t) {
      case "SCHEMA" -> "DATABASE";
      case "CATALOG$" -> "CATALOG";
      default -> t;
    };
    if (relation()) {
      return (t.equals("TABLE") || t.equals("VIEW")) && key(objectKey).equalsIgnoreCase(database + "." + name);
    }
    if (type.equals("DATABASE")) {
      return t.equals("DATABASE") && key(objectKey).equalsIgnoreCase(database);
    }
    return t.equals(type);
  }

  private static String key(String objectKey) {
    String k = objectKey == null ? "" : objectKey.replace("`", "").toLowerCase(Locale.ROOT);
    for (String catalog : new String[] {"hive_metastore.", "spark_catalog."}) {
      if (k.startsWith(catalog)) {
        return k.substring(catalog.length());
      }
    }
    return k;
  }
}
