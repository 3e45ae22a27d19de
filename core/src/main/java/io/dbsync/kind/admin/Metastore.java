package io.dbsync.kind.admin;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.Globs;
import io.dbsync.config.KindSettings;
import io.dbsync.config.Selection;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.KindContext;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Selection in the legacy Hive metastore, from the {@code metastore} settings:
 * <pre>
 *   metastore:
 *     databases: ["sales", "finance_*"]   # globs on database names; absent = all
 *     patterns: ["sales.orders*"]         # globs on "database.table"; absent = all
 *     by: {tableName: "orders_.*"}        # on the SHOW TABLES row: database, tableName, isTemporary
 *     warehouse_id: f562046bc1272886      # SQL warehouse for the statements (or cluster_id)
 * </pre>
 * One SQL runner per run and settings is shared by the table and grant kinds and their objects.
 */
final class Metastore {
  private Metastore() {}

  /** The runs's SQL runners by settings: the warehouse or cluster is chosen once per run. */
  static final class Runners {
    private final Map<String, SqlRunner> bySettings = new HashMap<>();

    synchronized SqlRunner get(WorkspaceClient client, KindSettings settings) throws IOException {
      String key = settings == null ? "" : settings.raw().toString();
      SqlRunner r = bySettings.get(key);
      if (r == null) {
        r = SqlRunner.of(client, settings);
        bySettings.put(key, r);
      }
      return r;
    }
  }

  /**
   * The runner for this run: at export the one the {@code metastore} settings name (warehouse_id,
   * cluster_id), at import one picked from the target (there are no settings).
   */
  static SqlRunner runner(KindContext ctx) throws IOException {
    KindSettings settings = ctx instanceof ExportContext export ? export.settings() : null;
    return ctx.shared(Runners.class, Runners::new).get(ctx.client(), settings);
  }

  static List<String> databases(SqlRunner sql, KindSettings settings) throws IOException {
    List<String> globs = settings.strings("databases");
    List<String> out = new ArrayList<>();
    for (List<String> row : showAll(sql, "SHOW DATABASES")) {
      String db = row.get(0);
      if (db != null && (globs.isEmpty() || globs.stream().anyMatch(g -> Globs.compile(g, true).matcher(db).matches()))) {
        out.add(db);
      }
    }
    out.sort(null);
    return out;
  }

  /** Permanent tables of a database selected by the {@code patterns} globs on "db.table". */
  static List<String> tables(SqlRunner sql, KindSettings settings, String db) throws IOException {
    Selection selection = settings.selection();
    List<String> out = new ArrayList<>();
    for (List<String> row : showAll(sql, "SHOW TABLES IN " + SqlRunner.ident(db))) {
      if (row.size() < 2 || row.get(1) == null || (row.size() > 2 && "true".equalsIgnoreCase(row.get(2)))) {
        continue; // temporary views belong to a session, not to the metastore
      }
      ObjectNode listed = TfJson.object().put("database", db).put("tableName", row.get(1))
          .put("isTemporary", row.size() > 2 ? row.get(2) : "false");
      if (selection.selects(db + "." + row.get(1), listed)) {
        out.add(row.get(1));
      }
    }
    out.sort(null);
    return out;
  }

  /** Name characters a split of a listing walks through (the rest share one catch-all pattern). */
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";

  /**
   * Every row of SHOW DATABASES or SHOW TABLES. A cluster shows only its display limit of rows, so a
   * truncated answer is asked again in parts by name prefix (SHOW ... LIKE 'a*', 'b*', ... and one
   * pattern for the name equal to the prefix or going on with another character), deeper where a
   * part is still truncated. The parts are disjoint and together cover every name.
   */
  static List<List<String>> showAll(SqlRunner sql, String show) throws IOException {
    return showPart(sql, show, null);
  }

  private static List<List<String>> showPart(SqlRunner sql, String show, String pattern) throws IOException {
    try {
      return sql.query(pattern == null ? show : show + " LIKE '" + pattern + "'");
    } catch (SqlRunner.TruncatedResult e) {
      String prefix = pattern == null ? "" : pattern.substring(0, pattern.length() - 1); // "ab*" -> "ab"
      if (prefix.length() >= 128) {
        throw e;
      }
      List<List<String>> out = new ArrayList<>();
      for (char c : NAME_CHARS.toCharArray()) {
        out.addAll(showPart(sql, show, prefix + c + "*"));
      }
      String rest = prefix + "[^" + NAME_CHARS + "]*";
      out.addAll(sql.query(show + " LIKE '" + (prefix.isEmpty() ? rest : prefix + "|" + rest) + "'"));
      return out;
    }
  }

  /** The metastore's warehouse root (the default database's location), read once per run. */
  static String warehouseRoot(KindContext ctx, SqlRunner sql) throws IOException {
    return ctx.shared(WarehouseRoot.class, WarehouseRoot::new).get(sql);
  }

  /** Where databases created without LOCATION go: "&lt;root&gt;/&lt;db&gt;.db". */
  static final class WarehouseRoot {
    private String root;

    synchronized String get(SqlRunner sql) throws IOException {
      if (root == null) {
        String location = DatabaseDescription.of(sql.query("DESCRIBE DATABASE `default`")).location();
        root = location == null ? "" : location.replaceAll("/+$", "");
      }
      return root;
    }
  }
}
