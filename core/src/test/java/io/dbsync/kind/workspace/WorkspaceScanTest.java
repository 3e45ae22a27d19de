package io.dbsync.kind.workspace;

import io.dbsync.client.Rest;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** Git folders and dashboards are their own kinds: never walked, never exported as notebooks or files. */
  @Test
  void gitFoldersAndDashboardsAreNotWorkspaceObjectsOfTheseKinds(@TempDir Path tmp) throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      notebook(ws.client(), "/Projects/a/nb", "PYTHON", "# Databricks notebook source\n1\n");
      Rest.post(ws.client(), "/api/2.0/repos", TfJson.object().put("url", "https://github.com/example/etl.git")
          .put("provider", "gitHub").put("path", "/Projects/etl"));
      notebook(ws.client(), "/Projects/etl/jobs/load", "PYTHON", "# Databricks notebook source\n2\n");
      file(ws.client(), "/Projects/etl/README.md", "x".getBytes(StandardCharsets.UTF_8));
      Rest.post(ws.client(), "/api/2.0/lakeview/dashboards", TfJson.object().put("display_name", "Sales")
          .put("parent_path", "/Projects/a").put("serialized_dashboard", "{}"));
      KindSettings settings = new KindSettings("notebook", TfJson.MAPPER.readTree("{\"notebook_path\": \"/Projects\"}"));

      TestExportContext run = KindHarness.exporting(ws.client(), settings, tmp);
      assertEquals(List.of("/Projects/a/nb"), new NotebookKind().list(run.sibling(tmp)).stream().map(SourceObject::id).toList());
      assertEquals(List.of(), new WorkspaceFileKind().list(run.sibling(tmp)), "neither the dashboard nor the repo's files");
      assertEquals(List.of("/Projects", "/Projects/a"),
          new DirectoryKind().list(run.sibling(tmp)).stream().map(SourceObject::id).toList(), "nothing in the Git folder");
      assertEquals(List.of(), run.warnings);

      KindSettings inside = new KindSettings("notebook", TfJson.MAPPER.readTree("{\"notebook_path\": \"/Projects/etl/jobs\"}"));
      TestExportContext insideRun = KindHarness.exporting(ws.client(), inside, tmp);
      assertEquals(List.of(), new NotebookKind().list(insideRun));
      assertEquals(1, insideRun.warnings.size());
      assertTrue(insideRun.warnings.get(0).contains("inside the Git folder /Projects/etl"), insideRun.warnings.toString());
    }
  }
}
