package io.dbsync.emulator.sql;

import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlApiTest extends EmulatorSdkTest {
  private String warehouse;

  @BeforeAll
  void createWarehouse() throws Exception {
    emu.seed(Json.parse("""
        {"scim": {"groups": [{"displayName": "analysts"}, {"displayName": "finance"}],
                  "users": [{"userName": "ann@example.com"}]},
         "sql": {"chunk_rows": 2}}"""));
    warehouse = w.warehouses().create(new CreateWarehouseRequest().setName("admin-wh").setClusterSize("Small")).get().getId();
  }

  private StatementResponse sql(String statement) {
    return w.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(warehouse)
        .setStatement(statement).setWaitTimeout("30s"));
  }

  private StatementResponse sqlIn(String schema, String statement) {
    return w.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(warehouse)
        .setSchema(schema).setStatement(statement).setWaitTimeout("30s"));
  }

  /** The error text of a statement that must fail. */
  private String fails(StatementResponse r) {
    assertEquals(StatementState.FAILED, r.getStatus().getState(), String.valueOf(r.getResult()));
    return r.getStatus().getError().getMessage();
  }

  private static List<String> columns(StatementResponse r) {
    return r.getManifest().getSchema().getColumns().stream().map(c -> c.getName()).toList();
  }

  private StatementResponse ok(String statement) {
    StatementResponse r = sql(statement);
    assertEquals(StatementState.SUCCEEDED, r.getStatus().getState(), statement + ": " + r.getStatus());
    return r;
  }

  /** All rows of a result, following chunks. */
  private List<List<String>> rows(StatementResponse r) {
    List<List<String>> out = new ArrayList<>();
    ResultData chunk = r.getResult();
    while (chunk != null) {
      for (Collection<String> row : chunk.getDataArray()) {
        out.add(new ArrayList<>(row));
      }
      chunk = chunk.getNextChunkIndex() == null ? null
          : w.statementExecution().getStatementResultChunkN(r.getStatementId(), chunk.getNextChunkIndex());
    }
    return out;
  }

  @Test
  void warehousesListAndGet() {
    List<EndpointInfo> all = StreamSupport.stream(w.warehouses().list(new ListWarehousesRequest()).spliterator(), false).toList();
    assertEquals(List.of("admin-wh"), all.stream().map(EndpointInfo::getName).toList());
    assertEquals(State.RUNNING, w.warehouses().get(warehouse).getState());
    assertThrows(ResourceDoesNotExist.class, () -> w.warehouses().get("ffffffffffffffff"));
    assertThrows(ResourceDoesNotExist.class, () -> w.statementExecution().executeStatement(
        new ExecuteStatementRequest().setWarehouseId("ffffffffffffffff").setStatement("SHOW DATABASES")));
    assertThrows(com.databricks.sdk.core.error.platform.InvalidParameterValue.class, () -> w.statementExecution()
        .executeStatement(new ExecuteStatementRequest().setWarehouseId(warehouse).setStatement("SHOW DATABASES").setWaitTimeout("2s")));
  }

  @Test
  void ddlShowAndGrantsWithChunks() {
    ok("CREATE DATABASE IF NOT EXISTS sales");
    ok("CREATE DATABASE IF NOT EXISTS sales");
    ok("CREATE TABLE IF NOT EXISTS sales.orders (\n  id BIGINT,\n  amount DOUBLE COMMENT 'eur')\nUSING delta");
    ok("CREATE TABLE `sales`.`customers` (id BIGINT) USING parquet LOCATION 's3://b/c'");
    ok("CREATE TABLE sales.regions (id INT) USING delta");
    assertEquals(List.of(List.of("default"), List.of("sales")), rows(ok("SHOW DATABASES")));

    StatementResponse tables = ok("SHOW TABLES IN sales");
    assertEquals(3L, tables.getManifest().getTotalRowCount());
    assertEquals(2L, tables.getManifest().getTotalChunkCount());
    assertEquals(List.of(List.of("sales", "customers", "false"), List.of("sales", "orders", "false"),
        List.of("sales", "regions", "false")), rows(tables));
    assertEquals("tableName", new ArrayList<>(tables.getManifest().getSchema().getColumns()).get(1).getName());

    assertEquals("CREATE TABLE spark_catalog.sales.orders (\n  id BIGINT,\n  amount DOUBLE COMMENT 'eur')\nUSING delta",
        rows(ok("SHOW CREATE TABLE sales.orders")).get(0).get(0));

    ok("GRANT SELECT, MODIFY ON TABLE sales.orders TO `analysts`");
    ok("GRANT USAGE ON DATABASE sales TO `analysts`");
    StatementResponse shownGrants = ok("SHOW GRANTS ON TABLE `sales`.`orders`");
    assertEquals(List.of("Principal", "ActionType", "ObjectType", "ObjectKey"), columns(shownGrants));
    assertEquals(List.of(List.of(emu.workspace().adminUser(), "OWN", "TABLE", "`sales`.`orders`"),
        List.of("analysts", "MODIFY", "TABLE", "`sales`.`orders`"), List.of("analysts", "SELECT", "TABLE", "`sales`.`orders`"),
        List.of("analysts", "USAGE", "DATABASE", "sales")), rows(shownGrants));
    ok("REVOKE ALL PRIVILEGES ON TABLE sales.orders FROM `analysts`");
    List<List<String>> after = rows(ok("SHOW GRANT ON TABLE sales.orders"));
    assertTrue(after.stream().noneMatch(r -> r.get(0).equals("analysts") && r.get(2).equals("TABLE")), after.toString());

    StatementResponse again = sql("CREATE TABLE sales.orders (id INT)");
    assertEquals(StatementState.FAILED, again.getStatus().getState());
    assertTrue(again.getStatus().getError().getMessage().startsWith("[TABLE_OR_VIEW_ALREADY_EXISTS]"));
    StatementResponse notEmpty = sql("DROP DATABASE sales");
    assertTrue(notEmpty.getStatus().getError().getMessage().contains("SCHEMA_NOT_EMPTY"));
    ok("DROP TABLE sales.regions");
    ok("DROP TABLE IF EXISTS sales.regions");
    assertEquals(StatementState.FAILED, sql("DROP TABLE sales.regions").getStatus().getState());
    ok("DROP DATABASE sales CASCADE");
    StatementResponse missing = sql("SHOW GRANTS ON DATABASE sales");
    assertTrue(missing.getStatus().getError().getMessage().contains("SCHEMA_NOT_FOUND"));
    assertTrue(sql("SELECT 1").getStatus().getError().getMessage().contains("PARSE_SYNTAX_ERROR"));

    StatementResponse fetched = w.statementExecution().getStatement(tables.getStatementId());
    assertEquals(StatementState.SUCCEEDED, fetched.getStatus().getState());
    assertNotNull(fetched.getResult());
    assertNull(ok("CREATE DATABASE other").getResult());
  }

  @Test
  void databaseCommentLocationAndProperties() {
    ok("CREATE DATABASE IF NOT EXISTS lake COMMENT 'raw \\'landing\\' data' LOCATION '/mnt/lake/raw/'"
        + " WITH DBPROPERTIES ('team' = 'ingest', quality.tier = 2)");
    StatementResponse described = ok("DESCRIBE DATABASE EXTENDED lake");
    assertEquals(List.of("database_description_item", "database_description_value"), columns(described));
    assertEquals(List.of(List.of("Catalog Name", "spark_catalog"), List.of("Namespace Name", "lake"),
        List.of("Comment", "raw 'landing' data"), List.of("Location", "dbfs:/mnt/lake/raw"),
        List.of("Owner", emu.workspace().adminUser()), List.of("Properties", "((quality.tier,2), (team,ingest))")),
        rows(described));
    ok("CREATE SCHEMA plain");
    assertEquals(List.of(List.of("Catalog Name", "spark_catalog"), List.of("Namespace Name", "plain"), List.of("Comment", ""),
        List.of("Location", "dbfs:/user/hive/warehouse/plain.db"), List.of("Owner", emu.workspace().adminUser())),
        rows(ok("DESC SCHEMA plain")));

    ok("ALTER DATABASE lake SET DBPROPERTIES ('team' = 'platform')");
    ok("COMMENT ON SCHEMA lake IS NULL");
    ok("ALTER SCHEMA lake OWNER TO `finance`");
    List<List<String>> after = rows(ok("DESCRIBE DATABASE EXTENDED `lake`"));
    assertEquals(List.of("Comment", ""), after.get(2));
    assertEquals(List.of("Owner", "finance"), after.get(4));
    assertEquals(List.of("Properties", "((quality.tier,2), (team,platform))"), after.get(5));
    assertEquals(List.of(List.of("finance", "OWN", "DATABASE", "lake")), rows(ok("SHOW GRANTS ON DATABASE lake")));

    assertTrue(fails(sql("CREATE DATABASE bad WITH DBPROPERTIES ('comment' = 'x')")).contains("SET_NAMESPACE_PROPERTY"));
    assertTrue(fails(sql("ALTER DATABASE lake SET LOCATION 's3://elsewhere'")).contains("UNSUPPORTED_FEATURE"));
    assertTrue(fails(sql("ALTER DATABASE lake OWNER TO `nobody@example.com`")).startsWith("[PRINCIPAL_DOES_NOT_EXIST]"));
    assertEquals(List.of(List.of("lake")), rows(ok("SHOW DATABASES LIKE 'la*|nothing'")));
  }

  @Test
  void viewsNeedWhatTheyReadAndKeepTheirNamespace() {
    ok("CREATE DATABASE shop");
    ok("CREATE DATABASE mart");
    String missing = fails(sql("CREATE VIEW mart.v_orders AS SELECT * FROM shop.orders"));
    assertTrue(missing.startsWith("[TABLE_OR_VIEW_NOT_FOUND] The table or view `shop`.`orders` cannot be found"), missing);
    ok("CREATE TABLE shop.orders (id BIGINT, placed DATE) USING delta");
    ok("CREATE TABLE shop.customers (id BIGINT) USING delta");
    // unqualified names resolve in the statement's schema, and the view remembers it
    StatementResponse inShop = sqlIn("shop", "CREATE VIEW mart.v_orders AS WITH recent AS (SELECT * FROM orders)"
        + " SELECT EXTRACT(YEAR FROM r.placed) AS y, c.id FROM recent r JOIN `customers` c ON r.id = c.id");
    assertEquals(StatementState.SUCCEEDED, inShop.getStatus().getState(), String.valueOf(inShop.getStatus()));
    assertEquals(List.of(List.of("view.catalogAndNamespace.part.1", "shop")),
        rows(ok("SHOW TBLPROPERTIES mart.v_orders ('view.catalogAndNamespace.part.1')")));
    assertEquals("CREATE VIEW spark_catalog.mart.v_orders AS WITH recent AS (SELECT * FROM orders) SELECT EXTRACT(YEAR FROM"
        + " r.placed) AS y, c.id FROM recent r JOIN `customers` c ON r.id = c.id", rows(ok("SHOW CREATE TABLE mart.v_orders")).get(0).get(0));
    assertTrue(fails(sql("CREATE VIEW mart.v_bad AS SELECT * FROM orders")).contains("`default`.`orders`"));

    ok("CREATE VIEW mart.v_top (id COMMENT 'customer')\nTBLPROPERTIES ('layer' = 'gold')\nAS SELECT id FROM mart.v_orders, shop.customers");
    assertEquals(List.of(List.of("layer", "gold"), List.of("view.catalogAndNamespace.numParts", "2"),
        List.of("view.catalogAndNamespace.part.0", "spark_catalog"), List.of("view.catalogAndNamespace.part.1", "default")),
        rows(ok("SHOW TBLPROPERTIES mart.v_top")));
    String cycle = fails(sql("CREATE OR REPLACE VIEW mart.v_orders AS SELECT * FROM mart.v_top"));
    assertTrue(cycle.startsWith("[RECURSIVE_VIEW]") && cycle.contains("mart.v_orders -> mart.v_top -> mart.v_orders"), cycle);

    // ALTER VIEW ... AS keeps owner and grants; the wrong command for the object type is refused
    ok("ALTER VIEW mart.v_top OWNER TO `ann@example.com`");
    ok("GRANT SELECT ON VIEW mart.v_top TO `analysts`");
    ok("ALTER VIEW mart.v_top AS SELECT id FROM shop.customers");
    assertEquals("CREATE VIEW spark_catalog.mart.v_top\nTBLPROPERTIES ('layer' = 'gold')\nAS SELECT id FROM shop.customers",
        rows(ok("SHOW CREATE TABLE mart.v_top")).get(0).get(0));
    assertEquals(List.of(List.of("ann@example.com", "OWN", "VIEW", "`mart`.`v_top`"), List.of("analysts", "SELECT", "VIEW",
        "`mart`.`v_top`")), rows(ok("SHOW GRANTS ON VIEW mart.v_top")));
    assertEquals(List.of(List.of("ann@example.com", "OWN", "TABLE", "`mart`.`v_top`"), List.of("analysts", "SELECT", "TABLE",
        "`mart`.`v_top`")), rows(ok("SHOW GRANTS ON mart.v_top")));
    assertTrue(fails(sql("ALTER TABLE mart.v_top OWNER TO `finance`")).startsWith("[EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW]"));
    assertTrue(fails(sql("GRANT SELECT ON VIEW shop.orders TO `finance`")).startsWith("[EXPECT_VIEW_NOT_TABLE"));
    assertTrue(fails(sql("DROP TABLE mart.v_top")).startsWith("[WRONG_COMMAND_FOR_OBJECT_TYPE]"));
    assertEquals(List.of(List.of("mart", "v_orders", "false")), rows(ok("SHOW TABLES IN mart LIKE '*ORDERS'")));
    ok("DROP VIEW mart.v_top");
    assertTrue(fails(sql("SHOW GRANTS ON VIEW mart.v_top")).startsWith("[TABLE_OR_VIEW_NOT_FOUND]"));
  }

  @Test
  void catalogWideGrantsDeniesAndPrivilegeRules() {
    ok("CREATE DATABASE hr");
    ok("CREATE TABLE hr.salaries (id BIGINT, amount DOUBLE) USING delta");
    ok("GRANT USAGE, SELECT ON CATALOG TO `analysts`");
    ok("GRANT READ_METADATA ON CATALOG hive_metastore TO `finance`");
    ok("GRANT SELECT, MODIFY ON ANY FILE TO `finance`");
    ok("GRANT SELECT ON ANONYMOUS FUNCTION TO `analysts`");
    ok("GRANT USAGE ON SCHEMA hr TO `finance`");
    ok("DENY SELECT ON TABLE hr.salaries TO `analysts`");
    ok("ALTER TABLE hr.salaries OWNER TO `finance`");

    List<List<String>> catalogRows = rows(ok("SHOW GRANT ON CATALOG"));
    assertEquals(3, catalogRows.size(), catalogRows.toString());
    assertTrue(catalogRows.contains(java.util.Arrays.asList("analysts", "USAGE", "CATALOG$", null)), catalogRows.toString());
    assertEquals(List.of(java.util.Arrays.asList("finance", "MODIFY", "ANY_FILE", null),
        java.util.Arrays.asList("finance", "SELECT", "ANY_FILE", null)), rows(ok("SHOW GRANTS ON ANY FILE")));
    assertEquals(List.of(java.util.Arrays.asList("analysts", "SELECT", "ANONYMOUS_FUNCTION", null)),
        rows(ok("SHOW GRANTS `analysts` ON ANONYMOUS FUNCTION")));
    List<List<String>> onSalaries = rows(ok("SHOW GRANTS ON TABLE hr.salaries"));
    assertEquals(List.of("finance", "OWN", "TABLE", "`hr`.`salaries`"), onSalaries.get(0));
    assertEquals(List.of("analysts", "DENIED_SELECT", "TABLE", "`hr`.`salaries`"), onSalaries.get(1));
    assertEquals(List.of("finance", "USAGE", "DATABASE", "hr"), onSalaries.get(2));
    assertEquals(6, onSalaries.size(), "inherited catalog rows follow: " + onSalaries);

    ok("REVOKE SELECT ON TABLE hr.salaries FROM `analysts`"); // a REVOKE lifts a DENY too
    assertTrue(rows(ok("SHOW GRANTS `analysts` ON TABLE hr.salaries")).stream().noneMatch(r -> "TABLE".equals(r.get(2))));
    assertTrue(fails(sql("GRANT USAGE ON TABLE hr.salaries TO `analysts`")).startsWith("[INVALID_PRIVILEGE]"));
    assertTrue(fails(sql("GRANT OWN ON TABLE hr.salaries TO `analysts`")).startsWith("[INVALID_PRIVILEGE]"));
    assertTrue(fails(sql("DENY SELECT ON ANY FILE TO `ghost`")).startsWith("[PRINCIPAL_DOES_NOT_EXIST]"));
    ok("REVOKE ALL PRIVILEGES ON ANY FILE FROM `ghost`"); // revoking from an unknown principal is a no-op
    assertTrue(fails(sql("GRANT SELECT ON CATALOG main TO `analysts`")).contains("main"));
    ok("REVOKE ALL PRIVILEGES ON CATALOG FROM `analysts`");
    ok("REVOKE ALL PRIVILEGES ON CATALOG FROM `finance`");
    assertEquals(List.of(), rows(ok("SHOW GRANTS ON CATALOG")));
  }

  @Test
  void concurrentStatementsAllLand() throws Exception {
    ok("CREATE DATABASE busy");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            String name = "busy.t" + thread + "_" + i;
            ok("CREATE TABLE " + name + " (id INT) USING delta");
            ok("GRANT SELECT ON TABLE " + name + " TO `analysts`");
            ok("CREATE VIEW busy.v" + thread + "_" + i + " AS SELECT id FROM " + name);
          }
          return null;
        }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(320, rows(ok("SHOW TABLES IN busy")).size());
    assertEquals(java.util.Set.of("SELECT"), emu.workspace().family(SqlFamily.class).catalog().grantsOn("TABLE busy.t7_19")
        .get("analysts"));
  }
}
