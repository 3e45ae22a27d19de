package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.identity.UserNames;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.expectedRefresh;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.notebook;
import static io.dbsync.kind.workspace.KindTestSupport.objectId;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookKindTest {
  /** path -> (language, SOURCE text) of the seeded notebooks, including names that need mapping. */
  private static final Map<String, String[]> NOTEBOOKS = new LinkedHashMap<>();

  static {
    NOTEBOOKS.put("/Shared/etl/ingest", new String[] {"PYTHON", "# Databricks notebook source\nprint('hi')\n\n# COMMAND ----------\n\n# MAGIC %md # Title\n"});
    NOTEBOOKS.put("/Shared/etl/Transform.scala", new String[] {"SCALA", "// Databricks notebook source\nval x = 1\n"});
    NOTEBOOKS.put("/Shared/etl/report", new String[] {"SQL", "-- Databricks notebook source\nSELECT 1\n"});
    NOTEBOOKS.put("/Shared/etl/stats", new String[] {"R", "# Databricks notebook source\nprint(1)\n"});
    NOTEBOOKS.put("/Shared/odd/my nb #1 100% ü", new String[] {"PYTHON", "# Databricks notebook source\nprint('ü')\n"});
    NOTEBOOKS.put("/Shared/odd/..hidden", new String[] {"PYTHON", "# Databricks notebook source\nprint(2)\n"});
  }

  private static TestWorkspace source;
  private static TestWorkspace target;
  private final NotebookKind kind = new NotebookKind();

  @BeforeAll
  static void start() throws Exception {
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    for (var e : NOTEBOOKS.entrySet()) {
      notebook(source.client(), e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    notebook(source.client(), "/Shared/scratch/tmp", "PYTHON", "# Databricks notebook source\n1\n");
    notebook(source.client(), "/Repos/someone/repo/nb", "PYTHON", "# Databricks notebook source\n1\n");
    group(source.client(), "analysts");
    group(target.client(), "analysts");
    grant(source.client(), "notebooks", Long.toString(objectId(source.client(), "/Shared/etl/ingest")),
        "group_name:analysts", "CAN_RUN");
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  private static TestExportContext ctx(Path tmp) throws Exception {
    return exportContext(source.client(), "notebook",
        "{\"notebook_path\": [\"/Shared\", \"/Repos\"], \"exclude_path\": \"/Shared/scratch/**\"}", tmp);
  }

  private Map<String, SourceObject> listed(TestExportContext ctx) throws Exception {
    Map<String, SourceObject> out = new LinkedHashMap<>();
    for (SourceObject o : kind.list(ctx)) {
      out.put(o.id(), o);
      ctx.index.put(NotebookKind.TYPE + "/" + o.id(), o.name());
    }
    return out;
  }

  @Test
  void listsSelectedNotebooksSkippingReposAndExcludedPaths(@TempDir Path tmp) throws Exception {
    assertEquals(NOTEBOOKS.keySet().stream().sorted().toList(), List.copyOf(listed(ctx(tmp)).keySet()));
  }

  @Test
  void globsSelectFromTheirLiteralPrefix(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "notebook", "{\"notebook_path\": \"/Shared/*/re*\"}", tmp);
    assertEquals(List.of("/Shared/etl/report"), kind.list(ctx).stream().map(SourceObject::id).toList());
  }

  @Test
  void excludeDeletedUsersSkipsOrphanedHomeFolders(@TempDir Path tmp) throws Exception {
    KindTestSupport.user(source.client(), "live@example.com");
    notebook(source.client(), "/Users/live@example.com/mine", "PYTHON", "# Databricks notebook source\n1\n");
    notebook(source.client(), "/Users/gone@example.com/left", "PYTHON", "# Databricks notebook source\n1\n");
    String settings = "{\"notebook_path\": \"/Users\", \"exclude_deleted_users\": %s}";
    assertEquals(List.of("/Users/gone@example.com/left", "/Users/live@example.com/mine"),
        kind.list(exportContext(source.client(), "notebook", settings.formatted("false"), tmp)).stream().map(SourceObject::id).toList());
    source.emulator().requests().reset();
    TestExportContext excluding = exportContext(source.client(), "notebook", settings.formatted("true"), tmp);
    assertEquals(List.of("/Users/live@example.com/mine"), kind.list(excluding).stream().map(SourceObject::id).toList());
    assertTrue(UserNames.of(excluding).contains("live@example.com"), "what the identity kinds read");
    assertEquals(1, source.emulator().requests().route("GET /api/2.0/preview/scim/v2/Users"),
        "the scan and the identity kinds share the run's one users listing");
  }

  @Test
  void exportsSourceInAllLanguagesWithSafeArtifactPaths(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp);
    Map<String, SourceObject> objects = listed(ctx);
    for (var e : NOTEBOOKS.entrySet()) {
      SourceObject obj = objects.get(e.getKey());
      List<ExportedResource> resources = KindHarness.export(kind, ctx, obj);
      ObjectNode attrs = resources.get(0).attrs();
      assertEquals(e.getValue()[0], attrs.get("language").asText());
      Path artifact = ctx.artifactFile(attrs.get("source").asText()).normalize();
      assertTrue(artifact.startsWith(tmp), "artifact stays under data/: " + artifact);
      assertEquals(e.getValue()[1], Files.readString(artifact, StandardCharsets.UTF_8), e.getKey());
      assertGolden("notebook/" + obj.name() + ".tf.json", document(resources));
    }
    List<ExportedResource> withAcl = KindHarness.export(kind, ctx, objects.get("/Shared/etl/ingest"));
    assertEquals(2, withAcl.size());
    assertEquals("databricks_permissions", withAcl.get(1).type());
  }

  @Test
  void roundTripsThroughATargetWorkspace(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp);
    Map<String, SourceObject> objects = listed(ctx);
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    for (String path : NOTEBOOKS.keySet()) {
      ObjectNode desired = resolve(KindHarness.export(kind, ctx, objects.get(path)).get(0).attrs(), Map.of());
      assertTrue(kind.adopt(apply, desired).isEmpty());
      String id = kind.create(apply, desired);
      assertEquals(path, id);
      assertEquals(expectedRefresh(desired, ctx), kind.refresh(apply, id).orElseThrow(), path);
      assertEquals(path, kind.adopt(apply, desired).orElseThrow(), "an existing notebook is adopted");
    }

    String path = "/Shared/etl/report";
    ObjectNode desired = KindHarness.export(kind, ctx, objects.get(path)).get(0).attrs();
    Path artifact = ctx.artifactFile(desired.get("source").asText());
    Files.writeString(artifact, "-- Databricks notebook source\nSELECT 2\n");
    kind.update(apply, path, desired, desired);
    assertEquals(expectedRefresh(desired, ctx), kind.refresh(apply, path).orElseThrow());

    kind.delete(apply, path, desired);
    assertTrue(kind.refresh(apply, path).isEmpty());
    kind.delete(apply, path, desired);
  }

  @Test
  void permissionsOfANotebookRoundTrip(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = ctx(tmp);
    Map<String, SourceObject> objects = listed(ctx);
    List<ExportedResource> exported = KindHarness.export(kind, ctx, objects.get("/Shared/etl/ingest"));
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    String path = kind.create(apply, exported.get(0).attrs());
    Map<String, String> refs = new HashMap<>();
    refs.put("${databricks_notebook." + objects.get("/Shared/etl/ingest").name() + ".id}", path);
    ObjectNode perms = resolve(exported.get(1).attrs(), refs);
    var permissionsKind = new io.dbsync.kind.permissions.PermissionsKind();
    String id = permissionsKind.create(apply, perms);
    assertEquals(perms, permissionsKind.refresh(apply, id).orElseThrow());
  }
}
