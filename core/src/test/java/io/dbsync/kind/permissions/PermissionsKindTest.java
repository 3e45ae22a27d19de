package io.dbsync.kind.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.notebook;
import static io.dbsync.kind.workspace.KindTestSupport.objectId;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static io.dbsync.kind.workspace.KindTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionsKindTest {
  private static TestWorkspace source;
  private static TestWorkspace target;
  private final PermissionsKind kind = new PermissionsKind();

  @BeforeAll
  static void start() throws Exception {
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    for (TestWorkspace ws : List.of(source, target)) {
      user(ws.client(), "ana@example.com");
      user(ws.client(), "bo@example.com");
      group(ws.client(), "data-eng");
      notebook(ws.client(), "/Shared/etl/daily", "PYTHON", "# Databricks notebook source\nprint(1)\n");
    }
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  private TestExportContext ctx(Path tmp, String settings) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "notebook", settings, tmp);
    ctx.index.put("databricks_notebook//Shared/etl/daily", "shared_etl_daily");
    return ctx;
  }

  @Test
  void exportKeepsDirectGrantsSortedWithoutAdmins(@TempDir Path tmp) throws Exception {
    long id = objectId(source.client(), "/Shared/etl/daily");
    grant(source.client(), "notebooks", Long.toString(id),
        "user_name:bo@example.com", "CAN_RUN", "group_name:data-eng", "CAN_EDIT", "user_name:ana@example.com", "CAN_MANAGE");
    TestExportContext ctx = ctx(tmp, null);

    List<ExportedResource> found = PermissionsKind.forObject(ctx, "notebooks", Long.toString(id), "notebook_path",
        ctx.ref("databricks_notebook", "/Shared/etl/daily", "id"), "shared_etl_daily");

    assertEquals(1, found.size());
    ExportedResource r = found.get(0);
    assertEquals("databricks_permissions", r.type());
    assertEquals("shared_etl_daily", r.name());
    assertEquals("${databricks_notebook.shared_etl_daily.id}", r.attrs().get("notebook_path").asText());
    assertFalse(r.attrs().toString().contains("admins"), "admins' inherited CAN_MANAGE is never exported");
    assertGolden("permissions/notebook.tf.json", document(found));
  }

  @Test
  void noDirectGrantsMeansNoResource(@TempDir Path tmp) throws Exception {
    notebook(source.client(), "/Shared/etl/untouched", "SQL", "-- Databricks notebook source\nSELECT 1\n");
    long id = objectId(source.client(), "/Shared/etl/untouched");
    assertTrue(PermissionsKind.forObject(ctx(tmp, null), "notebooks", Long.toString(id), "notebook_path", "x", "n").isEmpty());
    assertTrue(PermissionsKind.forObject(ctx(tmp, null), "notebooks", "987654321", "notebook_path", "x", "n").isEmpty(),
        "an object that vanished has no permissions");
  }

  @Test
  void parameterizedPrincipalsBecomeVariables(@TempDir Path tmp) throws Exception {
    long id = objectId(source.client(), "/Shared/etl/daily");
    grant(source.client(), "notebooks", Long.toString(id), "user_name:bo@example.com", "CAN_READ");
    TestExportContext ctx = ctx(tmp, "{\"parameterize_permissions\": true}");

    ExportedResource r = PermissionsKind.forObject(ctx, "notebooks", Long.toString(id), "notebook_path", "p", "n").get(0);

    String value = r.attrs().get("access_control").get(0).get("user_name").asText();
    assertTrue(value.startsWith("${var.principal_bo_example_com"), value);
    assertEquals("bo@example.com", ctx.variables.values().iterator().next());
  }

  @Test
  void roundTripOnNotebookPath(@TempDir Path tmp) throws Exception {
    long id = objectId(source.client(), "/Shared/etl/daily");
    grant(source.client(), "notebooks", Long.toString(id), "user_name:ana@example.com", "CAN_EDIT", "group_name:data-eng", "CAN_RUN");
    TestExportContext ctx = ctx(tmp, null);
    ExportedResource exported = PermissionsKind.forObject(ctx, "notebooks", Long.toString(id), "notebook_path",
        ctx.ref("databricks_notebook", "/Shared/etl/daily", "id"), "shared_etl_daily").get(0);
    ObjectNode desired = resolve(exported.attrs(), Map.of("${databricks_notebook.shared_etl_daily.id}", "/Shared/etl/daily"));
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);

    String tfId = kind.create(apply, desired);
    long targetId = objectId(target.client(), "/Shared/etl/daily");
    assertEquals("/notebooks/" + targetId, tfId);
    assertEquals(desired, kind.refresh(apply, tfId).orElseThrow(), "round trip has zero diff");

    // a fresh client (new process) still refreshes to the path selector, through a workspace listing
    WorkspaceClient fresh = Clients.forHost(target.emulator().url(), target.emulator().token());
    assertEquals(desired, kind.refresh(KindHarness.applying(fresh).artifactsOf(ctx), tfId).orElseThrow());

    ObjectNode changed = desired.deepCopy();
    ((ObjectNode) changed.get("access_control").get(0)).put("permission_level", "CAN_MANAGE");
    kind.update(apply, tfId, changed, desired);
    assertEquals(changed, kind.refresh(apply, tfId).orElseThrow());

    kind.delete(apply, tfId, changed);
    assertTrue(kind.refresh(apply, tfId).isEmpty(), "no direct grants left");
    kind.delete(apply, tfId, changed);
  }

  @Test
  void jobsKeepTheirOwner(@TempDir Path tmp) throws Exception {
    ObjectNode settings = TfJson.object().put("name", "nightly");
    JsonNode created = Rest.post(target.client(), "/api/2.2/jobs/create", settings);
    String jobId = created.get("job_id").asText();
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(exportContext(target.client(), "job", null, tmp));
    ObjectNode desired = TfJson.object().put("job_id", jobId);
    desired.putArray("access_control").addObject().put("user_name", "bo@example.com").put("permission_level", "CAN_VIEW");

    String tfId = kind.create(apply, desired);
    assertEquals("/jobs/" + jobId, tfId);
    ObjectNode refreshed = kind.refresh(apply, tfId).orElseThrow();
    assertEquals(2, refreshed.get("access_control").size(), refreshed.toString());
    assertTrue(refreshed.toString().contains("IS_OWNER"), "the creator stays owner when the config names none");

    kind.delete(apply, tfId, desired);
    ObjectNode after = kind.refresh(apply, tfId).orElseThrow();
    assertEquals(1, after.get("access_control").size());
    assertEquals("IS_OWNER", after.get("access_control").get(0).get("permission_level").asText());
  }

  @Test
  void tokensAuthorizationReadsBack(@TempDir Path tmp) throws Exception {
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(exportContext(target.client(), "x", null, tmp));
    ObjectNode desired = TfJson.object().put("authorization", "tokens");
    desired.putArray("access_control").addObject().put("group_name", "data-eng").put("permission_level", "CAN_USE");
    String tfId = kind.create(apply, desired);
    assertEquals("/authorization/tokens", tfId);
    assertEquals(desired, kind.refresh(apply, tfId).orElseThrow());
    assertEquals(desired, kind.toConfig(KindHarness.read(kind, target.client(), tfId), RefreshRendering.INSTANCE));
  }
}
