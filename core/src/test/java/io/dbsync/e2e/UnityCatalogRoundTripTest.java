package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Json;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unity Catalog from a source into a target with a metastore of its own: everything is created in
 * dependency order, storage paths and identities follow the variables the import overrides, a second
 * import writes nothing, grants and workspace bindings made in the target only are removed, and
 * --destroy removes what the import made.
 */
class UnityCatalogRoundTripTest {
  static final String CONFIG = """
      name: uc
      objects:
        identity: {}
        unity_catalog: {}
      """;
  /** A view and a managed table, which only SQL makes, on top of the sample's objects. */
  static final String SQL_OBJECTS = """
      {"unity_catalog": {"statements": [
        "CREATE VIEW demo.sales.big_orders (id COMMENT 'order id', amount) COMMENT 'orders over 100' AS SELECT id, amount FROM demo.sales.orders WHERE amount > 100",
        "CREATE TABLE demo.sales.ledger (id BIGINT NOT NULL, note STRING) USING DELTA COMMENT 'managed, data stays'"],
        "grants": {"table:demo.sales.big_orders": {"analyst@example.com": ["SELECT"]}}}}""";

  @TempDir
  Path tmp;

  static ExportReport export(WorkspaceClient w, Path repo, String config) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(w, ExportConfig.parse(config, KindRegistry.standard().configKeys()),
        GitTarget.parse(repo.toString())).branch("main").parallelism(4).build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
    return r;
  }

  /** A value for every declared variable without a default (secrets cannot be exported). */
  static Map<String, String> secrets(Path exports) throws Exception {
    Map<String, String> out = new TreeMap<>();
    variables(exports).properties().forEach(e -> {
      if (!e.getValue().has("default")) {
        out.put(e.getKey(), "secret-of-" + e.getKey());
      }
    });
    return out;
  }

  static JsonNode variables(Path exports) throws Exception {
    return Json.parse(Files.readString(exports.resolve("variables.tf.json"))).path("variable");
  }

  /** The one declared variable whose name starts with {@code prefix}. */
  static String variable(Path exports, String prefix) throws Exception {
    List<String> names = new ArrayList<>();
    variables(exports).fieldNames().forEachRemaining(n -> {
      if (n.startsWith(prefix)) {
        names.add(n);
      }
    });
    assertEquals(1, names.size(), prefix + ": " + names);
    return names.get(0);
  }

  static JsonNode uc(WorkspaceClient w, String path) throws Exception {
    return Rest.getOrNull(w, "/api/2.1/unity-catalog/" + path);
  }

  @Test
  void separateMetastoresGetEverythingCreatedInOrderAndReimportWritesNothing() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      new SampleWorkspace(source.client()).populate();
      source.emulator().seed(Json.parse(SQL_OBJECTS));
      target.emulator().seed(Json.parse("{\"sql\": {\"warehouses\": [{\"name\": \"dr-wh\"}]}}"));
      Path repo = tmp.resolve("repo");
      ExportReport exported = export(source.client(), repo, CONFIG);
      Path exports = repo.resolve("exports");
      assertTrue(exported.warnings().stream().anyMatch(w -> w.message().startsWith("managed table demo.sales.ledger: "
          + "definition exported for reference only")), exported.warnings().toString());
      assertTrue(Files.isRegularFile(exports.resolve("uc_table/managed/demo_sales_ledger_" 
          + io.dbsync.tf.Names.hash8("demo.sales.ledger") + ".json")));

      // a DR region: other buckets and another IAM role
      Map<String, String> vars = new TreeMap<>(secrets(exports));
      vars.put(variable(exports, "uc_location_demo_lake"), "s3://dr-lake/uc");
      vars.put(variable(exports, "uc_credential_demo_cred"), "arn:aws:iam::999999999999:role/uc-dr-access");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult first = importing.run(b -> b.apply(true).varOverrides(vars));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertTrue(first.plan().changes().stream().filter(c -> c.type().startsWith("databricks_")
              && !c.type().contains("user") && !c.type().contains("group"))
          .allMatch(c -> c.action() == Action.CREATE), first.planText());
      assertCreatedAfter(importing.output(), "databricks_storage_credential.demo_cred", "databricks_external_location.demo_lake");
      assertCreatedAfter(importing.output(), "databricks_external_location.demo_lake", "databricks_catalog.demo");
      assertCreatedAfter(importing.output(), "databricks_catalog.demo", "databricks_schema.demo_sales");
      assertCreatedAfter(importing.output(), "databricks_schema.demo_sales", "databricks_sql_table.demo_sales_orders");
      assertCreatedAfter(importing.output(), "databricks_sql_table.demo_sales_orders", "databricks_grants.table_demo_sales_orders");
      assertCreatedAfter(importing.output(), "databricks_sql_table.demo_sales_orders", "databricks_sql_table.demo_sales_big_orders");

      WorkspaceClient t = target.client();
      assertEquals("s3://dr-lake/uc", uc(t, "external-locations/demo-lake").path("url").asText());
      assertEquals("arn:aws:iam::999999999999:role/uc-dr-access",
          uc(t, "storage-credentials/demo-cred").path("aws_iam_role").path("role_arn").asText());
      assertEquals("s3://dr-lake/uc/catalogs/demo", uc(t, "catalogs/demo").path("storage_root").asText());
      assertEquals("s3://dr-lake/uc/tables/orders", uc(t, "tables/demo.sales.orders").path("storage_location").asText());
      assertEquals("s3://dr-lake/uc/volumes/raw_files", uc(t, "volumes/demo.sales.raw_files").path("storage_location").asText());
      assertEquals("VIEW", uc(t, "tables/demo.sales.big_orders").path("table_type").asText());
      assertNull(uc(t, "tables/demo.sales.ledger"), "a managed table is not created by a plain import");
      assertEquals("ISOLATED", uc(t, "catalogs/demo").path("isolation_mode").asText());
      JsonNode bindings = uc(t, "bindings/catalog/demo").path("bindings");
      assertEquals(2, bindings.size(), "the importing workspace and the one the source shared with: " + bindings);
      assertEquals("FOREIGN_CATALOG", uc(t, "catalogs/demo_pg").path("catalog_type").asText());
      assertEquals("[{\"principal\":\"data-engineers\",\"privileges\":[\"MODIFY\",\"SELECT\"]}]",
          uc(t, "permissions/table/demo.sales.orders").path("privilege_assignments").toString());

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).varOverrides(vars));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "an unchanged revision sends no writes");

      // a grant made in the target only is revoked: the import mirrors the source's grants
      Rest.patch(t, "/api/2.1/unity-catalog/permissions/catalog/demo", Json.parse(
          "{\"changes\": [{\"principal\": \"analyst@example.com\", \"add\": [\"CREATE_SCHEMA\"]}]}"));
      ImportResult mirrored = importing.run(b -> b.apply(true).varOverrides(vars));
      assertTrue(mirrored.success(), mirrored.failures().toString());
      assertEquals(List.of("databricks_grants.catalog_demo"), mirrored.plan().actionable().stream()
          .map(PlannedChange::address).toList(), mirrored.planText());
      assertEquals("[{\"principal\":\"data-engineers\",\"privileges\":[\"SELECT\",\"USE_CATALOG\",\"USE_SCHEMA\"]}]",
          uc(t, "permissions/catalog/demo").path("privilege_assignments").toString());

      // a binding made in the target only is removed; the importing workspace's own binding stays
      Rest.patch(t, "/api/2.1/unity-catalog/bindings/catalog/demo", Json.parse(
          "{\"add\": [{\"workspace_id\": 777, \"binding_type\": \"BINDING_TYPE_READ_ONLY\"}]}"));
      ImportResult unbound = importing.run(b -> b.apply(true).varOverrides(vars));
      assertTrue(unbound.success(), unbound.failures().toString());
      assertEquals(List.of("DELETE 777|catalog|demo"), unbound.plan().actionable().stream()
          .map(c -> c.action() + " " + c.id()).toList(), unbound.planText());
      assertEquals(bindings, uc(t, "bindings/catalog/demo").path("bindings"));

      ImportResult destroyed = importing.run(b -> b.apply(true).destroy(true).varOverrides(vars));
      assertTrue(destroyed.success(), destroyed.failures() + "\n" + importing.output());
      assertNull(uc(t, "catalogs/demo"));
      assertNull(uc(t, "storage-credentials/demo-cred"));
      assertNull(uc(t, "connections/demo-pg"));
    }
  }

  /** {@code later} (an address, without the hash a lossy name gets) is created after {@code earlier} completed. */
  static void assertCreatedAfter(String output, String earlier, String later) {
    java.util.regex.Matcher done = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(earlier)
        + "(?:_[0-9a-f]{8})?: Creation complete").matcher(output);
    java.util.regex.Matcher start = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(later)
        + "(?:_[0-9a-f]{8})?: Creating\\.\\.\\.").matcher(output);
    assertTrue(done.find() && start.find(), earlier + " / " + later + " in\n" + output);
    assertTrue(done.start() < start.start(), later + " is created after " + earlier + ":\n" + output);
  }
}
