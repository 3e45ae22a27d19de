package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetastoreKindsTest {
  private final SqlTableKind tables = new SqlTableKind();
  private final SqlPermissionsKind grants = new SqlPermissionsKind();

  private static final String SEED = """
      {"sql": {"chunk_rows": 2, "warehouses": [{"name": "src-wh"}], "statements": [
        "CREATE DATABASE sales",
        "CREATE TABLE sales.orders (\\n  id BIGINT NOT NULL,\\n  amount DECIMAL(10,2) COMMENT 'gross, in EUR',\\n  tags MAP<STRING, STRING>,\\n  region STRING)\\nUSING delta\\nPARTITIONED BY (region)\\nCOMMENT 'all orders'\\nTBLPROPERTIES (\\n  'delta.minReaderVersion' = '1',\\n  'delta.minWriterVersion' = '2',\\n  'quality' = 'gold')",
        "CREATE TABLE sales.ext_events (\\n  id BIGINT)\\nUSING parquet\\nLOCATION 's3://dr-bucket/events'",
        "CREATE VIEW sales.big_orders (\\n  id,\\n  amount)\\nAS SELECT id, amount FROM sales.orders WHERE amount > 100",
        "CREATE DATABASE hr",
        "CREATE TABLE hr.people (id INT) STORED AS PARQUET",
        "GRANT SELECT, READ_METADATA ON TABLE sales.orders TO `analysts`",
        "GRANT MODIFY ON TABLE sales.orders TO `etl@example.com`",
        "GRANT SELECT ON VIEW sales.big_orders TO `analysts`",
        "GRANT USAGE, CREATE ON DATABASE sales TO `analysts`"
      ]}}""";

  private static KindSettings settings(String json) throws Exception {
    return new KindSettings("metastore", TfJson.MAPPER.readTree(json));
  }

  @Test
  void tablesViewsAndGrantsRoundTrip(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      src.emulator().seed(Json.parse(SEED));
      TestExportContext ectx = new TestExportContext(src.client(), settings("{\"databases\": [\"sales\", \"hr\"]}"), dir);

      List<SourceObject> listed = tables.list(ectx);
      assertEquals(List.of("hive_metastore.hr.people", "hive_metastore.sales.big_orders", "hive_metastore.sales.ext_events",
          "hive_metastore.sales.orders"), listed.stream().map(SourceObject::id).toList());
      listed.forEach(o -> ectx.index.put("databricks_sql_table/" + o.id(), o.name()));
      List<ExportedResource> exported = new ArrayList<>();
      for (SourceObject o : listed) {
        exported.addAll(KindHarness.export(tables, ectx, o));
      }
      List<SourceObject> databases = grants.list(ectx);
      assertEquals(List.of("database/hr", "database/sales"), databases.stream().map(SourceObject::id).toList());
      for (SourceObject o : databases) {
        exported.addAll(KindHarness.export(grants, ectx, o));
      }
      AdminTestSupport.assertGolden("metastore", "sales.tf.json", exported);
      assertEquals(1, ectx.warnings.size(), ectx.warnings.toString());
      assertTrue(ectx.warnings.get(0).contains("hr.people") && ectx.warnings.get(0).contains("STORED"), ectx.warnings.get(0));

      dst.emulator().seed(Json.parse("{\"scim\": {\"groups\": [{\"displayName\": \"analysts\"}], \"users\": "
          + "[{\"userName\": \"etl@example.com\"}]}, \"sql\": {\"warehouses\": [{\"name\": \"dr-wh\", \"state\": \"STOPPED\"}]}}"));
      ApplyContext actx = KindHarness.applying(dst.client());
      Map<String, String> values = new HashMap<>();
      Map<String, ObjectNode> desiredByAddress = new HashMap<>();
      // views after the tables they read (the metastore refuses a view over a missing table)
      List<ExportedResource> inOrder = new ArrayList<>(exported);
      inOrder.sort(java.util.Comparator.comparingInt(r -> r.type().equals("databricks_sql_permissions") ? 2
          : "VIEW".equals(r.attrs().path("table_type").asText()) ? 1 : 0));
      for (ExportedResource r : inOrder) {
        ObjectNode desired = AdminTestSupport.resolve(r.attrs(), Map.of(), values);
        desiredByAddress.put(r.address(), desired);
        var kind = r.type().equals("databricks_sql_table") ? tables : grants;
        assertTrue(kind.adopt(actx, desired).isEmpty() || r.type().equals("databricks_sql_permissions"), r.address());
        String id = kind.create(actx, desired);
        assertEquals(desired, kind.refresh(actx, id).orElseThrow(), r.address());
        if (kind == tables) {
          values.put(r.address() + ".name", desired.get("name").asText());
          assertEquals(Optional.of(id), tables.adopt(actx, desired));
          assertEquals(id, tables.create(actx, desired)); // IF NOT EXISTS: replaying is harmless
        }
      }
      Map<String, Set<String>> onOrders = dst.emulator().workspace().family(SqlFamily.class).catalog().grantsOn("TABLE sales.orders");
      assertEquals(Set.of("SELECT", "READ_METADATA"), onOrders.get("analysts"));
      assertEquals(Set.of("MODIFY"), onOrders.get("etl@example.com"));

      // grants converge: update replaces the principal set, delete revokes everything
      String ordersGrants = "table/sales.orders";
      ObjectNode desired = desiredByAddress.get("databricks_sql_permissions.sales_orders_" + ectx.index
          .get("databricks_sql_table/hive_metastore.sales.orders").substring("sales_orders_".length()));
      ObjectNode changed = desired.deepCopy();
      changed.withArray("privilege_assignments").remove(1);
      ((ObjectNode) changed.withArray("privilege_assignments").get(0)).putArray("privileges").add("SELECT");
      grants.update(actx, ordersGrants, changed, desired);
      assertEquals(changed, grants.refresh(actx, ordersGrants).orElseThrow());
      grants.delete(actx, ordersGrants, changed);
      assertEquals(0, grants.refresh(actx, ordersGrants).orElseThrow().get("privilege_assignments").size());

      // a changed view is replaced in place; a changed table is refused, never dropped
      ObjectNode view = desiredByAddress.get("databricks_sql_table." + ectx.index.get("databricks_sql_table/hive_metastore.sales.big_orders"));
      ObjectNode newView = view.deepCopy().put("view_definition", "SELECT id, amount FROM sales.orders WHERE amount > 500");
      tables.update(actx, "hive_metastore.sales.big_orders", newView, view);
      assertEquals(newView, tables.refresh(actx, "hive_metastore.sales.big_orders").orElseThrow());
      ObjectNode orders = desiredByAddress.get("databricks_sql_table." + ectx.index.get("databricks_sql_table/hive_metastore.sales.orders"));
      assertThrows(IllegalStateException.class, () -> tables.update(actx, "hive_metastore.sales.orders",
          orders.deepCopy().put("comment", "changed"), orders));

      tables.delete(actx, "hive_metastore.sales.ext_events", null);
      assertNull(KindHarness.read(tables, dst.client(), "hive_metastore.sales.ext_events"));
      tables.delete(actx, "hive_metastore.sales.ext_events", null);
      assertNull(KindHarness.read(grants, dst.client(), "table/sales.ext_events"));
    }
  }

  @Test
  void selectionAndClusterRunner(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      src.emulator().seed(Json.parse(SEED));
      MountKindTest.seedCluster(src, "1125-090000-sqlclus1", "RUNNING");
      TestExportContext ectx = new TestExportContext(src.client(),
          settings("{\"cluster_id\": \"1125-090000-sqlclus1\", \"patterns\": [\"sales.*orders\"]}"), dir);
      assertEquals(List.of("hive_metastore.sales.big_orders", "hive_metastore.sales.orders"),
          tables.list(ectx).stream().map(SourceObject::id).toList());
      assertEquals(List.of("database/default", "database/hr", "database/sales"),
          grants.list(ectx).stream().map(SourceObject::id).toList());
      ObjectNode orders = KindHarness.export(tables, ectx, tables.list(ectx).get(1)).get(0).attrs();
      assertEquals("MANAGED", orders.get("table_type").asText());
      assertEquals("DELTA", orders.get("data_source_format").asText());

      TestExportContext none = new TestExportContext(src.client(), settings("{\"databases\": [\"nothing*\"], \"warehouse_id\": \"x\"}"), dir);
      assertThrows(Exception.class, () -> tables.list(none));
    }
  }
}
