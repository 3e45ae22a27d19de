package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.HiveCatalog;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hive kinds one by one against the emulator's metastore: export (golden file), create in a
 * second workspace in dependency order, refresh equal to what was exported, then the in-place
 * updates, refusals and deletes, and listings through a cluster that truncates results.
 */
class MetastoreKindsTest {
  private final HiveSchemaKind schemas = new HiveSchemaKind();
  private final SqlTableKind tables = new SqlTableKind();
  private final SqlPermissionsKind grants = new SqlPermissionsKind();
  private final HiveDenyKind denies = new HiveDenyKind();

  static final String PRINCIPALS = """
      "scim": {"groups": [{"displayName": "analysts"}, {"displayName": "finance"}],
               "users": [{"userName": "etl@example.com"}, {"userName": "ann@example.com"}]}""";

  private static final String SEED = "{" + PRINCIPALS + """
      , "sql": {"chunk_rows": 2, "warehouses": [{"name": "src-wh"}], "statements": [
        "CREATE DATABASE sales COMMENT 'Sales data' LOCATION 's3://src/sales' WITH DBPROPERTIES ('team' = 'revenue')",
        "CREATE TABLE sales.orders (\\n  id BIGINT NOT NULL,\\n  amount DECIMAL(10,2) COMMENT 'gross, in EUR',\\n  tags MAP<STRING, STRING>,\\n  region STRING)\\nUSING delta\\nPARTITIONED BY (region)\\nCOMMENT 'all orders'\\nTBLPROPERTIES (\\n  'delta.minReaderVersion' = '1',\\n  'delta.minWriterVersion' = '2',\\n  'quality' = 'gold')",
        "CREATE TABLE sales.ext_events (\\n  id BIGINT)\\nUSING parquet\\nLOCATION 's3://dr-bucket/events'",
        "USE sales",
        "CREATE VIEW big_orders (\\n  id,\\n  amount)\\nAS SELECT id, amount FROM orders WHERE amount > 100",
        "USE default",
        "CREATE VIEW sales.top AS SELECT id FROM sales.big_orders",
        "CREATE DATABASE hr",
        "CREATE TABLE hr.people (id INT) STORED AS PARQUET",
        "CREATE VIEW hr.v_people AS SELECT * FROM hr.people",
        "ALTER DATABASE sales OWNER TO `finance`",
        "ALTER TABLE sales.orders OWNER TO `ann@example.com`",
        "ALTER VIEW sales.big_orders OWNER TO `analysts`",
        "GRANT SELECT, READ_METADATA ON TABLE sales.orders TO `analysts`",
        "GRANT MODIFY ON TABLE sales.orders TO `etl@example.com`",
        "GRANT SELECT ON VIEW sales.big_orders TO `analysts`",
        "GRANT USAGE, CREATE ON DATABASE sales TO `analysts`",
        "DENY SELECT ON TABLE sales.ext_events TO `analysts`",
        "GRANT USAGE ON CATALOG TO `analysts`",
        "GRANT SELECT ON ANY FILE TO `finance`"
      ]}}""";

  static KindSettings settings(String json) throws Exception {
    return new KindSettings("metastore", TfJson.MAPPER.readTree(json));
  }

  /** Lists and exports every Hive kind, as the exporter would: all listings first, then each object. */
  private List<ExportedResource> exportAll(TestExportContext ctx) throws IOException {
    Map<Kind, List<SourceObject>> listed = new LinkedHashMap<>();
    for (Kind k : List.of(schemas, tables, grants)) {
      listed.put(k, k.list(ctx));
      listed.get(k).forEach(o -> ctx.index.put(k.info().type() + "/" + o.id(), o.name()));
    }
    List<ExportedResource> out = new ArrayList<>();
    for (Map.Entry<Kind, List<SourceObject>> e : listed.entrySet()) {
      for (SourceObject o : e.getValue()) {
        out.addAll(KindHarness.export(e.getKey(), ctx, o));
      }
    }
    return out;
  }

  private Kind kind(ExportedResource r) {
    return switch (r.type()) {
      case "databricks_schema" -> schemas;
      case "databricks_sql_table" -> tables;
      case "databricks_sql_permissions" -> grants;
      default -> denies;
    };
  }

  /**
   * Creates (or adopts and updates) every resource but those named {@code skipName}, in an order that
   * respects references and depends_on, checking that each refreshes to exactly its desired
   * attributes; returns them by address.
   */
  private Map<String, ObjectNode> applyAll(List<ExportedResource> exported, ApplyContext actx, Map<String, String> vars,
                                           String skipName) throws IOException {
    Map<String, String> values = new HashMap<>();
    Map<String, ObjectNode> desired = new LinkedHashMap<>();
    List<ExportedResource> pending = new ArrayList<>(exported);
    pending.removeIf(r -> r.name().equals(skipName));
    while (!pending.isEmpty()) {
      ExportedResource next = pending.stream().filter(r -> ready(r, values)).findFirst()
          .orElseThrow(() -> new AssertionError("nothing ready among " + pending));
      pending.remove(next);
      ObjectNode attrs = next.attrs().deepCopy();
      attrs.remove("depends_on");
      ObjectNode resolved = AdminTestSupport.resolve(attrs, vars, values);
      Kind k = kind(next);
      Optional<String> adopted = k.adopt(actx, resolved);
      String id = adopted.isPresent() ? adopted.get() : k.create(actx, resolved);
      if (adopted.isPresent()) {
        k.update(actx, id, resolved, k.refresh(actx, id).orElseThrow());
      }
      assertEquals(resolved, k.refresh(actx, id).orElseThrow(), next.address());
      values.put(next.address() + ".name", resolved.path("name").asText());
      values.put(next.address() + ".done", "");
      desired.put(next.address(), resolved);
    }
    return desired;
  }

  /** Everything the resource refers to or depends on is applied already. */
  private static boolean ready(ExportedResource r, Map<String, String> values) {
    for (JsonNode d : r.attrs().path("depends_on")) {
      if (!values.containsKey(d.asText() + ".done")) {
        return false;
      }
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([a-z_]+\\.[A-Za-z0-9_]+)\\.name}").matcher(r.attrs().toString());
    while (m.find()) {
      if (!values.containsKey(m.group(1) + ".done")) {
        return false;
      }
    }
    return true;
  }

  @Test
  void exportCreateRefreshTheSame(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      src.emulator().seed(Json.parse(SEED));
      TestExportContext ectx = KindHarness.exporting(src.client(), settings("{\"databases\": [\"sales\", \"hr\"]}"), dir);
      List<ExportedResource> exported = exportAll(ectx);
      AdminTestSupport.assertGolden("metastore", "sales.tf.json", exported);
      assertEquals(Map.of("hive_location_sales", "s3://src/sales"), ectx.defaults);
      assertEquals(2, ectx.warnings.size(), ectx.warnings.toString());
      assertTrue(ectx.warnings.get(0).contains("hr.people") && ectx.warnings.get(0).contains("STORED"), ectx.warnings.get(0));
      assertTrue(ectx.warnings.get(1).startsWith("view hr.v_people reads hr.people, which is not exported"), ectx.warnings.get(1));

      dst.emulator().seed(Json.parse("{" + PRINCIPALS + ", \"sql\": {\"warehouses\": [{\"name\": \"dr-wh\", \"state\": \"STOPPED\"}]}}"));
      ApplyContext actx = KindHarness.applying(dst.client());
      String vPeople = "databricks_sql_table." + ectx.index.get("databricks_sql_table/hive_metastore.hr.v_people");
      Map<String, ObjectNode> applied = applyAll(exported, actx, ectx.defaults,
          ectx.index.get("databricks_sql_table/hive_metastore.hr.v_people"));
      IOException missing = assertThrows(IOException.class, () -> tables.create(actx,
          AdminTestSupport.resolve(exported.stream().filter(r -> r.address().equals(vPeople)).findFirst().orElseThrow().attrs(),
              Map.of(), Map.of("databricks_schema." + ectx.index.get("databricks_schema/hive_metastore.hr") + ".name", "hr"))));
      assertTrue(missing.getMessage().startsWith("view hr.v_people reads a table or view that is neither in this import nor"),
          missing.getMessage());

      HiveCatalog source = src.emulator().workspace().family(SqlFamily.class).catalog();
      HiveCatalog target = dst.emulator().workspace().family(SqlFamily.class).catalog();
      JsonNode s = source.dump().path("databases");
      JsonNode t = target.dump().path("databases");
      for (String field : List.of("comment", "location", "owner", "properties")) {
        assertEquals(s.path("sales").path(field), t.path("sales").path(field), field);
      }
      for (String table : List.of("orders", "ext_events", "big_orders", "top")) {
        JsonNode st = s.path("sales").path("tables").path(table);
        JsonNode tt = t.path("sales").path("tables").path(table);
        assertEquals(st.path("owner"), tt.path("owner"), table);
        assertEquals(st.path("reads"), tt.path("reads"), table);
        assertEquals(source.grantsOn("TABLE sales." + table), target.grantsOn("TABLE sales." + table), table);
      }
      assertEquals("CREATE VIEW spark_catalog.sales.big_orders (\n  `id`,\n  `amount`)\nAS SELECT id, amount FROM `sales`.orders "
          + "WHERE amount > 100", t.path("sales").path("tables").path("big_orders").path("ddl").asText());
      for (String key : List.of("DATABASE sales", "CATALOG", "ANY FILE", "ANONYMOUS FUNCTION")) {
        assertEquals(source.grantsOn(key), target.grantsOn(key), key);
      }
      assertEquals(Set.of("DENIED_SELECT"), target.grantsOn("TABLE sales.ext_events").get("analysts"));
      assertTrue(applied.keySet().stream().anyMatch(a -> a.startsWith("terraform_data.")), applied.keySet().toString());

      // an object applied twice changes nothing
      long writes = target.writeStatementCount();
      for (Map.Entry<String, ObjectNode> e : applied.entrySet()) {
        Kind k = kind(exported.stream().filter(r -> r.address().equals(e.getKey())).findFirst().orElseThrow());
        String id = k.adopt(actx, e.getValue()).orElseThrow();
        assertEquals(e.getValue(), k.refresh(actx, id).orElseThrow(), e.getKey());
      }
      assertEquals(writes, target.writeStatementCount());
    }
  }

  @Test
  void updatesInPlaceRefusalsAndDeletes() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      ws.emulator().seed(Json.parse(SEED));
      ApplyContext ctx = KindHarness.applying(ws.client());
      HiveCatalog catalog = ws.emulator().workspace().family(SqlFamily.class).catalog();

      // a view's query changes in place; its owner and grants stay
      ObjectNode top = tables.refresh(ctx, "hive_metastore.sales.top").orElseThrow();
      ObjectNode newTop = top.deepCopy().put("view_definition", "SELECT id FROM sales.orders");
      tables.update(ctx, "hive_metastore.sales.top", newTop, top);
      assertEquals(newTop, tables.refresh(ctx, "hive_metastore.sales.top").orElseThrow());
      ObjectNode bigOrders = tables.refresh(ctx, "hive_metastore.sales.big_orders").orElseThrow();
      tables.update(ctx, "hive_metastore.sales.big_orders", bigOrders.deepCopy().put("comment", "big ones"), bigOrders);
      assertEquals("analysts", catalog.ownerOf("TABLE sales.big_orders"));
      assertEquals(Set.of("SELECT"), catalog.grantsOn("TABLE sales.big_orders").get("analysts"));

      // a table's owner changes; anything else of a table is refused, naming it
      ObjectNode orders = tables.refresh(ctx, "hive_metastore.sales.orders").orElseThrow();
      tables.update(ctx, "hive_metastore.sales.orders", orders.deepCopy().put("owner", "finance"), orders);
      assertEquals("finance", catalog.ownerOf("TABLE sales.orders"));
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> tables.update(ctx,
          "hive_metastore.sales.orders", orders.deepCopy().put("comment", "changed"), orders));
      assertTrue(refused.getMessage().contains("[comment]"), refused.getMessage());
      IOException noOwner = assertThrows(IOException.class, () -> tables.update(ctx, "hive_metastore.sales.orders",
          orders.deepCopy().put("owner", "nobody@example.com"), orders));
      assertTrue(noOwner.getMessage().startsWith("owner nobody@example.com of table sales.orders does not exist in the target"),
          noOwner.getMessage());

      // a database's comment, properties and owner change in place; its location and a lost property cannot
      ObjectNode sales = schemas.refresh(ctx, "hive_metastore.sales").orElseThrow();
      ObjectNode changed = sales.deepCopy().put("comment", "Sales").put("owner", "analysts");
      changed.putObject("properties").put("team", "sales").put("tier", "gold");
      schemas.update(ctx, "hive_metastore.sales", changed, sales);
      assertEquals(changed, schemas.refresh(ctx, "hive_metastore.sales").orElseThrow());
      ObjectNode moved = changed.deepCopy().put("storage_root", "abfss://x@y.dfs.core.windows.net/sales");
      moved.putObject("properties").put("team", "sales");
      IOException both = assertThrows(IOException.class, () -> schemas.update(ctx, "hive_metastore.sales", moved, changed));
      assertTrue(both.getMessage().contains("location is s3://src/sales") && both.getMessage().contains("[tier]"),
          both.getMessage());

      // grants and denies are two halves: writing one never loses the other
      ObjectNode events = grants.refresh(ctx, "table/sales.ext_events").orElseThrow();
      ObjectNode withSelect = events.deepCopy();
      withSelect.withArray("privilege_assignments").addObject().put("principal", "analysts").putArray("privileges").add("SELECT");
      grants.update(ctx, "table/sales.ext_events", withSelect, events);
      assertEquals(Set.of("SELECT", "DENIED_SELECT"), catalog.grantsOn("TABLE sales.ext_events").get("analysts"));
      grants.update(ctx, "table/sales.ext_events", events, withSelect);
      assertEquals(Set.of("DENIED_SELECT"), catalog.grantsOn("TABLE sales.ext_events").get("analysts"));
      ObjectNode denied = denies.refresh(ctx, "table/sales.ext_events").orElseThrow();
      denies.delete(ctx, "table/sales.ext_events", denied);
      assertNull(catalog.grantsOn("TABLE sales.ext_events").get("analysts"));
      denies.create(ctx, denied);
      assertEquals(denied, denies.refresh(ctx, "table/sales.ext_events").orElseThrow());

      // a principal the workspace lacks fails only its own entries
      ObjectNode ordersGrants = grants.refresh(ctx, "table/sales.orders").orElseThrow();
      ObjectNode withGhost = ordersGrants.deepCopy();
      withGhost.withArray("privilege_assignments").addObject().put("principal", "ghosts").putArray("privileges").add("SELECT");
      IOException ghost = assertThrows(IOException.class, () -> grants.update(ctx, "table/sales.orders", withGhost, ordersGrants));
      assertTrue(ghost.getMessage().contains("GRANT SELECT ON TABLE `sales`.`orders` TO `ghosts`"), ghost.getMessage());
      assertEquals(ordersGrants, grants.refresh(ctx, "table/sales.orders").orElseThrow());
      grants.delete(ctx, "table/sales.orders", ordersGrants);
      assertEquals(0, grants.refresh(ctx, "table/sales.orders").orElseThrow().get("privilege_assignments").size());

      // deletes: a database only once empty, "default" never, tables and views by their type
      IOException notEmpty = assertThrows(IOException.class, () -> schemas.delete(ctx, "hive_metastore.sales", sales));
      assertTrue(notEmpty.getMessage().contains("not dropped"), notEmpty.getMessage());
      schemas.delete(ctx, "hive_metastore.default", null);
      assertTrue(catalog.databaseNames().contains("default"));
      tables.delete(ctx, "hive_metastore.sales.top", newTop);
      tables.delete(ctx, "hive_metastore.sales.top", newTop);
      assertNull(KindHarness.read(tables, ws.client(), "hive_metastore.sales.top"));
      assertNull(KindHarness.read(grants, ws.client(), "view/sales.top"));
    }
  }

  @Test
  void listingsThroughAClusterThatTruncatesResults(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      List<String> statements = new ArrayList<>(List.of("CREATE DATABASE wide"));
      List<String> expected = new ArrayList<>();
      for (String name : List.of("a1", "a2", "a3", "a", "ab", "b1", "z_9", "`x-y`", "`-dash`", "`9lives`")) {
        statements.add("CREATE TABLE wide." + name + " (id INT) USING delta");
        expected.add("hive_metastore.wide." + name.replace("`", ""));
      }
      expected.sort(null);
      ObjectNode seed = (ObjectNode) Json.parse("{\"commands\": {\"result_rows\": 2}, \"sql\": {}}");
      statements.forEach(((ObjectNode) seed.get("sql")).putArray("statements")::add);
      src.emulator().seed(seed);
      MountKindTest.seedCluster(src, "1125-090000-sqlclus1", "RUNNING");
      TestExportContext ectx = KindHarness.exporting(src.client(),
          settings("{\"cluster_id\": \"1125-090000-sqlclus1\", \"databases\": [\"wide\"]}"), dir);
      assertEquals(expected, tables.list(ectx).stream().map(SourceObject::id).toList());
      assertEquals(List.of("hive_metastore.wide"), schemas.list(ectx).stream().map(SourceObject::id).toList());

      TestExportContext some = KindHarness.exporting(src.client(), settings("{\"patterns\": [\"wide.a?\"]}"), dir);
      assertEquals(List.of("hive_metastore.wide.a1", "hive_metastore.wide.a2", "hive_metastore.wide.a3",
          "hive_metastore.wide.ab"), tables.list(some).stream().map(SourceObject::id).toList());
    }
  }
}
