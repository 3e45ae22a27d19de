package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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

class DirectoryKindTest {
  private static TestWorkspace source;
  private static TestWorkspace target;
  private final DirectoryKind kind = new DirectoryKind();

  @BeforeAll
  static void start() throws Exception {
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    for (TestWorkspace ws : List.of(source, target)) {
      group(ws.client(), "finance");
      user(ws.client(), "carl@example.com");
    }
    notebook(source.client(), "/Projects/finance/q1", "PYTHON", "# Databricks notebook source\n1\n");
    notebook(source.client(), "/Projects/plain/x", "PYTHON", "# Databricks notebook source\n1\n");
    WorkspaceApi.mkdirs(source.client(), "/Projects/empty");
    grant(source.client(), "directories", Long.toString(objectId(source.client(), "/Projects/finance")),
        "group_name:finance", "CAN_EDIT");
    notebook(source.client(), "/Users/carl@example.com/nb", "PYTHON", "# Databricks notebook source\n1\n");
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  private Map<String, List<ExportedResource>> exportAll(TestExportContext ctx) throws Exception {
    Map<String, List<ExportedResource>> out = new LinkedHashMap<>();
    List<SourceObject> objects = kind.list(ctx);
    objects.forEach(o -> ctx.index.put(DirectoryKind.TYPE + "/" + o.id(), o.name()));
    for (SourceObject o : objects) {
      List<ExportedResource> r = KindHarness.export(kind, ctx, o);
      if (!r.isEmpty()) {
        out.put(o.id(), r);
      }
    }
    return out;
  }

  @Test
  void exportsOnlyFoldersWithPermissionsOrNothingInside(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "notebook", "{\"notebook_path\": [\"/Projects\", \"/Users\"]}", tmp);
    Map<String, List<ExportedResource>> exported = exportAll(ctx);

    assertEquals(List.of("/Projects/empty", "/Projects/finance"), List.copyOf(exported.keySet()),
        "plain folders, built-ins and default home folders are not resources");
    assertEquals(1, exported.get("/Projects/empty").size());
    assertGolden("directory/projects_finance.tf.json", document(exported.get("/Projects/finance")));
    assertGolden("directory/projects_empty.tf.json", document(exported.get("/Projects/empty")));
  }

  @Test
  void homeFolderWithExtraGrantsIsExported(@TempDir Path tmp) throws Exception {
    String home = "/Users/carl@example.com";
    String id = Long.toString(objectId(source.client(), home));
    grant(source.client(), "directories", id, "user_name:carl@example.com", "CAN_MANAGE", "group_name:finance", "CAN_READ");
    try {
      TestExportContext ctx = exportContext(source.client(), "notebook", "{\"notebook_path\": \"/Users\"}", tmp);
      Map<String, List<ExportedResource>> exported = exportAll(ctx);
      assertEquals(List.of(home), List.copyOf(exported.keySet()));
      assertEquals(2, exported.get(home).get(1).attrs().get("access_control").size());
    } finally {
      grant(source.client(), "directories", id, "user_name:carl@example.com", "CAN_MANAGE");
    }
  }

  @Test
  void roundTripWithPermissions(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "notebook", "{\"notebook_path\": \"/Projects\"}", tmp);
    List<ExportedResource> exported = exportAll(ctx).get("/Projects/finance");
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    ObjectNode dir = exported.get(0).attrs();

    assertTrue(kind.adopt(apply, dir).isEmpty());
    String path = kind.create(apply, dir);
    assertEquals("/Projects/finance", path);
    assertEquals(dir, kind.refresh(apply, path).orElseThrow());
    assertEquals(path, kind.adopt(apply, dir).orElseThrow());

    PermissionsKind permissions = new PermissionsKind();
    ObjectNode perms = resolve(exported.get(1).attrs(), Map.of("${databricks_directory." + exported.get(0).name() + ".id}", path));
    String permId = permissions.create(apply, perms);
    assertTrue(permId.startsWith("/directories/"), permId);
    assertEquals(perms, permissions.refresh(apply, permId).orElseThrow());

    kind.update(apply, path, dir.deepCopy().put("delete_recursive", true), dir);
    assertEquals(dir, kind.refresh(apply, path).orElseThrow());

    notebook(target.client(), "/Projects/finance/unmanaged", "PYTHON", "# Databricks notebook source\n1\n");
    kind.delete(apply, path, dir);
    assertTrue(kind.refresh(apply, path).isPresent(), "a folder holding unmanaged objects is kept");
    kind.delete(apply, path, TfJson.object().put("path", path).put("delete_recursive", true));
    assertFalse(kind.refresh(apply, path).isPresent());
  }

  @Test
  void homeAndBuiltInFoldersAreTheTargetsOwnOthersAreNot() {
    DirectoryKind kind = new DirectoryKind();
    assertTrue(kind.builtIn(null, TfJson.object().put("path", "/Users/ann@example.com")));
    assertTrue(kind.builtIn(null, TfJson.object().put("path", "/Shared")));
    assertFalse(kind.builtIn(null, TfJson.object().put("path", "/Users/ann@example.com/reports")));
    assertFalse(kind.builtIn(null, TfJson.object().put("path", "/Shared/etl")));
  }
}
