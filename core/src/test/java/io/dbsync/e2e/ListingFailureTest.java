package io.dbsync.e2e;

import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.FaultRule;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.report.KindResult;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kind whose listing fails keeps its previously exported files, so an API error in the source
 * never becomes a deletion in git and a destroy at import.
 */
class ListingFailureTest {
  @TempDir
  Path tmp;

  @Test
  void failedListingKeepsFilesAndImportDestroysNothing() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Map<String, byte[]> before = E2eSupport.files(repo.resolve("exports"));
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      assertTrue(importing.run(true).success(), importing.output());

      // a notebook changes while the clusters and jobs listings fail
      E2eSeed.importNotebook(source.client(), "/Shared/etl/report", "SQL", "-- Databricks notebook source\nSELECT 2\n");
      source.emulator().addFault(FaultRule.status("GET", "^/api/2\\.\\d/clusters/list$", 500, 1000));
      source.emulator().addFault(FaultRule.status("GET", "^/api/2\\.\\d/jobs/list$", 500, 1000));
      ExportReport failed = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse(E2eSupport.CONFIG),
          GitTarget.parse(repo.toString())).branch("main").build());
      assertFalse(failed.success(), "listing failures are failures");
      assertTrue(failed.kinds().stream().anyMatch(k -> k.status() == KindResult.Status.LIST_FAILED),
          failed.kinds().toString());

      Map<String, byte[]> after = E2eSupport.files(repo.resolve("exports"));
      for (String path : before.keySet()) {
        if (path.startsWith("cluster/") || path.startsWith("job/")) {
          assertTrue(after.containsKey(path), "kept after a failed listing: " + path);
          assertArrayEquals(before.get(path), after.get(path), "unchanged: " + path);
        }
      }
      assertEquals(before.keySet(), after.keySet(), "no file added or removed");

      ImportResult sync = importing.run(true);
      assertTrue(sync.success(), sync.failures().toString());
      assertEquals(0, sync.plan().toDestroy(), sync.planText());
      assertEquals(1, sync.plan().toChange(), "only the edited notebook:\n" + sync.planText());
      assertEquals(3, CrashRecoveryTest.counts(target.client()).get("jobs"));
    }
  }

  /**
   * Objects start exporting while other kinds still list: the jobs, whose tasks refer to a cluster,
   * export beside a clusters listing that is retried and then fails, and their references still
   * resolve (through the clusters' previous names); nothing changes in the tree. (That a referrer
   * really waits for a listing still in flight is pinned without timing by OverlappedListingsTest.)
   */
  @Test
  void objectsReferringToAKindWhoseListingFailsExportBesideItAndKeepTheirReferences() throws Exception {
    try (TestWorkspace source = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Map<String, byte[]> before = E2eSupport.files(repo.resolve("exports"));

      // the first answers say "try again" (the SDK retries after a pause), then it fails for good
      source.emulator().addFault(FaultRule.status("GET", "^/api/2\\.\\d/clusters/list$", 503, 2));
      source.emulator().addFault(FaultRule.status("GET", "^/api/2\\.\\d/clusters/list$", 500, 1000));
      ExportReport failed = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse(E2eSupport.CONFIG),
          GitTarget.parse(repo.toString())).branch("main").build());
      assertEquals(List.of("databricks_cluster"), failed.kinds().stream()
          .filter(k -> k.status() == KindResult.Status.LIST_FAILED).map(KindResult::type).toList());
      assertTrue(failed.warnings().stream().noneMatch(w -> w.message().contains("not among the exported")),
          failed.warnings().toString());

      Map<String, byte[]> after = E2eSupport.files(repo.resolve("exports"));
      assertEquals(before.keySet(), after.keySet(), "no file added or removed");
      for (String path : before.keySet()) {
        assertArrayEquals(before.get(path), after.get(path), "unchanged (references into clusters resolve): " + path);
      }
    }
  }
}
