package io.dbsync.kind.admin;

import io.dbsync.config.Globs;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Selection in the legacy Hive metastore, from the {@code metastore} settings:
 * <pre>
 *   metastore:
 *     databases: ["sales", "finance_*"]   # globs on database names; absent = all
 *     patterns: ["sales.orders*"]         # globs on "database.table"; absent = all
 *     warehouse_id: f562046bc1272886      # SQL warehouse for the statements (or cluster_id)
 * </pre>
 * One SQL runner per source client and settings is shared by the table and grant kinds.
 */
final class Metastore {
  /** Per client and settings: the exporter makes a new context per object, the runner choice stays. */
  private static final Map<com.databricks.sdk.WorkspaceClient, Map<String, SqlRunner>> RUNNERS = new WeakHashMap<>();

  private Metastore() {}

  static SqlRunner runner(ExportContext ctx) throws Exception {
    synchronized (RUNNERS) {
      Map<String, SqlRunner> bySettings = RUNNERS.computeIfAbsent(ctx.client(), c -> new java.util.HashMap<>());
      String key = ctx.settings().raw().toString();
      SqlRunner r = bySettings.get(key);
      if (r == null) {
        r = SqlRunner.of(ctx.client(), ctx.settings());
        bySettings.put(key, r);
      }
      return r;
    }
  }

  static List<String> databases(SqlRunner sql, KindSettings settings) throws Exception {
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
  static List<String> tables(SqlRunner sql, KindSettings settings, String db) throws Exception {
    List<String> globs = settings.patterns();
    List<String> out = new ArrayList<>();
    for (List<String> row : sql.query("SHOW TABLES IN " + SqlRunner.ident(db))) {
      if (row.size() < 2 || row.get(1) == null || (row.size() > 2 && "true".equalsIgnoreCase(row.get(2)))) {
        continue; // temporary views belong to a session, not to the metastore
      }
      String full = db + "." + row.get(1);
      if (globs.isEmpty() || globs.stream().anyMatch(g -> Globs.compile(g, true).matcher(full).matches())) {
        out.add(row.get(1));
      }
    }
    out.sort(null);
    return out;
  }
}
