package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

class DashboardKindTest {
  static final String SERIALIZED = "{\"pages\":[{\"name\":\"p\",\"displayName\":\"Sales\",\"pageType\":\"PAGE_TYPE_CANVAS\"}],"
      + "\"datasets\":[{\"name\":\"d\",\"queryLines\":[\"SELECT 1\"]}]}";
  private final DashboardKind kind = new DashboardKind();

  static String dashboard(TestWorkspace ws, String name, String parent, String warehouse, String serialized) throws Exception {
    Rest.post(ws.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", parent));
    ObjectNode body = TfJson.object().put("display_name", name).put("parent_path", parent).put("warehouse_id", warehouse)
        .put("serialized_dashboard", serialized);
    return Rest.post(ws.client(), DashboardKind.BASE, body).get("dashboard_id").asText();
  }

  private static JsonNode published(TestWorkspace ws, String id) throws Exception {
    return Rest.getOrNull(ws.client(), DashboardKind.BASE + "/" + id + "/published");
  }

  @Test
  void exportsTheSerializedFormAsAFileAndRoundTrips(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      group(src.client(), "viewers");
      String wh = SqlWarehouseKindTest.warehouse(src, "{\"name\": \"bi\"}");
      String id = dashboard(src, "Sales overview", "/Shared/dash", wh, SERIALIZED);
      Rest.post(src.client(), DashboardKind.BASE + "/" + id + "/published", TfJson.object().put("embed_credentials", false));
      grant(src.client(), "dashboards", id, "group_name:viewers", "CAN_RUN");
      String gone = dashboard(src, "Old", "/Shared/dash", wh, "{}");
      Rest.delete(src.client(), DashboardKind.BASE + "/" + gone);

      TestExportContext ctx = exportContext(src.client(), "dashboard", null, tmp.resolve("export"));
      ctx.index.put("databricks_sql_endpoint/" + wh, "bi");
      ctx.index.put("databricks_dashboard/" + id, "sales_overview");
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of(id), listed.stream().map(SourceObject::id).toList(), "trashed dashboards are not listed");
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      assertGolden("dashboard/sales_overview.tf.json", document(exported));
      ObjectNode attrs = exported.get(0).attrs();
      Path file = ctx.artifactFile(attrs.get("file_path").asText());
      assertEquals(TfJson.write(TfJson.MAPPER.readTree(SERIALIZED)), Files.readString(file, StandardCharsets.UTF_8),
          "the serialized dashboard is canonical, indented JSON");
      assertFalse(attrs.has("serialized_dashboard") || attrs.has("etag") || attrs.has("path"));

      KindHarness.Apply apply = KindHarness.applying(dst.client()).artifactsOf(ctx);
      String dstWh = SqlWarehouseKindTest.warehouse(dst, "{\"name\": \"bi\"}");
      ObjectNode desired = resolve(attrs, Map.of("${databricks_sql_endpoint.bi.id}", dstWh));
      assertTrue(kind.adopt(apply, desired).isEmpty());
      String created = kind.create(apply, desired);
      assertFalse(published(dst, created).path("embed_credentials").asBoolean(true), "published as the source was");
      ObjectNode expected = desired.deepCopy().put("file_path", RefreshRendering.sha256(o -> Files.copy(file, o)));
      assertEquals(expected, kind.refresh(apply, created).orElseThrow(), "the imported dashboard refreshes to its config");
      assertEquals(Optional.of(created), kind.adopt(apply, desired), "the path identifies a dashboard");

      // a workspace that stores the same dashboard in another serialization is no change
      Rest.patch(dst.client(), DashboardKind.BASE + "/" + created, TfJson.object().put("serialized_dashboard", SERIALIZED));
      assertEquals(expected, kind.refresh(apply, created).orElseThrow());

      Path edited = tmp.resolve("edited.lvdash.json");
      Files.writeString(edited, "{\"pages\": [{\"name\": \"p2\", \"pageType\": \"PAGE_TYPE_CANVAS\"}]}\n");
      apply.artifacts.put(edited.toString(), edited);
      ObjectNode changed = desired.deepCopy().put("file_path", edited.toString()).put("display_name", "Sales (new)");
      changed.remove("embed_credentials");
      kind.update(apply, created, changed, desired);
      JsonNode now = Rest.get(dst.client(), DashboardKind.BASE + "/" + created);
      assertEquals("/Shared/dash/Sales (new).lvdash.json", now.path("path").asText());
      assertEquals("p2", TfJson.MAPPER.readTree(now.path("serialized_dashboard").asText()).at("/pages/0/name").asText());
      assertTrue(published(dst, created).path("embed_credentials").asBoolean(false), "republished with the default");

      kind.delete(apply, created, changed);
      assertNull(KindHarness.read(kind, dst.client(), created), "a trashed dashboard reads as gone");
      kind.delete(apply, created, changed);
      assertTrue(kind.adopt(apply, changed).isEmpty());
    }
  }

  @Test
  void createMakesTheFolderAndPublishes(@TempDir Path tmp) throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply apply = KindHarness.applying(dst.client());
      apply.artifacts.put("dash.lvdash.json", Files.writeString(tmp.resolve("d.lvdash.json"), SERIALIZED));
      ObjectNode attrs = TfJson.object().put("display_name", "D").put("parent_path", "/Shared/new/dashboards")
          .put("warehouse_id", "abc").put("file_path", "dash.lvdash.json");
      String id = kind.create(apply, attrs);
      assertEquals("DASHBOARD", Rest.get(dst.client(), "/api/2.0/workspace/get-status", "path",
          "/Shared/new/dashboards/D.lvdash.json").path("object_type").asText());
      assertEquals("abc", published(dst, id).path("warehouse_id").asText());
    }
  }
}
