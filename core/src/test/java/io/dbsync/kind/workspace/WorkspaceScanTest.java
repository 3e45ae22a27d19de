package io.dbsync.kind.workspace;

import io.dbsync.config.KindSettings;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.dbsync.kind.workspace.KindTestSupport.file;
import static io.dbsync.kind.workspace.KindTestSupport.notebook;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceScanTest {
  @Test
  void theThreeWorkspaceKindsShareOneListingPerRun(@TempDir Path tmp) throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      notebook(ws.client(), "/Projects/a/nb", "PYTHON", "# Databricks notebook source\n1\n");
      file(ws.client(), "/Projects/b/f.txt", "x".getBytes(StandardCharsets.UTF_8));
      WorkspaceApi.mkdirs(ws.client(), "/Projects/c");
      KindSettings settings = new KindSettings("notebook", TfJson.MAPPER.readTree("{\"notebook_path\": \"/Projects\"}"));
      ws.emulator().requests().reset();

      TestExportContext run = KindHarness.exporting(ws.client(), settings, tmp);
      List<SourceObject> nbs = new NotebookKind().list(run.sibling(tmp));
      List<SourceObject> dirs = new DirectoryKind().list(run.sibling(tmp));
      List<SourceObject> files = new WorkspaceFileKind().list(run.sibling(tmp));

      assertEquals(List.of("/Projects/a/nb"), nbs.stream().map(SourceObject::id).toList());
      assertEquals(List.of("/Projects", "/Projects/a", "/Projects/b", "/Projects/c"), dirs.stream().map(SourceObject::id).toList());
      assertEquals(List.of("/Projects/b/f.txt"), files.stream().map(SourceObject::id).toList());
      assertEquals(4, ws.emulator().requests().route("GET /api/2.0/workspace/list"), "one listing per folder");

      notebook(ws.client(), "/Projects/a/nb2", "PYTHON", "# Databricks notebook source\n1\n");
      assertEquals(1, new NotebookKind().list(run.sibling(tmp)).size(), "the same run reuses its scan");
      assertEquals(4, ws.emulator().requests().route("GET /api/2.0/workspace/list"), "no listing for the reuse");
      List<SourceObject> again = new NotebookKind().list(KindHarness.exporting(ws.client(), settings, tmp));
      assertEquals(2, again.size(), "the next export run scans again");
    }
  }
}
