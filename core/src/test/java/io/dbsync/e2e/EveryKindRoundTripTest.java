package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Json;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of the standard registry in one export and one import, the admin kinds (mounts, Hive
 * tables and their grants, which run commands on a cluster the same import creates) included.
 */
class EveryKindRoundTripTest {
  static final String CONFIG = E2eSupport.CONFIG + """
        mount: {}
        metastore:
          patterns: ["sales.*"]
      """;

  @TempDir
  Path tmp;

  private static ExportReport export(WorkspaceClient w, Path repo) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(w, ExportConfig.parse(CONFIG), GitTarget.parse(repo.toString()))
        .branch("main").parallelism(4).build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
    return r;
  }

  @Test
  void everyKindRoundTrips() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      // mounts and tables live behind command execution / SQL, which the emulator seeds directly
      source.emulator().seed(Json.parse("""
          {"commands": {"mounts": [{"mountPoint": "/mnt/raw", "source": "s3a://raw-bucket"}]},
           "sql": {"warehouses": [{"name": "src-wh"}], "statements": [
             "CREATE DATABASE sales",
             "CREATE TABLE sales.orders (\\n  id BIGINT,\\n  amount DOUBLE)\\nUSING delta",
             "GRANT SELECT ON TABLE sales.orders TO `data-engineers`"]}}"""));
      // the target has a warehouse of the same name already: the import adopts it (names are unique)
      target.emulator().seed(Json.parse("{\"sql\": {\"warehouses\": [{\"name\": \"src-wh\"}]}}"));
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);
      assertTrue(Files.isDirectory(repo.resolve("exports/mount")), "mounts exported");
      assertTrue(Files.isDirectory(repo.resolve("exports/metastore")), "tables exported");

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult first = importing.run(true);
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertTrue(first.plan().actionable().stream().anyMatch(c -> c.type().equals("databricks_mount")), first.planText());
      assertTrue(first.plan().actionable().stream().anyMatch(c -> c.type().equals("databricks_sql_table")), first.planText());
      assertTrue(first.plan().actionable().stream().anyMatch(c -> c.type().equals("databricks_sql_endpoint")
          && c.action() == Action.ADOPT && c.name().startsWith("src_wh")), first.planText());
      RoundTripTest.assertSameWorkspace(source.client(), target.client());

      long writes = mutatingRequests(target);
      ImportResult again = importing.run(true);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, mutatingRequests(target), "an unchanged revision sends no writes");
    }
  }

  /**
   * Non-GET requests, less command execution (API 1.2) and SQL statements: refreshing mounts and
   * tables runs dbutils.fs.mounts() and SHOW statements, which are POSTs that only read.
   */
  private static long mutatingRequests(TestWorkspace ws) {
    long total = 0;
    var routes = ws.emulator().requests().toJson().get("by_route").properties().iterator();
    while (routes.hasNext()) {
      var e = routes.next();
      String route = e.getKey();
      if (!route.startsWith("GET ") && !route.contains("/api/1.2/") && !route.contains("/sql/statements")) {
        total += e.getValue().asLong();
      }
    }
    return total;
  }
}
