package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.HiveCatalog;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Hive metastore as a new user has it (issue 18): two databases (one with LOCATION, comment and
 * properties), 13 managed and external tables of every format, views on tables, on views and across
 * databases, owners that are users and groups, grants on the catalog, databases, tables, views, ANY
 * FILE and the anonymous function, and a DENY. Exported and imported through a SQL warehouse the
 * tool finds, and through a cluster: the target then exports byte for byte as the source did, the
 * first import succeeds whatever the scheduling, and an unchanged import plans and writes nothing.
 */
class HiveMetastoreRoundTripTest {
  static final String PRINCIPALS = """
      "scim": {"groups": [{"displayName": "analysts"}, {"displayName": "finance"}, {"displayName": "engineers"}],
               "users": [{"userName": "ann@example.com"}, {"userName": "bob@example.com"}]}""";

  static final List<String> METASTORE = List.of(
      "CREATE DATABASE sales COMMENT 'Sales data' LOCATION 's3://src-bucket/sales/' WITH DBPROPERTIES ('team' = 'revenue')",
      "CREATE DATABASE finance COMMENT 'Finance'",
      "CREATE TABLE sales.orders (id BIGINT, customer BIGINT, amount DECIMAL(10,2), region STRING) USING delta "
          + "PARTITIONED BY (region) TBLPROPERTIES ('quality' = 'gold')",
      "CREATE TABLE sales.customers (id BIGINT, name STRING) USING delta",
      "CREATE TABLE sales.events (id BIGINT, ts TIMESTAMP) USING parquet LOCATION 's3://src-bucket/events'",
      "CREATE TABLE sales.raw_csv (a STRING, b STRING) USING csv OPTIONS ('header' = 'true', 'delimiter' = ';') "
          + "LOCATION 's3://src-bucket/raw'",
      "CREATE TABLE sales.clicks (id BIGINT, url STRING) USING json LOCATION 's3://src-bucket/clicks'",
      "CREATE TABLE sales.returns (id BIGINT, order_id BIGINT) USING delta",
      "CREATE TABLE sales.products (id BIGINT, name STRING COMMENT 'display name') USING delta COMMENT 'catalogue'",
      "CREATE TABLE sales.stores (id INT, city STRING) USING parquet",
      "CREATE TABLE finance.ledger (id BIGINT, year INT, amount DOUBLE) USING delta PARTITIONED BY (year)",
      "CREATE TABLE finance.budgets (dept STRING, amount DOUBLE) USING delta",
      "CREATE TABLE finance.fx_rates (ccy STRING, rate DOUBLE) USING csv OPTIONS ('header' = 'true') "
          + "LOCATION 's3://src-bucket/fx'",
      "CREATE TABLE finance.invoices (id BIGINT) USING delta TBLPROPERTIES ('retention' = '7y')",
      "CREATE TABLE finance.payroll (emp STRING, salary DOUBLE) USING delta",
      "USE sales",
      "CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100",
      "USE default",
      "CREATE VIEW sales.customer_orders AS SELECT o.id, c.name FROM sales.big_orders o JOIN `sales`.`customers` c "
          + "ON o.customer = c.id",
      "CREATE VIEW finance.a_revenue AS SELECT co.name, l.amount FROM sales.customer_orders co JOIN finance.ledger l "
          + "ON co.id = l.id",
      "CREATE VIEW finance.a_summary AS SELECT name, SUM(amount) AS total FROM finance.a_revenue GROUP BY name",
      "ALTER DATABASE sales OWNER TO `finance`",
      "ALTER TABLE sales.orders OWNER TO `ann@example.com`",
      "ALTER TABLE finance.payroll OWNER TO `bob@example.com`",
      "ALTER VIEW finance.a_revenue OWNER TO `analysts`",
      "GRANT USAGE ON CATALOG TO `analysts`",
      "GRANT SELECT ON ANY FILE TO `engineers`",
      "GRANT SELECT ON ANONYMOUS FUNCTION TO `analysts`",
      "GRANT USAGE, SELECT ON DATABASE sales TO `analysts`",
      "GRANT USAGE ON DATABASE finance TO `finance`",
      "GRANT SELECT, MODIFY ON TABLE sales.orders TO `engineers`",
      "GRANT SELECT ON TABLE finance.ledger TO `finance`",
      "GRANT SELECT ON VIEW finance.a_revenue TO `analysts`",
      "GRANT READ_METADATA ON VIEW sales.big_orders TO `engineers`",
      "DENY SELECT ON TABLE finance.payroll TO `analysts`");

  private static final String CLUSTER = """
      {"clusters": [{"cluster_id": "%s", "cluster_name": "sql", "spark_version": "15.4.x-scala2.12",
        "node_type_id": "i3.xlarge", "num_workers": 0}]}""";

  @TempDir
  Path tmp;

  private static String config(String runner) {
    return """
        name: hive
        objects:
          metastore:
            databases: ["sales", "finance"]
        """ + (runner == null ? "" : "    " + runner + "\n");
  }

  private static Path export(WorkspaceClient w, Path repo, String runner) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(w, ExportConfig.parse(config(runner)), GitTarget.parse(repo.toString()))
        .branch("main").parallelism(8).build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
    assertTrue(r.warnings().isEmpty(), () -> "export warned: " + r.warnings());
    return repo;
  }

  private static void seedSource(TestWorkspace source) {
    String statements = METASTORE.stream().map(s -> Json.MAPPER.valueToTree(s).toString()).collect(Collectors.joining(","));
    source.emulator().seed(Json.parse("{" + PRINCIPALS + ", \"sql\": {\"warehouses\": [{\"name\": \"src-wh\"}], "
        + "\"statements\": [" + statements + "]}}"));
    source.emulator().seed(Json.parse(CLUSTER.formatted("1125-080000-srcsql01")));
  }

  private static HiveCatalog catalog(TestWorkspace w) {
    return w.emulator().workspace().family(SqlFamily.class).catalog();
  }

  /** Imports the repository into the target, twice: the second plans nothing and writes nothing. */
  private void importTwice(Path repo, TestWorkspace target, String state) throws Exception {
    E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve(state), target.client(), Map.of());
    ImportResult first = importing.run(b -> b.apply(true).parallelism(8));
    assertTrue(first.success(), first.failures() + "\n" + importing.output());

    long statements = catalog(target).statementCount();
    long writes = catalog(target).writeStatementCount();
    ImportResult again = importing.run(b -> b.apply(true).parallelism(8));
    assertTrue(again.success(), again.failures() + "\n" + importing.output());
    assertFalse(again.plan().hasChanges(), again.planText());
    assertEquals(writes, catalog(target).writeStatementCount(), "an unchanged import runs no write statement");
    assertTrue(catalog(target).statementCount() > statements, "the re-import did read the target");
  }

  /** The target exports exactly as the source did: databases, tables, views, owners, grants, denies. */
  private void assertSameExport(Path sourceRepo, TestWorkspace target, String name) throws Exception {
    Path again = export(target.client(), tmp.resolve(name), null);
    Map<String, byte[]> want = E2eSupport.files(sourceRepo.resolve("exports"));
    Map<String, byte[]> got = E2eSupport.files(again.resolve("exports"));
    assertEquals(E2eSupport.sortedKeys(want), E2eSupport.sortedKeys(got));
    for (String file : want.keySet()) {
      assertArrayEquals(want.get(file), got.get(file), file + ":\n" + new String(got.get(file)));
    }
  }

  @Test
  void throughAWarehouseTheToolFinds() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seedSource(source);
      Path repo = export(source.client(), tmp.resolve("repo"), null);
      target.emulator().seed(Json.parse("{" + PRINCIPALS + ", \"sql\": {\"warehouses\": [{\"name\": \"dr-wh\", "
          + "\"state\": \"STOPPED\"}]}}"));
      importTwice(repo, target, "state");
      assertSameExport(repo, target, "target-repo");

      HiveCatalog src = catalog(source);
      HiveCatalog dst = catalog(target);
      assertEquals(src.dump().path("grants"), dst.dump().path("grants"));
      assertEquals(Map.of("analysts", java.util.Set.of("DENIED_SELECT")), dst.grantsOn("TABLE finance.payroll"));
      assertEquals("s3://src-bucket/sales", dst.dump().path("databases").path("sales").path("location").asText());
    }
  }

  @Test
  void throughACluster() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seedSource(source);
      Path viaWarehouse = export(source.client(), tmp.resolve("repo"), null);
      Path viaCluster = export(source.client(), tmp.resolve("cluster-repo"), "cluster_id: 1125-080000-srcsql01");
      Map<String, byte[]> a = E2eSupport.files(viaWarehouse.resolve("exports"));
      Map<String, byte[]> b = E2eSupport.files(viaCluster.resolve("exports"));
      assertEquals(E2eSupport.sortedKeys(a), E2eSupport.sortedKeys(b));
      a.forEach((file, bytes) -> assertArrayEquals(bytes, b.get(file), file));

      target.emulator().seed(Json.parse("{" + PRINCIPALS + "}"));
      target.emulator().seed(Json.parse(CLUSTER.formatted("1125-080000-dstsql01")));
      importTwice(viaCluster, target, "state");
      assertSameExport(viaWarehouse, target, "target-repo");
    }
  }

  @Test
  void aMissingPrincipalFailsOnlyWhatNamesIt() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seedSource(source);
      Path repo = export(source.client(), tmp.resolve("repo"), null);
      // the target lacks bob (owner of finance.payroll) and the engineers group (grants on ANY FILE and tables)
      target.emulator().seed(Json.parse("""
          {"scim": {"groups": [{"displayName": "analysts"}, {"displayName": "finance"}],
                    "users": [{"userName": "ann@example.com"}]},
           "sql": {"warehouses": [{"name": "dr-wh"}]}}"""));
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult result = importing.run(true);
      assertFalse(result.success());
      List<ActionFailure> failed = result.failures().stream().filter(f -> f.blockedBy() == null).toList();
      assertEquals(List.of("databricks_sql_permissions.hive_any_file", "databricks_sql_permissions.sales_big_orders_",
              "databricks_sql_permissions.sales_orders_", "databricks_sql_table.finance_payroll_"),
          failed.stream().map(f -> f.address().replaceAll("[0-9a-f]{8}$", "")).sorted().toList(), importing.output());
      for (ActionFailure f : failed) {
        assertTrue(f.message().contains(f.address().contains("payroll") ? "owner bob@example.com of table finance.payroll "
            + "does not exist in the target workspace" : "Could not find principal with name engineers"), f.message());
      }
      // everything else is there: the payroll table itself, its grants wait for it, the other objects are complete
      HiveCatalog dst = catalog(target);
      assertTrue(dst.dump().path("databases").path("finance").path("tables").has("payroll"));
      assertEquals(catalog(source).grantsOn("TABLE finance.ledger"), dst.grantsOn("TABLE finance.ledger"));
      assertEquals("analysts", dst.ownerOf("TABLE finance.a_revenue"));
      assertEquals(java.util.Set.of("SELECT", "MODIFY"), catalog(source).grantsOn("TABLE sales.orders").get("engineers"));
      assertEquals(null, dst.grantsOn("TABLE sales.orders").get("engineers"));
    }
  }

  /** "${" and "%{" in Hive source text (a query's Spark variable, comments, properties) stay literal text. */
  @Test
  void templateSequencesInSourceTextStayLiteral() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      List<String> statements = List.of(
          "CREATE DATABASE tpl COMMENT 'made by %{team}' WITH DBPROPERTIES ('path' = '${env}/raw')",
          "CREATE TABLE tpl.t (id BIGINT COMMENT 'key ${k}') USING delta COMMENT 'rows of ${var.x}'",
          "CREATE VIEW tpl.v AS SELECT id, '${spark.app}' AS app FROM tpl.t");
      source.emulator().seed(Json.parse("{" + PRINCIPALS + ", \"sql\": {\"warehouses\": [{\"name\": \"src-wh\"}], "
          + "\"statements\": [" + statements.stream().map(x -> Json.MAPPER.valueToTree(x).toString())
          .collect(Collectors.joining(",")) + "]}}"));
      Path repo = tmp.resolve("repo");
      ExportReport r = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse("""
          name: tpl
          objects:
            metastore:
              databases: ["tpl"]
          """), GitTarget.parse(repo.toString())).branch("main").build());
      assertTrue(r.success(), r.failures().toString());
      String files = E2eSupport.files(repo.resolve("exports/metastore")).values().stream()
          .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.joining("\n"));
      for (String escaped : List.of("made by %%{team}", "$${env}/raw", "key $${k}", "rows of $${var.x}", "'$${spark.app}'")) {
        assertTrue(files.contains(escaped), escaped + " in\n" + files);
      }

      target.emulator().seed(Json.parse("{" + PRINCIPALS + ", \"sql\": {\"warehouses\": [{\"name\": \"dr-wh\"}]}}"));
      importTwice(repo, target, "state");
      JsonNode db = catalog(target).dump().path("databases").path("tpl");
      assertEquals("made by %{team}", db.path("comment").asText());
      assertEquals("${env}/raw", db.path("properties").path("path").asText());
      String table = db.at("/tables/t/ddl").asText();
      assertTrue(table.contains("COMMENT 'key ${k}'") && table.contains("COMMENT 'rows of ${var.x}'"), table);
      assertTrue(db.at("/tables/v/ddl").asText().endsWith("AS SELECT id, '${spark.app}' AS app FROM tpl.t"), db.toString());
    }
  }
}
