package io.dbsync.kind.workspace;

import com.databricks.sdk.service.workspace.Delete;
import io.dbsync.apply.ImportApplyContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parent folders are made once per run, also when a folder's notebooks are imported in parallel, and
 * a folder deleted behind the cache's back is made again.
 */
class FolderCacheTest {
  @TempDir
  Path exports;

  @Test
  void oneMkdirsPerFolderAndStaleFoldersAreRecreated() throws Exception {
    Files.createDirectories(exports.resolve("notebook/data"));
    Files.writeString(exports.resolve("notebook/data/nb.py"), "# Databricks notebook source\nprint(1)\n");
    try (TestWorkspace ws = TestWorkspace.start()) {
      ImportApplyContext ctx = new ImportApplyContext(ws.client(), exports, false);
      NotebookKind kind = new NotebookKind();
      ws.emulator().requests().reset();
      for (int i = 0; i < 5; i++) {
        kind.create(ctx, TfJson.object().put("path", "/Shared/team/nb" + i).put("language", "PYTHON")
            .put("source", "${path.module}/notebook/data/nb.py"));
      }
      assertEquals(1, ws.emulator().requests().route("POST /api/2.0/workspace/mkdirs"), "one mkdirs for one folder");

      ws.emulator().requests().reset();
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        List<java.util.concurrent.Future<String>> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          String path = "/Shared/parallel/nb" + i;
          created.add(pool.submit(() -> kind.create(ctx, TfJson.object().put("path", path).put("language", "PYTHON")
              .put("source", "${path.module}/notebook/data/nb.py"))));
        }
        for (var f : created) {
          f.get();
        }
      }
      assertEquals(1, ws.emulator().requests().route("POST /api/2.0/workspace/mkdirs"), "one mkdirs for 24 notebooks at once");

      ws.client().workspace().delete(new Delete().setPath("/Shared/team").setRecursive(true));
      kind.create(ctx, TfJson.object().put("path", "/Shared/team/again").put("language", "PYTHON")
          .put("source", "${path.module}/notebook/data/nb.py"));
      assertEquals("NOTEBOOK", ws.client().workspace().getStatus(
          new com.databricks.sdk.service.workspace.GetStatusRequest().setPath("/Shared/team/again")).getObjectType().toString());
    }
  }
}
