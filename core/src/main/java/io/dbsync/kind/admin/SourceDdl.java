package io.dbsync.kind.admin;

import io.dbsync.kind.ExportContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHOW CREATE TABLE during one export, once per table: a view's export asks whether each table it
 * reads will be exported too (its DDL must have a databricks_sql_table form), and that table's own
 * export then reads the same answer instead of asking the metastore again.
 */
final class SourceDdl {
  private final Map<String, Optional<String>> ddl = new ConcurrentHashMap<>();

  static SourceDdl of(ExportContext ctx) {
    return ctx.shared(SourceDdl.class, SourceDdl::new);
  }

  /** The DDL of db.table, or null when it does not exist. */
  String ddl(SqlRunner sql, String db, String table) throws IOException {
    String key = db + "." + table;
    Optional<String> known = ddl.get(key);
    if (known == null) {
      known = Optional.ofNullable(read(sql, db, table));
      ddl.put(key, known);
    }
    return known.orElse(null);
  }

  /** Why db.table has no databricks_sql_table in the export, or null when it has one. */
  String unexportable(SqlRunner sql, String db, String table) throws IOException {
    String text = ddl(sql, db, table);
    if (text == null) {
      return "does not exist in the source";
    }
    try {
      TableDdl.parse(db, table, text);
      return null;
    } catch (TableDdl.DdlException e) {
      return "is not exported (" + e.getMessage() + ")";
    }
  }

  /** SHOW CREATE TABLE: the DDL, or null when the table does not exist. */
  static String read(SqlRunner sql, String db, String table) throws IOException {
    List<List<String>> rows;
    try {
      rows = sql.query("SHOW CREATE TABLE " + SqlRunner.ident(db) + "." + SqlRunner.ident(table));
    } catch (SqlRunner.SqlFailure e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
    return rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
  }
}
