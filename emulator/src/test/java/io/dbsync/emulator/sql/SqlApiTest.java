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
    emu.seed(Json.parse("{\"sql\": {\"chunk_rows\": 2}}"));
    warehouse = w.warehouses().create(new CreateWarehouseRequest().setName("admin-wh").setClusterSize("Small")).get().getId();
  }

  private StatementResponse sql(String statement) {
    return w.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(warehouse)
        .setStatement(statement).setWaitTimeout("30s"));
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
    List<List<String>> grants = rows(ok("SHOW GRANTS ON TABLE `sales`.`orders`"));
    assertTrue(grants.contains(List.of("analysts", "SELECT", "TABLE", "sales.orders")), grants.toString());
    assertTrue(grants.contains(List.of("analysts", "MODIFY", "TABLE", "sales.orders")), grants.toString());
    assertTrue(grants.contains(List.of("analysts", "USAGE", "DATABASE", "sales")), grants.toString());
    assertTrue(grants.contains(List.of(emu.workspace().adminUser(), "OWN", "TABLE", "sales.orders")), grants.toString());
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
}
