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
    for (List<String> row : sql.query("SHOW DATABASES")) {
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
    for (List<String> row : sql.query("SHOW TABLES IN " + SqlRunner.ident(db))) {
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
}
