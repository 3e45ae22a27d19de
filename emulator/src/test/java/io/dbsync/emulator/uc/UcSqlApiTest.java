package io.dbsync.emulator.uc;

import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DataSourceFormat;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableType;
import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import io.dbsync.emulator.sql.SqlFamily;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQL DDL on Unity Catalog names through Statement Execution, as the Terraform provider's
 * databricks_sql_table sends it; the result is read back through the tables API. Hive names keep
 * going to the Hive catalog.
 */
class UcSqlApiTest extends UcSdkTest {
  private String warehouse;

  @BeforeAll
  void setUp() throws Exception {
    warehouse = w.warehouses().create(new CreateWarehouseRequest().setName("uc-wh").setClusterSize("Small")).get().getId();
    w.catalogs().create(new CreateCatalog().setName("dw"));
    w.schemas().create(new CreateSchema().setCatalogName("dw").setName("sales"));
    externalLocation("sql_ext", "sql-bucket/tables");
  }

  private StatementResponse sql(String statement) {
    return w.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(warehouse)
        .setStatement(statement).setWaitTimeout("50s"));
  }

  private StatementResponse ok(String statement) {
    StatementResponse r = sql(statement);
    assertEquals(StatementState.SUCCEEDED, r.getStatus().getState(), statement + ": " + r.getStatus());
    return r;
  }

  private String failure(String statement) {
    StatementResponse r = sql(statement);
    assertEquals(StatementState.FAILED, r.getStatus().getState(), statement);
    return r.getStatus().getError().getMessage();
  }

  @Test
  void createTableAsTheTerraformProviderWritesIt() {
    ok("CREATE OR REPLACE TABLE `dw`.`sales`.`orders` (`id` BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL COMMENT 'key', "
        + "`amount` DECIMAL(10, 2), `tags` ARRAY<STRING>, `attrs` MAP<STRING, INT>, `addr` STRUCT<city: STRING, zip: INT>, "
        + "`day` DATE)\nUSING DELTA\nPARTITIONED BY (day)\nCOMMENT 'all orders'\nTBLPROPERTIES ('quality'='gold', "
        + "'delta.enableChangeDataFeed'='true');");
    TableInfo t = w.tables().get("dw.sales.orders");
    assertEquals(TableType.MANAGED, t.getTableType());
    assertEquals(DataSourceFormat.DELTA, t.getDataSourceFormat());
    assertEquals("all orders", t.getComment());
    assertEquals(emu.workspace().adminUser(), t.getOwner());
    assertEquals("gold", t.getProperties().get("quality"));
    assertEquals("true", t.getProperties().get("delta.enableChangeDataFeed"));
    List<ColumnInfo> cols = new ArrayList<>(t.getColumns());
    assertEquals(List.of("id", "amount", "tags", "attrs", "addr", "day"), cols.stream().map(ColumnInfo::getName).toList());
    assertEquals(List.of("bigint", "decimal(10,2)", "array<string>", "map<string,int>", "struct<city:string,zip:int>", "date"),
        cols.stream().map(ColumnInfo::getTypeText).toList());
    assertEquals(List.of(ColumnTypeName.LONG, ColumnTypeName.DECIMAL, ColumnTypeName.ARRAY, ColumnTypeName.MAP,
        ColumnTypeName.STRUCT, ColumnTypeName.DATE), cols.stream().map(ColumnInfo::getTypeName).toList());
    assertEquals(Boolean.FALSE, cols.get(0).getNullable());
    assertEquals("key", cols.get(0).getComment());
    assertTrue(cols.get(0).getTypeJson().contains("\"delta.identity.allowExplicitInsert\":false"), cols.get(0).getTypeJson());
    assertEquals(0L, cols.get(5).getPartitionIndex());
    assertNull(cols.get(1).getPartitionIndex());
    assertTrue(cols.get(4).getTypeJson().contains("\"fields\":[{\"name\":\"city\""), cols.get(4).getTypeJson());

    String tableId = t.getTableId();
    ok("CREATE OR REPLACE TABLE dw.sales.orders (id BIGINT) USING DELTA");
    TableInfo replaced = w.tables().get("dw.sales.orders");
    assertEquals(tableId, replaced.getTableId(), "CREATE OR REPLACE keeps the table's identity");
    assertEquals(1, replaced.getColumns().size());
    ok("CREATE TABLE IF NOT EXISTS dw.sales.orders (other INT)");
    assertEquals("id", w.tables().get("dw.sales.orders").getColumns().iterator().next().getName());
    assertTrue(failure("CREATE TABLE dw.sales.orders (id INT)").startsWith("[TABLE_OR_VIEW_ALREADY_EXISTS]"));
  }

  @Test
  void externalTablesViewsAndShowCreate() {
    ok("CREATE TABLE dw.sales.raw_events (id INT, payload STRING)\nUSING JSON\nOPTIONS ('multiLine'='true')\n"
        + "LOCATION 's3://sql-bucket/tables/events'");
    TableInfo ext = w.tables().get("dw.sales.raw_events");
    assertEquals(TableType.EXTERNAL, ext.getTableType());
    assertEquals(DataSourceFormat.JSON, ext.getDataSourceFormat());
    assertEquals("s3://sql-bucket/tables/events", ext.getStorageLocation());
    assertEquals(Map.of("option.multiLine", "true"), ext.getProperties());
    assertTrue(failure("CREATE TABLE dw.sales.outside (id INT) USING PARQUET LOCATION 's3://elsewhere/x'")
        .startsWith("[INVALID_PARAMETER_VALUE]"));
    assertTrue(failure("CREATE EXTERNAL TABLE dw.sales.nowhere (id INT) USING PARQUET").contains("LOCATION"));

    ok("CREATE VIEW dw.sales.recent (id COMMENT 'event id') COMMENT 'last day' AS SELECT id FROM dw.sales.raw_events WHERE id > 0");
    TableInfo view = w.tables().get("dw.sales.recent");
    assertEquals(TableType.VIEW, view.getTableType());
    assertEquals("SELECT id FROM dw.sales.raw_events WHERE id > 0", view.getViewDefinition());
    assertEquals("last day", view.getComment());
    assertEquals("event id", view.getColumns().iterator().next().getComment());
    assertNull(view.getDataSourceFormat());

    String ddl = ok("SHOW CREATE TABLE `dw`.sales.raw_events").getResult().getDataArray().iterator().next().iterator().next();
    assertEquals("CREATE TABLE dw.sales.raw_events (\n  id INT,\n  payload STRING)\nUSING json\n"
        + "LOCATION 's3://sql-bucket/tables/events'\nTBLPROPERTIES (\n  'option.multiLine' = 'true')\n", ddl);
    String viewDdl = ok("SHOW CREATE TABLE dw.sales.recent").getResult().getDataArray().iterator().next().iterator().next();
    assertTrue(viewDdl.startsWith("CREATE VIEW dw.sales.recent (\n  id COMMENT 'event id')\nCOMMENT 'last day'\nAS SELECT"), viewDdl);

    assertTrue(failure("DROP TABLE dw.sales.recent").startsWith("[WRONG_COMMAND_FOR_OBJECT_TYPE]"));
    ok("DROP VIEW dw.sales.recent");
    ok("DROP VIEW IF EXISTS dw.sales.recent");
    assertTrue(failure("DROP TABLE dw.sales.recent").startsWith("[TABLE_OR_VIEW_NOT_FOUND]"));
    assertFalse(w.tables().exists("dw.sales.recent").getTableExists());
  }

  @Test
  void ownershipAndGrantsInSql() {
    ok("CREATE TABLE dw.sales.customers (id INT)");
    ok("ALTER TABLE dw.sales.customers OWNER TO `admins`");
    assertEquals("admins", w.tables().get("dw.sales.customers").getOwner());
    ok("ALTER SCHEMA dw.sales SET OWNER TO `admins`");
    assertEquals("admins", w.schemas().get("dw.sales").getOwner());
    ok("ALTER CATALOG dw OWNER TO `admins`");
    assertEquals("admins", w.catalogs().get("dw").getOwner());
    assertTrue(failure("ALTER TABLE dw.sales.customers OWNER TO `ghost`").startsWith("[PRINCIPAL_DOES_NOT_EXIST]"));

    ok("GRANT USE CATALOG ON CATALOG dw TO `account users`");
    ok("GRANT USE SCHEMA, SELECT ON SCHEMA dw.sales TO `account users`");
    ok("GRANT SELECT, MODIFY ON TABLE dw.sales.customers TO `admins`");
    ok("GRANT READ FILES ON EXTERNAL LOCATION sql_ext TO `admins`");
    assertEquals(List.of(Privilege.MODIFY, Privilege.SELECT), privileges("table", "dw.sales.customers", "admins"));
    assertEquals(List.of(Privilege.SELECT, Privilege.USE_SCHEMA), privileges("schema", "dw.sales", "account users"));
    assertEquals(List.of(Privilege.USE_CATALOG), privileges("catalog", "dw", "account users"));
    assertEquals(List.of(Privilege.READ_FILES), privileges("external_location", "sql_ext", "admins"));
    ok("REVOKE MODIFY ON TABLE dw.sales.customers FROM `admins`");
    assertEquals(List.of(Privilege.SELECT), privileges("table", "dw.sales.customers", "admins"));
    assertTrue(failure("GRANT USE CATALOG ON TABLE dw.sales.customers TO `admins`").startsWith("[INVALID_PARAMETER_VALUE]"));
    assertTrue(failure("GRANT SELECT ON TABLE dw.nope.t TO `admins`").startsWith("[SCHEMA_NOT_FOUND]"));
    assertTrue(failure("CREATE TABLE nocat.s.t (id INT)").startsWith("[NO_SUCH_CATALOG_EXCEPTION]"));
  }

  private List<Privilege> privileges(String type, String name, String principal) {
    return w.grants().get(type, name).getPrivilegeAssignments().stream().filter(a -> a.getPrincipal().equals(principal))
        .map(PrivilegeAssignment::getPrivileges).flatMap(p -> p.stream().sorted()).toList();
  }

  private List<List<String>> rows(StatementResponse r) {
    List<List<String>> out = new ArrayList<>();
    if (r.getResult() != null && r.getResult().getDataArray() != null) {
      r.getResult().getDataArray().forEach(row -> out.add(new ArrayList<>(row)));
    }
    return out;
  }

  @Test
  void catalogAndSchemaDdlAndShowStatements() {
    ok("CREATE CATALOG IF NOT EXISTS mart COMMENT 'data mart'");
    ok("CREATE CATALOG IF NOT EXISTS mart");
    assertTrue(failure("CREATE CATALOG mart").startsWith("[CATALOG_ALREADY_EXISTS]"));
    assertEquals("data mart", w.catalogs().get("mart").getComment());
    ok("CREATE SCHEMA mart.finance COMMENT 'money' MANAGED LOCATION 's3://sql-bucket/tables/finance' "
        + "WITH DBPROPERTIES ('owner_team' = 'fin')");
    var schema = w.schemas().get("mart.finance");
    assertEquals("money", schema.getComment());
    assertEquals("s3://sql-bucket/tables/finance", schema.getStorageRoot());
    assertEquals(Map.of("owner_team", "fin"), schema.getProperties());
    ok("CREATE TABLE mart.finance.ledger (id INT)");
    ok("CREATE TABLE mart.finance.accounts (id INT)");
    assertEquals(List.of(List.of("finance", "accounts", "false"), List.of("finance", "ledger", "false")),
        rows(ok("SHOW TABLES IN mart.finance")));
    assertEquals(List.of(List.of("default"), List.of("finance"), List.of("information_schema")),
        rows(ok("SHOW SCHEMAS IN mart")));
    ok("GRANT SELECT ON TABLE mart.finance.ledger TO `admins`");
    ok("GRANT USE CATALOG ON CATALOG mart TO `account users`");
    assertEquals(List.of(List.of("admins", "SELECT", "TABLE", "mart.finance.ledger")),
        rows(ok("SHOW GRANTS ON TABLE mart.finance.ledger")));
    assertEquals(List.of(List.of("account users", "USE CATALOG", "CATALOG", "mart")),
        rows(ok("SHOW GRANTS `account users` ON CATALOG mart")));
    assertTrue(rows(ok("SHOW GRANTS `admins` ON CATALOG mart")).isEmpty());

    assertTrue(failure("DROP SCHEMA mart.finance").startsWith("[SCHEMA_NOT_EMPTY]"));
    assertTrue(failure("DROP CATALOG mart").startsWith("[CATALOG_NOT_EMPTY]"));
    ok("DROP SCHEMA mart.finance CASCADE");
    ok("DROP SCHEMA IF EXISTS mart.finance");
    assertFalse(w.tables().exists("mart.default.ledger").getTableExists());
    ok("DROP CATALOG mart");
    ok("DROP CATALOG IF EXISTS mart");
    assertTrue(failure("DROP CATALOG mart").startsWith("[NO_SUCH_CATALOG_EXCEPTION]"));
  }

  @Test
  void hiveNamesStillGoToTheHiveCatalog() {
    ok("CREATE DATABASE IF NOT EXISTS legacy");
    ok("CREATE TABLE legacy.t (id INT) USING delta");
    ok("CREATE TABLE hive_metastore.legacy.t2 (id INT) USING delta");
    ok("GRANT SELECT ON TABLE legacy.t TO `admins`");
    assertEquals(List.of(List.of("legacy", "t", "false"), List.of("legacy", "t2", "false")), rows(ok("SHOW TABLES IN legacy")));
    assertTrue(rows(ok("SHOW GRANTS ON TABLE legacy.t")).contains(List.of("admins", "SELECT", "TABLE", "`legacy`.`t`")));
    String ddl = ok("SHOW CREATE TABLE hive_metastore.legacy.t2").getResult().getDataArray().iterator().next().iterator().next();
    assertTrue(ddl.startsWith("CREATE TABLE spark_catalog.legacy.t2"), ddl);
    assertTrue(emu.workspace().family(SqlFamily.class).catalog().databaseNames().contains("legacy"));
    assertFalse(w.tables().exists("dw.sales.t").getTableExists());
  }
}
