package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.sql.HiveCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SHOW statements on Unity Catalog names, with the columns Databricks SQL returns: SHOW CREATE
 * TABLE (createtab_stmt), SHOW TABLES IN c.s (database, tableName, isTemporary), SHOW SCHEMAS IN c
 * (databaseName) and SHOW GRANTS [principal] ON securable (principal, action_type, object_type,
 * object_key; the grants made on the securable itself, not inherited ones).
 */
final class UcSqlShow {
  private final UcContext ctx;

  UcSqlShow(UcContext ctx) {
    this.ctx = ctx;
  }

  HiveCatalog.Result createTable(String fullName) {
    return new HiveCatalog.Result(List.of("createtab_stmt"), List.of(List.of(TableDdl.showCreate(ctx.leaf(UcType.TABLE, fullName)))));
  }

  HiveCatalog.Result tables(String[] schema) {
    ObjectNode s = ctx.schema(schema[0], schema[1]);
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode t : ctx.store.children(UcType.TABLE, s.get("full_name").asText())) {
      rows.add(List.of(s.get("name").asText(), t.get("name").asText(), "false"));
    }
    return new HiveCatalog.Result(List.of("database", "tableName", "isTemporary"), rows);
  }

  HiveCatalog.Result schemas(String catalog) {
    ctx.catalog(catalog);
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode s : ctx.store.children(UcType.SCHEMA, UcContext.key(catalog))) {
      rows.add(List.of(s.get("name").asText()));
    }
    return new HiveCatalog.Result(List.of("databaseName"), rows);
  }

  HiveCatalog.Result grants(String principal, UcType type, String key) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, TreeSet<String>> e : ctx.store.grants(type, key).entrySet()) {
      if (principal == null || principal.equals(e.getKey())) {
        e.getValue().forEach(p -> rows.add(List.of(e.getKey(), p.replace('_', ' '), type.name(), key)));
      }
    }
    ctx.store.pruneGrants();
    return new HiveCatalog.Result(List.of("principal", "action_type", "object_type", "object_key"), rows);
  }
}
