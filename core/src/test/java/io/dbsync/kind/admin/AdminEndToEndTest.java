package io.dbsync.kind.admin;

import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.report.ExportReport;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mounts, tables and grants through the real pipeline: export to git, import into a second workspace
 * (variables for the mount credentials' scope/key supplied as --var), then a second plan is empty.
 */
class AdminEndToEndTest {
  private static final String CONFIG = """
      name: admin
      objects:
        mount: {}
        metastore:
          patterns: ["sales.*"]
      """;

  @Test
  void exportImportAndConverge(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      MountKindTest.seedCluster(src, "1125-080000-srcadm01", "RUNNING");
      src.emulator().seed(Json.parse("""
          {"commands": {"mounts": [
            {"mountPoint": "/mnt/raw", "source": "s3a://raw-bucket"},
            {"mountPoint": "/mnt/lake", "source": "abfss://lake@acct.dfs.core.windows.net"}]},
           "sql": {"warehouses": [{"name": "src-wh"}], "statements": [
            "CREATE DATABASE sales",
            "CREATE TABLE sales.orders (\\n  id BIGINT,\\n  amount DOUBLE)\\nUSING delta",
            "GRANT SELECT ON TABLE sales.orders TO `analysts`",
            "GRANT USAGE ON DATABASE sales TO `analysts`"]}}"""));
      Path repo = tmp.resolve("repo");
      ExportReport exported = ExportRun.run(ExportOptions.builder(src.client(),
              ExportConfig.parse(CONFIG, List.of("mount", "metastore")), GitTarget.parse(repo.toString()))
          .branch("main").parallelism(2).build());
      assertTrue(exported.success(), () -> "export failed: " + exported.failures());

      MountKindTest.seedCluster(dst, "1125-080000-dstadm01", "RUNNING");
      dst.emulator().seed(Json.parse("{\"scim\": {\"groups\": [{\"displayName\": \"analysts\"}]},"
          + " \"sql\": {\"warehouses\": [{\"name\": \"dr-wh\"}]}}"));
      Map<String, String> vars = Map.of("mount_lake_client_id", "app-1", "mount_lake_tenant_id", "tenant-1",
          "mount_lake_client_secret_scope", "dr-kv", "mount_lake_client_secret_key", "lake-sp");
      LocalStateStore state = LocalStateStore.inDirectory(tmp.resolve("state"));

      ImportResult first = importRun(repo, state, dst, vars);
      assertTrue(first.success(), () -> "import failed: " + first.failures() + "\n" + first.planText());
      Set<String> created = Set.copyOf(first.plan().changes().stream()
          .filter(c -> c.action() == Action.CREATE).map(PlannedChange::address).toList());
      assertEquals(Set.of("databricks_mount.lake", "databricks_mount.raw", "databricks_sql_table.sales_orders_9070a83f",
          "databricks_sql_permissions.sales_orders_9070a83f", "databricks_schema.database_sales_b6b3cc8d",
          "databricks_sql_permissions.database_sales_b6b3cc8d"),
          created, first.planText());
      var catalog = dst.emulator().workspace().family(SqlFamily.class).catalog();
      assertEquals(Set.of("SELECT"), catalog.grantsOn("TABLE sales.orders").get("analysts"));
      assertEquals(Set.of("USAGE"), catalog.grantsOn("DATABASE sales").get("analysts"));

      ImportResult second = importRun(repo, state, dst, vars);
      assertTrue(second.success());
      assertFalse(second.plan().hasChanges(), second.planText());
    }
  }

  private static ImportResult importRun(Path repo, LocalStateStore state, TestWorkspace dst, Map<String, String> vars)
      throws Exception {
    try (RevisionCheckout co = RevisionCheckout.of(GitTarget.parse(repo.toString()), "main", null, null)) {
      assertTrue(co.files().configFiles().stream().anyMatch(f -> f.startsWith("mount/")));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      return new Importer(ImportOptions.builder(co.files(), state, KindRegistry.standard(), dst.client())
          .env(Map.of()).varOverrides(vars).apply(true).out(new PrintStream(out, true, StandardCharsets.UTF_8))
          .build()).run();
    }
  }
}
