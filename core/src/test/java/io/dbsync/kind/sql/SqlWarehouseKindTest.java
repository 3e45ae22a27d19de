package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

class SqlWarehouseKindTest {
  static final String PROFILE = "arn:aws:iam::123456789012:instance-profile/sql";
  private final SqlWarehouseKind kind = new SqlWarehouseKind();

  static String warehouse(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), SqlWarehouseKind.BASE, TfJson.MAPPER.readTree(json)).get("id").asText();
  }

  @Test
  void exportsSettingsAndPermissionsAndRoundTrips(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      group(src.client(), "analysts");
      String id = warehouse(src, """
          {"name": "bi", "cluster_size": "Medium", "min_num_clusters": 1, "max_num_clusters": 3, "auto_stop_mins": 45,
           "enable_photon": false, "spot_instance_policy": "RELIABILITY_OPTIMIZED", "instance_profile_arn": "%s",
           "channel": {"name": "CHANNEL_NAME_PREVIEW"},
           "tags": {"custom_tags": [{"key": "team", "value": "bi"}, {"key": "cost", "value": "low"}]}}""".formatted(PROFILE));
      warehouse(src, "{\"name\": \"scratch\"}");
      grant(src.client(), "sql/warehouses", id, "group_name:analysts", "CAN_USE");
      TestExportContext ctx = exportContext(src.client(), "sql_warehouse", "{\"patterns\": [\"b*\"]}", tmp);
      ctx.index.put("databricks_sql_endpoint/" + id, "bi");
      ctx.index.put("databricks_instance_profile/" + PROFILE, "sql_profile");

      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("bi"), listed.stream().map(SourceObject::name).toList(), "patterns select by name");
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      assertGolden("sql_warehouse/bi.tf.json", document(exported));
      ObjectNode attrs = exported.get(0).attrs();
      assertFalse(attrs.has("state") || attrs.has("jdbc_url") || attrs.has("creator_name") || attrs.has("id"));

      KindHarness.Apply apply = KindHarness.applying(dst.client());
      ObjectNode desired = resolve(attrs, Map.of("${databricks_instance_profile.sql_profile.id}", PROFILE));
      assertTrue(kind.adopt(apply, desired).isEmpty());
      String created = kind.create(apply, desired);
      assertEquals(desired, kind.refresh(apply, created).orElseThrow(), "a created warehouse refreshes to its config");
      assertEquals(Optional.of(created), kind.adopt(apply, desired), "names are unique: the same name is adopted");

      ObjectNode changed = desired.deepCopy();
      changed.put("auto_stop_mins", 10).put("cluster_size", "Large");
      kind.update(apply, created, changed, desired);
      assertEquals(changed, kind.refresh(apply, created).orElseThrow());

      kind.delete(apply, created, changed);
      assertNull(KindHarness.read(kind, dst.client(), created));
      kind.delete(apply, created, changed);
    }
  }

  @Test
  void passiveImportStopsTheWarehouse() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply passive = KindHarness.applying(dst.client()).passive(true);
      String id = kind.create(passive, TfJson.object().put("name", "standby").put("cluster_size", "Small"));
      assertEquals("STOPPED", Rest.get(dst.client(), SqlWarehouseKind.BASE + "/" + id).path("state").asText());
      Rest.post(dst.client(), SqlWarehouseKind.BASE + "/" + id + "/start", TfJson.object());
      kind.update(passive, id, TfJson.object().put("name", "standby").put("cluster_size", "Medium"), null);
      assertEquals("STOPPED", Rest.get(dst.client(), SqlWarehouseKind.BASE + "/" + id).path("state").asText());
      String active = kind.create(KindHarness.applying(dst.client()), TfJson.object().put("name", "live").put("cluster_size", "Small"));
      assertEquals("RUNNING", Rest.get(dst.client(), SqlWarehouseKind.BASE + "/" + active).path("state").asText());
    }
  }
}
