package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export the seeded workspace, import it into an empty one, compare, edit the source, sync again. */
class RoundTripTest {
  @TempDir
  Path tmp;

  static void assertSameWorkspace(WorkspaceClient source, WorkspaceClient target) throws Exception {
    WorkspaceView s = WorkspaceView.read(source, "/Shared", "/FileStore");
    WorkspaceView t = WorkspaceView.read(target, "/Shared", "/FileStore");
    WorkspaceView.assertSameObjects(s.objects, t.objects, "source vs target");
  }

  /**
   * Exporting the target gives the source's export: the same files with the same bytes, apart from
   * the ids each workspace assigned (in .source-ids.json and in cluster and job resource names).
   */
  void assertSameExport(WorkspaceClient source, WorkspaceClient target) throws Exception {
    Map<String, String> fromSource = comparable(source, tmp.resolve("source-export"));
    Map<String, String> fromTarget = comparable(target, tmp.resolve("target-export"));
    assertEquals(fromSource.keySet(), fromTarget.keySet(), "the same exported files");
    Map<String, String> differences = new TreeMap<>();
    fromSource.forEach((k, v) -> {
      if (!v.equals(fromTarget.get(k))) {
        differences.put(k, "\n--- source\n" + v + "\n--- target\n" + fromTarget.get(k));
      }
    });
    assertEquals(Map.of(), differences, "re-exporting the target differs from the source's export");
  }

  private static Map<String, String> comparable(WorkspaceClient w, Path repo) throws Exception {
    E2eSupport.export(w, repo);
    Map<String, byte[]> files = GoldenExportTest.normalizeClockIds(E2eSupport.files(repo.resolve("exports")),
        GoldenExportTest.idPlaceholders(w, true));
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> {
      // the source's ids and modified times differ between the two workspaces
      if (!k.endsWith(".source-ids.json") && !k.endsWith(GoldenExportTest.SOURCE_META)) {
        out.put(k, v.length > GoldenExportTest.BIG ? E2eSupport.sha256(v) : new String(v, StandardCharsets.UTF_8));
      }
    });
    return out;
  }

  /** type -> action of each change of a plan. */
  static TreeSet<String> changes(ImportResult r) {
    TreeSet<String> out = new TreeSet<>();
    for (PlannedChange c : r.plan().actionable()) {
      out.add(c.action() + " " + c.type() + " " + c.name());
    }
    return out;
  }

  @Test
  void roundTripConvergesAndSourceEditsFlowThrough() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      WorkspaceClient s = source.client();
      E2eSeed.populate(s);
      Path repo = tmp.resolve("repo");
      E2eSupport.export(s, repo);

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult plan = importing.run(false);
      assertTrue(plan.plan().toAdd() > 20, plan.planText());
      assertEquals(0, plan.plan().toDestroy(), plan.planText());
      assertTrue(plan.applied().isEmpty());
      ImportResult first = importing.run(true);
      assertTrue(first.success(), first.failures() + "\n" + importing.output());

      String targetCluster = E2eSeed.clusterId(target.client(), "etl shared");
      JsonNode targetJob = jobByName(target.client(), "e2e multi task");
      assertEquals(targetCluster, targetJob.at("/settings/tasks/0/existing_cluster_id").asText(),
          "the target job runs on the target's cluster");
      byte[] blob = WorkspaceView.read(target.client(), "/Shared", "/FileStore").dbfsBytes(E2eSeed.BLOB_PATH);
      assertArrayEquals(E2eSeed.blob(), blob, "the DBFS blob arrives byte for byte");
      assertSameWorkspace(s, target.client());
      assertSameExport(s, target.client());

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(true);
      assertTrue(again.success(), again.failures().toString());
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "an unchanged revision sends no writes");

      // edit the source: change a notebook, delete a job, add a user
      E2eSeed.importNotebook(s, "/Shared/etl/ingest", "PYTHON", "# Databricks notebook source\nprint('ingest v2')\n");
      E2eSeed.call(s, "POST", "/api/2.2/jobs/delete", "{\"job_id\": " + jobByName(s, "nightly etl").path("job_id").asText() + "}");
      s.users().create(new User().setUserName("new.user@example.com").setDisplayName("New User"));
      // and take every grant off the pool: only its permissions resource goes, the pool stays
      String poolId = E2eSeed.call(s, "GET", "/api/2.0/instance-pools/list", null).at("/instance_pools/0/instance_pool_id").asText();
      E2eSeed.call(s, "PUT", "/api/2.0/permissions/instance-pools/" + poolId, "{\"access_control_list\": []}");
      ExportReport second = E2eSupport.export(s, repo);
      assertNotNull(second.commit(), "source edits make a new commit");
      assertEquals(2, E2eSupport.commitCount(repo));

      ImportResult sync = importing.run(true);
      assertTrue(sync.success(), sync.failures() + "\n" + sync.planText());
      TreeSet<String> actions = new TreeSet<>();
      sync.plan().actionable().forEach(c -> actions.add(c.action() + " " + c.type()));
      assertEquals(new TreeSet<>(List.of(Action.UPDATE + " databricks_notebook", Action.DELETE + " databricks_job",
          Action.DELETE + " databricks_permissions", Action.CREATE + " databricks_user")), actions, sync.planText());
      assertEquals(5, sync.plan().actionable().size(), sync.planText());
      assertTrue(sync.verification().inSync(), "a deleted permissions resource is gone: " + sync.verification().text());
      assertTrue(changes(sync).stream().anyMatch(c -> c.contains("nightly_etl")), sync.planText());
      assertSameWorkspace(s, target.client());

      long writesAfterSync = target.emulator().requests().writes();
      ImportResult settled = importing.run(true);
      assertFalse(settled.plan().hasChanges(), settled.planText());
      assertEquals(writesAfterSync, target.emulator().requests().writes());
    }
  }

  static JsonNode jobByName(WorkspaceClient w, String name) throws Exception {
    for (JsonNode j : E2eSeed.call(w, "GET", "/api/2.2/jobs/list", null).path("jobs")) {
      if (name.equals(j.path("settings").path("name").asText())) {
        return E2eSeed.call(w, "GET", "/api/2.2/jobs/get", null, "job_id", j.path("job_id").asText());
      }
    }
    throw new AssertionError("no job " + name);
  }
}
