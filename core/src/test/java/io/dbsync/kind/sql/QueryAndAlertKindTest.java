package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryAndAlertKindTest {
  private final QueryKind queries = new QueryKind();
  private final AlertKind alerts = new AlertKind();

  static String create(TestWorkspace ws, String base, String json) throws Exception {
    return Rest.post(ws.client(), base, TfJson.MAPPER.readTree(json)).get("id").asText();
  }

  @Test
  void queriesAndAlertsExportWithReferencesAndRoundTrip(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      group(src.client(), "analysts");
      String wh = SqlWarehouseKindTest.warehouse(src, "{\"name\": \"bi\"}");
      Rest.post(src.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Shared/reports"));
      String regions = create(src, QueryKind.BASE, """
          {"query": {"display_name": "regions", "parent_path": "/Shared/reports", "warehouse_id": "%s",
                     "query_text": "SELECT region FROM sales.regions"}}""".formatted(wh));
      String sales = create(src, QueryKind.BASE, """
          {"query": {"display_name": "sales by region", "parent_path": "/Workspace/Shared/reports", "warehouse_id": "%s",
                     "query_text": "SELECT * FROM sales.orders WHERE region IN ({{ region }}) AND amount > {{ min }}",
                     "description": "weekly", "catalog": "main", "schema": "sales", "apply_auto_limit": true,
                     "tags": ["b", "a"],
                     "parameters": [
                       {"name": "region", "title": "Region", "query_backed_value": {"query_id": "%s", "values": ["EU"],
                                                          "multi_values_options": {"separator": ","}}},
                       {"name": "min", "numeric_value": {"value": 10}}]}}""".formatted(wh, regions));
      String alert = create(src, AlertKind.BASE, """
          {"alert": {"display_name": "low sales", "parent_path": "/Shared/reports", "query_id": "%s",
                     "condition": {"op": "LESS_THAN", "operand": {"column": {"name": "amount"}},
                                   "threshold": {"value": {"double_value": 5}}, "empty_result_state": "TRIGGERED"},
                     "custom_subject": "Sales are low", "notify_on_ok": false, "seconds_to_retrigger": 60}}""".formatted(sales));
      grant(src.client(), "sql/queries", sales, "group_name:analysts", "CAN_RUN");
      grant(src.client(), "sql/alerts", alert, "group_name:analysts", "CAN_READ");
      String trashed = create(src, QueryKind.BASE, """
          {"query": {"display_name": "old", "warehouse_id": "%s", "query_text": "SELECT 1"}}""".formatted(wh));
      Rest.delete(src.client(), QueryKind.BASE + "/" + trashed);

      TestExportContext ctx = exportContext(src.client(), "sql_query", null, tmp);
      ctx.index.put("databricks_sql_endpoint/" + wh, "bi");
      ctx.index.put("databricks_query/" + regions, "regions");
      ctx.index.put("databricks_query/" + sales, "sales_by_region");
      List<SourceObject> listed = queries.list(ctx);
      assertEquals(List.of("regions", Names.safe("sales by region")), listed.stream().map(SourceObject::name).sorted().toList(),
          "trashed queries are not listed");
      SourceObject salesObj = listed.stream().filter(o -> o.id().equals(sales)).findFirst().orElseThrow();
      List<ExportedResource> salesExport = KindHarness.export(queries, ctx, salesObj);
      assertGolden("sql_query/sales_by_region.tf.json", document(salesExport));
      ObjectNode salesAttrs = salesExport.get(0).attrs();
      assertEquals("/Shared/reports", salesAttrs.get("parent_path").asText(), "without the /Workspace prefix");
      assertFalse(salesAttrs.has("owner_user_name") || salesAttrs.has("lifecycle_state") || salesAttrs.has("id"));

      TestExportContext actx = exportContext(src.client(), "sql_alert", null, tmp);
      actx.index.putAll(ctx.index);
      actx.index.put("databricks_alert/" + alert, "low_sales");
      List<SourceObject> listedAlerts = alerts.list(actx);
      assertEquals(1, listedAlerts.size());
      List<ExportedResource> alertExport = KindHarness.export(alerts, actx, listedAlerts.get(0));
      assertGolden("sql_alert/low_sales.tf.json", document(alertExport));

      // import: the referenced warehouse and query exist in the target first, as the DAG orders them
      KindHarness.Apply apply = KindHarness.applying(dst.client());
      String dstWh = SqlWarehouseKindTest.warehouse(dst, "{\"name\": \"bi\"}");
      ObjectNode regionsDesired = resolve(KindHarness.export(queries, ctx,
          listed.stream().filter(o -> o.id().equals(regions)).findFirst().orElseThrow()).get(0).attrs(),
          Map.of("${databricks_sql_endpoint.bi.id}", dstWh));
      String dstRegions = queries.create(apply, regionsDesired);
      Map<String, String> ids = Map.of("${databricks_sql_endpoint.bi.id}", dstWh, "${databricks_query.regions.id}", dstRegions);
      ObjectNode desired = resolve(salesAttrs, ids);
      assertTrue(queries.adopt(apply, desired).isEmpty());
      String dstSales = queries.create(apply, desired);
      assertEquals(desired, queries.refresh(apply, dstSales).orElseThrow(), "the created query refreshes to its config");
      assertEquals(Optional.of(dstSales), queries.adopt(apply, desired), "folder and display name identify a query");
      ObjectNode elsewhere = desired.deepCopy().put("parent_path", "/Shared");
      assertTrue(queries.adopt(apply, elsewhere).isEmpty(), "the same name in another folder is another query");

      ObjectNode changed = desired.deepCopy();
      changed.remove("description");
      changed.put("query_text", "SELECT 2");
      queries.update(apply, dstSales, changed, desired);
      assertEquals(changed, queries.refresh(apply, dstSales).orElseThrow(), "a field left out is cleared");

      ObjectNode alertDesired = resolve(alertExport.get(0).attrs(), Map.of("${databricks_query.sales_by_region.id}", dstSales));
      String dstAlert = alerts.create(apply, alertDesired);
      assertEquals(alertDesired, alerts.refresh(apply, dstAlert).orElseThrow());
      assertEquals(Optional.of(dstAlert), alerts.adopt(apply, alertDesired));
      ObjectNode alertChanged = alertDesired.deepCopy().put("seconds_to_retrigger", 120);
      alerts.update(apply, dstAlert, alertChanged, alertDesired);
      assertEquals(alertChanged, alerts.refresh(apply, dstAlert).orElseThrow());

      alerts.delete(apply, dstAlert, alertChanged);
      assertNull(KindHarness.read(alerts, dst.client(), dstAlert), "a trashed alert reads as gone");
      alerts.delete(apply, dstAlert, alertChanged);
      queries.delete(apply, dstSales, changed);
      assertNull(KindHarness.read(queries, dst.client(), dstSales));
      assertTrue(queries.adopt(apply, changed).isEmpty(), "a trashed query is not adopted");
    }
  }

  @Test
  void createMakesTheFolder() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      String wh = SqlWarehouseKindTest.warehouse(dst, "{\"name\": \"bi\"}");
      KindHarness.Apply apply = KindHarness.applying(dst.client());
      ObjectNode attrs = TfJson.object().put("display_name", "q").put("query_text", "SELECT 1").put("warehouse_id", wh)
          .put("parent_path", "/Shared/new/folder");
      String id = queries.create(apply, attrs);
      JsonNode status = Rest.get(dst.client(), "/api/2.0/workspace/get-status", "path", "/Shared/new/folder");
      assertEquals("DIRECTORY", status.path("object_type").asText());
      List<String> names = new ArrayList<>();
      queries.refresh(apply, id).orElseThrow().fieldNames().forEachRemaining(names::add);
      assertTrue(names.contains("run_as_mode"), "server defaults show in the refresh: " + names);
    }
  }
}
