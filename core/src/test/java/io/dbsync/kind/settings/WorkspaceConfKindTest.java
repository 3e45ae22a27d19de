package io.dbsync.kind.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceConfKindTest {
  private final WorkspaceConfKind kind = new WorkspaceConfKind();

  private static void patch(TestWorkspace ws, String json) throws Exception {
    Rest.patch(ws.client(), WorkspaceConfKeys.PATH, TfJson.MAPPER.readTree(json));
  }

  private static JsonNode conf(TestWorkspace ws, String keys) throws Exception {
    return Rest.get(ws.client(), WorkspaceConfKeys.PATH, "keys", keys);
  }

  @Test
  void exportsTheSetKeysAndTheUsagePermissions(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      patch(src, "{\"enableIpAccessLists\": \"true\", \"maxTokenLifetimeDays\": \"90\", \"enableWebTerminal\": \"false\"}");
      group(src.client(), "data-engineers");
      grant(src.client(), "authorization", "tokens", "group_name:data-engineers", "CAN_USE");
      grant(src.client(), "authorization", "passwords", "group_name:data-engineers", "CAN_USE");

      TestExportContext ctx = exportContext(src.client(), "workspace_conf", null, dir);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("_"), listed.stream().map(SourceObject::id).toList());
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      assertEquals(List.of("databricks_workspace_conf.workspace_conf", "databricks_permissions.token_usage",
          "databricks_permissions.password_usage"), exported.stream().map(ExportedResource::address).toList());
      // unset keys are not exported; a key set to false is (an admin chose it)
      assertEquals(TfJson.MAPPER.readTree(
          "{\"enableIpAccessLists\": \"true\", \"enableWebTerminal\": \"false\", \"maxTokenLifetimeDays\": \"90\"}"),
          exported.get(0).attrs().get("custom_config"));
      assertEquals("tokens", exported.get(1).attrs().path("authorization").asText());
      assertGolden("workspace_conf/workspace_conf.tf.json", document(exported));

      assertEquals(List.of(), kind.list(exportContext(src.client(), "workspace_conf", "{\"patterns\": [\"other\"]}", dir)));
    }
  }

  @Test
  void anUntouchedWorkspaceHasNothingToExport(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      TestExportContext ctx = exportContext(src.client(), "workspace_conf", null, dir);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of(), KindHarness.export(kind, ctx, listed.get(0)),
          "no key set and only the admins' own token grant: no file");
    }
  }

  @Test
  void importSetsKeysAndNeverResetsOne() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      patch(dst, "{\"enableExportNotebook\": \"false\", \"enableIpAccessLists\": \"false\"}");
      KindHarness.Apply actx = KindHarness.applying(dst.client());
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree(
          "{\"custom_config\": {\"enableIpAccessLists\": \"true\", \"maxTokenLifetimeDays\": \"90\"}}");
      assertEquals(Optional.of("_"), kind.adopt(actx, desired), "the singleton is always adopted");
      kind.update(actx, "_", desired, kind.refresh(actx, "_").orElseThrow());
      ObjectNode refreshed = kind.refresh(actx, "_").orElseThrow();
      assertEquals("true", refreshed.at("/custom_config/enableIpAccessLists").asText());
      assertEquals("90", refreshed.at("/custom_config/maxTokenLifetimeDays").asText());
      assertEquals("false", refreshed.at("/custom_config/enableExportNotebook").asText(), "a target-only key stays");

      ObjectNode fewer = (ObjectNode) TfJson.MAPPER.readTree("{\"custom_config\": {\"enableIpAccessLists\": \"true\"}}");
      kind.update(actx, "_", fewer, desired);
      assertEquals("90", conf(dst, "maxTokenLifetimeDays").path("maxTokenLifetimeDays").asText(),
          "a key leaving the configuration keeps its value");
      kind.delete(actx, "_", fewer);
      assertEquals("true", conf(dst, "enableIpAccessLists").path("enableIpAccessLists").asText(),
          "delete never touches the settings");

      assertEquals("_", kind.create(actx, (ObjectNode) TfJson.MAPPER.readTree(
          "{\"custom_config\": {\"enableWebTerminal\": \"true\"}}")));
      assertEquals("true", conf(dst, "enableWebTerminal").path("enableWebTerminal").asText());
    }
  }

  @Test
  void keysTheWorkspaceDoesNotKnowAreLeftOut() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      patch(ws, "{\"enableTokensConfig\": \"true\"}");
      JsonNode conf = WorkspaceConfKeys.read(ws.client(), List.of("noSuchSetting", "enableTokensConfig", "alsoUnknown"));
      assertEquals("true", conf.path("enableTokensConfig").asText());
      assertTrue(!conf.has("noSuchSetting") && !conf.has("alsoUnknown"), conf.toString());
    }
  }

  @Test
  void tokenUsagePermissionsRoundTripThroughThePermissionsKind() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      group(dst.client(), "data-engineers");
      PermissionsKind perms = new PermissionsKind();
      KindHarness.Apply actx = KindHarness.applying(dst.client());
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"authorization": "tokens",
           "access_control": [{"group_name": "data-engineers", "permission_level": "CAN_USE"}]}""");
      String id = perms.create(actx, desired);
      assertEquals("/authorization/tokens", id);
      assertEquals(desired, perms.refresh(actx, id).orElseThrow());
      perms.delete(actx, id, desired);
      assertNull(perms.refresh(actx, id).orElse(null));
    }
  }
}
