package io.dbsync.e2e;

import io.dbsync.emulator.RequestLog;
import io.dbsync.importer.ImportResult;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an import costs in calls: a first import into an empty target asks no object-by-object
 * "does it exist?" (each answered 404 there), and a no-change re-import reads no more than an
 * export of the same workspace.
 */
class ImportProbesTest {
  @TempDir
  Path tmp;

  @Test
  void firstImportProbesNothingAndReimportReadsNoMoreThanAnExport() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      RequestLog sourceLog = source.emulator().requests();
      sourceLog.reset();
      E2eSupport.export(source.client(), repo);
      long exportCalls = sourceLog.total();

      RequestLog log = target.emulator().requests();
      log.reset();
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult first = importing.run(true);
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      // before the run's listings: 13 (workspace and DBFS get-status, MLflow, serving endpoints)
      assertEquals(Map.of(), log.notFoundByRoute(), "no object is asked for one by one in an empty target");

      log.reset();
      ImportResult again = importing.run(true);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(0, log.writes(), "an unchanged revision sends no writes");
      assertTrue(log.total() <= exportCalls, "a no-change re-import (" + log.total()
          + " calls) reads no more than the export of the same workspace (" + exportCalls + ")");
      assertEquals(0, log.notFound());
    }
  }
}
