package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restoring an earlier export (disaster recovery, undoing a bad change): after two exports, importing
 * the first export's tag, or its abbreviated commit, puts the target back to the source as it was at
 * the first export, object by object; importing it again changes nothing.
 */
class RollbackTest {
  @TempDir
  Path tmp;

  @Test
  void importingTheFirstExportsTagRestoresTheTargetToIt() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      WorkspaceClient s = source.client();
      E2eSeed.populate(s);
      Path repo = tmp.resolve("repo");
      ExportReport first = E2eSupport.export(s, repo);
      Map<String, JsonNode> atFirstExport = WorkspaceView.read(s, "/Shared", "/FileStore").objects;

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      assertTrue(importing.run(true).success(), importing.output());

      // a bad change in the source, exported and imported
      E2eSeed.importNotebook(s, "/Shared/etl/ingest", "PYTHON", "# Databricks notebook source\nprint('broken')\n");
      E2eSeed.call(s, "POST", "/api/2.2/jobs/delete", "{\"job_id\": "
          + RoundTripTest.jobByName(s, "nightly etl").path("job_id").asText() + "}");
      s.users().create(new User().setUserName("intruder@example.com").setDisplayName("Intruder"));
      ExportReport second = E2eSupport.export(s, repo);
      assertNotEquals(first.commit(), second.commit());
      ImportResult bad = importing.run(true);
      assertTrue(bad.success(), bad.failures() + "\n" + bad.planText());
      assertNotEquals(atFirstExport, WorkspaceView.read(target.client(), "/Shared", "/FileStore").objects);

      ImportResult rollback = importing.run(first.tag(), b -> b.apply(true));
      assertTrue(rollback.success(), rollback.failures() + "\n" + rollback.planText());
      WorkspaceView.assertSameObjects(atFirstExport, WorkspaceView.read(target.client(), "/Shared", "/FileStore").objects,
          "the target after the rollback vs the source at the first export");

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(first.commit().substring(0, 10), b -> b.apply(true));
      assertTrue(again.success(), again.failures().toString());
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "the restored revision is in place: no writes");
    }
  }
}
