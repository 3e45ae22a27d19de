package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.HiveCatalog;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hive metastore and Unity Catalog in one export and one import: both have a database/schema
 * called "sales" with a table "orders" (databricks_schema and databricks_sql_table, one type for each
 * pair), and both carry grants (databricks_sql_permissions for Hive, databricks_grants for Unity
 * Catalog). Each object reaches the kind of its own metastore at create, refresh, re-import and
 * destroy: the second import plans nothing and writes nothing, and --destroy removes both but only
 * releases the catalog-wide Hive ACLs (the target's own).
 */
class HiveAndUnityCatalogTest {
  private static final String PRINCIPALS = """
      {"scim": {"groups": [{"displayName": "analysts"}], "users": [{"userName": "ann@example.com"}]}}""";
  private static final List<String> HIVE = List.of(
      "CREATE DATABASE sales COMMENT 'Hive sales' LOCATION 's3://src-bucket/sales/'",
      "CREATE TABLE sales.orders (id BIGINT, amount DOUBLE) USING delta",
      "CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE amount > 100",
      "ALTER DATABASE sales OWNER TO `analysts`",
      "GRANT USAGE, SELECT ON DATABASE sales TO `analysts`",
      "DENY SELECT ON TABLE sales.orders TO `ann@example.com`");
  private static final String UNITY_CATALOG = """
      {"unity_catalog": {
        "storage_credentials": [{"name": "cred", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/r"}}],
        "external_locations": [{"name": "lake", "url": "s3://lake/root/", "credential_name": "cred"}],
        "catalogs": [{"name": "demo", "storage_root": "s3://lake/root/demo"}],
        "schemas": [{"catalog_name": "demo", "name": "sales", "comment": "UC sales"}],
        "tables": [{"catalog_name": "demo", "schema_name": "sales", "name": "orders", "table_type": "EXTERNAL",
          "data_source_format": "DELTA", "storage_location": "s3://lake/root/orders",
          "columns": [{"name": "id", "type_text": "bigint", "type_name": "LONG", "position": 0, "nullable": false}]}],
        "grants": {"schema:demo.sales": {"analysts": ["USE_SCHEMA"]},
                   "table:demo.sales.orders": {"analysts": ["SELECT"]}}}}""";
  private static final String CONFIG = """
      name: both
      objects:
        metastore:
          databases: ["sales"]
        unity_catalog: {}
      """;
  private static final String STATEMENTS_ROUTE = "POST /api/2.0/sql/statements";

  @TempDir
  Path tmp;

  @Test
  void aHiveDatabaseAndAUnityCatalogSchemaOfOneNameGoToTheirOwnKinds() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      source.emulator().seed(Json.parse(PRINCIPALS));
      source.emulator().seed(Json.parse("{\"sql\": {\"warehouses\": [{\"name\": \"src-wh\"}], \"statements\": ["
          + HIVE.stream().map(s -> Json.MAPPER.valueToTree(s).toString()).collect(Collectors.joining(",")) + "]}}"));
      source.emulator().seed(Json.parse(UNITY_CATALOG));
      target.emulator().seed(Json.parse(PRINCIPALS));
      target.emulator().seed(Json.parse("{\"sql\": {\"warehouses\": [{\"name\": \"dr-wh\"}]}}"));

      Path repo = tmp.resolve("repo");
      ExportReport exported = ExportRun.run(ExportOptions.builder(source.client(),
          ExportConfig.parse(CONFIG, KindRegistry.standard().configKeys()), GitTarget.parse(repo.toString()))
          .branch("main").parallelism(4).build());
      assertTrue(exported.success(), () -> "export failed: " + exported.failures());
      Path exports = repo.resolve("exports");
      assertEquals(Set.of("hive_metastore"), catalogNames(exports.resolve("metastore"), "databricks_schema"));
      assertEquals(Set.of("${databricks_catalog.demo.name}"), catalogNames(exports.resolve("uc_schema"), "databricks_schema"));
      assertEquals(Set.of("hive_metastore"), catalogNames(exports.resolve("metastore"), "databricks_sql_table"));
      assertEquals(Set.of("${databricks_catalog.demo.name}"), catalogNames(exports.resolve("uc_table"), "databricks_sql_table"));

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(b -> b.apply(true));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      List<PlannedChange> schemas = ofType(first, "databricks_schema");
      assertEquals(List.of("databricks_schema.database_sales", "databricks_schema.demo_default", "databricks_schema.demo_sales"),
          schemas.stream().map(c -> c.address().replaceAll("_[0-9a-f]{8}$", "")).sorted().toList(),
          "the Hive database, the Unity Catalog schema and its catalog's default schema:\n" + first.planText());
      assertTrue(schemas.stream().allMatch(c -> c.action() == Action.CREATE), first.planText());

      WorkspaceClient t = target.client();
      HiveCatalog hive = target.emulator().workspace().family(SqlFamily.class).catalog();
      JsonNode hiveSales = hive.dump().path("databases").path("sales");
      assertEquals("Hive sales", hiveSales.path("comment").asText());
      assertEquals("s3://src-bucket/sales", hiveSales.path("location").asText());
      assertTrue(hiveSales.path("tables").has("orders") && hiveSales.path("tables").has("big_orders"), hiveSales.toString());
      assertEquals("analysts", hive.ownerOf("DATABASE sales"));
      assertEquals(Map.of("analysts", Set.of("USAGE", "SELECT")), hive.grantsOn("DATABASE sales"));
      assertEquals(Map.of("ann@example.com", Set.of("DENIED_SELECT")), hive.grantsOn("TABLE sales.orders"));
      assertEquals("UC sales", uc(t, "schemas/demo.sales").path("comment").asText());
      assertEquals("s3://lake/root/orders", uc(t, "tables/demo.sales.orders").path("storage_location").asText());
      assertEquals("[{\"principal\":\"analysts\",\"privileges\":[\"USE_SCHEMA\"]}]",
          uc(t, "permissions/schema/demo.sales").path("privilege_assignments").toString());
      assertFalse(hive.dump().path("databases").path("demo").isObject(), "no Unity Catalog object ends up in Hive");

      long restWrites = restWrites(target);
      long hiveWrites = hive.writeStatementCount();
      ImportResult again = importing.run(b -> b.apply(true));
      assertTrue(again.success(), again.failures() + "\n" + importing.output());
      assertFalse(again.plan().hasChanges(), again.planText());
      assertTrue(ofType(again, "databricks_schema").stream().allMatch(c -> c.action() == Action.NOOP),
          "both schemas refreshed by their own kind and in sync:\n" + again.planText());
      assertEquals(restWrites, restWrites(target), "an unchanged revision sends no REST write");
      assertEquals(hiveWrites, hive.writeStatementCount(), "an unchanged revision runs no Hive write statement");

      ImportResult destroyed = importing.run(b -> b.apply(true).destroy(true));
      assertTrue(destroyed.success(), destroyed.failures() + "\n" + importing.output());
      Map<String, Action> catalogWide = new TreeMap<>();
      destroyed.plan().changes().stream().filter(c -> c.name().startsWith("hive_"))
          .forEach(c -> catalogWide.put(c.address(), c.action()));
      assertEquals(6, catalogWide.size(), destroyed.planText());
      assertEquals(Set.of(Action.RELEASE), Set.copyOf(catalogWide.values()),
          "the ACLs of the catalog, ANY FILE and the anonymous function are the target's: released, not emptied");
      assertNull(uc(t, "schemas/demo.sales"));
      assertFalse(hive.dump().path("databases").has("sales"), hive.dump().path("databases").toString());
    }
  }

  private static List<PlannedChange> ofType(ImportResult r, String type) {
    return r.plan().changes().stream().filter(c -> c.type().equals(type)).toList();
  }

  /** Non-GET requests other than SQL statements (which the Hive count covers; reads are statements too). */
  private static long restWrites(TestWorkspace w) {
    return w.emulator().requests().writes() - w.emulator().requests().route(STATEMENTS_ROUTE);
  }

  /** The catalog_name of every resource of {@code type} in the folder's files. */
  private static Set<String> catalogNames(Path folder, String type) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tf.json")).toList()) {
        Json.parse(Files.readString(f)).path("resource").path(type).properties()
            .forEach(e -> out.put(e.getKey(), e.getValue().path("catalog_name").asText()));
      }
    }
    return Set.copyOf(out.values());
  }

  private static JsonNode uc(WorkspaceClient w, String path) throws Exception {
    return Rest.getOrNull(w, "/api/2.1/unity-catalog/" + path);
  }
}
