package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
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
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.expectedRefresh;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.file;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.objectId;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static io.dbsync.kind.workspace.KindTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceFileKindTest {
  /** Looks like a notebook: must stay a file through the round trip. */
  private static final byte[] LOOKS_LIKE_NOTEBOOK = "# Databricks notebook source\nprint(1)\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13, 0};

  private static TestWorkspace source;
  private static TestWorkspace target;
  private final WorkspaceFileKind kind = new WorkspaceFileKind();

  @BeforeAll
  static void start() throws Exception {
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    user(source.client(), "dora@example.com");
    user(target.client(), "dora@example.com");
    file(source.client(), "/Shared/lib/util.py", LOOKS_LIKE_NOTEBOOK);
    file(source.client(), "/Shared/lib/data 1%.bin", BINARY);
    grant(source.client(), "files", Long.toString(objectId(source.client(), "/Shared/lib/util.py")),
        "user_name:dora@example.com", "CAN_READ");
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  @Test
  void exportsBytesAndRoundTrips(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "notebook", "{\"notebook_path\": \"/Shared\"}", tmp);
    List<SourceObject> objects = kind.list(ctx);
    assertEquals(List.of("/Shared/lib/data 1%.bin", "/Shared/lib/util.py"), objects.stream().map(SourceObject::id).toList());
    objects.forEach(o -> ctx.index.put(WorkspaceFileKind.TYPE + "/" + o.id(), o.name()));
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);

    for (SourceObject o : objects) {
      List<ExportedResource> exported = KindHarness.export(kind, ctx, o);
      byte[] expected = o.id().endsWith(".py") ? LOOKS_LIKE_NOTEBOOK : BINARY;
      assertArrayEquals(expected, Files.readAllBytes(ctx.artifactFile(exported.get(0).attrs().get("source").asText())));
      assertGolden("workspace_file/" + o.name() + ".tf.json", document(exported));

      ObjectNode desired = exported.get(0).attrs();
      String id = kind.create(apply, desired);
      assertEquals(o.id(), id);
      assertEquals(expectedRefresh(desired, ctx), kind.refresh(apply, id).orElseThrow());
      assertEquals(id, kind.adopt(apply, desired).orElseThrow());
      if (exported.size() > 1) {
        PermissionsKind permissions = new PermissionsKind();
        ObjectNode perms = resolve(exported.get(1).attrs(), Map.of("${databricks_workspace_file." + o.name() + ".id}", id));
        String permId = permissions.create(apply, perms);
        assertTrue(permId.startsWith("/files/"), permId);
        assertEquals(perms, permissions.refresh(apply, permId).orElseThrow());
      }
    }

    ObjectNode desired = KindHarness.export(kind, ctx, objects.get(1)).get(0).attrs();
    Files.write(ctx.artifactFile(desired.get("source").asText()), new byte[] {42});
    kind.update(apply, objects.get(1).id(), desired, desired);
    assertEquals(expectedRefresh(desired, ctx), kind.refresh(apply, objects.get(1).id()).orElseThrow());
    kind.delete(apply, objects.get(1).id(), desired);
    assertTrue(kind.refresh(apply, objects.get(1).id()).isEmpty());
  }
}
