package io.dbsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.RequestLog;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.PlannedChange;
import io.dbsync.report.ExportReport;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.dbsync.e2e.ContentReadsTest.DBFS_READ;
import static io.dbsync.e2e.ContentReadsTest.NOTEBOOK_EXPORT;
import static io.dbsync.e2e.ContentReadsTest.SCRIPT_GET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import's refresh reads content (notebook and workspace file export, DBFS read, init script body)
 * only when the target's listing shows another version than the state recorded: the verification after
 * an apply records what it read, so even the first re-import reads no content; an edit in the target moves
 * the version and is read and planned; a changed revision and a rollback are planned from the recorded
 * hashes; a state written before versions were recorded reads once.
 */
class ContentVersionsTest {
  private static final Map<String, Long> NO_READS = Map.of(NOTEBOOK_EXPORT, 0L, DBFS_READ, 0L, SCRIPT_GET, 0L);
  private static final Set<String> ARTIFACT_TYPES = Set.of("databricks_notebook", "databricks_workspace_file",
      "databricks_dbfs_file", "databricks_global_init_script");

  @TempDir
  Path tmp;

  @Test
  void theFirstReimportAfterAnImportReadsNoContent() throws Exception {
    try (TestWorkspace source = ContentReadsTest.seeded(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target);
      Map<String, StateEntry> artifacts = artifactEntries(importing);
      assertEquals(Map.of("databricks_dbfs_file", 2L, "databricks_global_init_script", 1L, "databricks_notebook", 6L,
          "databricks_workspace_file", 1L), countByType(artifacts));
      artifacts.forEach((address, e) -> {
        assertEquals(1, e.contentVersions().size(), address + " has its version recorded: " + e.contentVersions());
        JsonNode v = e.contentVersions().properties().iterator().next().getValue();
        assertEquals(e.attributes().path("source").asText(), v.path("hash").asText(), address);
      });

      RequestLog log = target.emulator().requests();
      log.reset();
      ImportResult plan = importing.run(false);
      assertFalse(plan.plan().hasChanges(), plan.planText());
      assertEquals(NO_READS, ContentReadsTest.reads(log), "a plan reads no unchanged content");

      log.reset();
      ImportResult again = importing.run(true);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(NO_READS, ContentReadsTest.reads(log));
      assertEquals(0, log.writes());
    }
  }

  @Test
  void contentChangedInTheTargetIsReadAndPlanned() throws Exception {
    try (TestWorkspace source = ContentReadsTest.seeded(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target);
      // edited in the target: the notebook's modified_at, the file's size and time, the script's updated_at move
      ContentReadsTest.changeContent(target.client(), "edited");

      RequestLog log = target.emulator().requests();
      log.reset();
      ImportResult plan = importing.run(false);
      assertEquals(Map.of(NOTEBOOK_EXPORT, 1L, DBFS_READ, 1L, SCRIPT_GET, 1L), ContentReadsTest.reads(log),
          "only what moved is read");
      assertEquals(new TreeSet<>(List.of("databricks_dbfs_file", "databricks_global_init_script", "databricks_notebook")),
          plan.plan().actionable().stream().map(PlannedChange::type).collect(Collectors.toCollection(TreeSet::new)),
          plan.planText());
      assertEquals(3, plan.plan().actionable().size(), plan.planText());

      ImportResult applied = importing.run(true);
      assertTrue(applied.success(), applied.failures() + "\n" + importing.output());
      assertTrue(applied.verification().inSync(), applied.verification().text());
      log.reset();
      ImportResult again = importing.run(true);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(NO_READS, ContentReadsTest.reads(log), "the verification recorded the versions it wrote");
    }
  }

  @Test
  void aStateWithoutVersionsReadsTheContentOnceAndRecordsIt() throws Exception {
    try (TestWorkspace source = ContentReadsTest.seeded(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target);
      StateDocument doc = StateDocument.load(importing.state);
      Map<String, StateEntry> entries = new TreeMap<>(doc.resources());
      entries.forEach((address, e) -> doc.put(address, e.withContentVersions(null)));
      byte[] old = doc.toBytes();
      assertFalse(new String(old, StandardCharsets.UTF_8).contains("content_versions"));
      importing.state.write(old);
      importing.state.journal().orElseThrow().clear();

      RequestLog log = target.emulator().requests();
      log.reset();
      ImportResult first = importing.run(true);
      assertFalse(first.plan().hasChanges(), first.planText());
      // 6 notebooks + 1 workspace file; 2 DBFS files (one over 2 MB, read in 1 MB parts); 1 script
      assertEquals(Map.of(NOTEBOOK_EXPORT, 7L, DBFS_READ, 4L, SCRIPT_GET, 1L), ContentReadsTest.reads(log));
      assertEquals(0, log.writes());
      artifactEntries(importing).forEach((address, e) -> assertFalse(e.contentVersions().isEmpty(), address));

      log.reset();
      importing.run(true);
      assertEquals(NO_READS, ContentReadsTest.reads(log));
    }
  }

  @Test
  void aChangedRevisionAndARollbackArePlannedFromTheRecordedHashes() throws Exception {
    try (TestWorkspace source = ContentReadsTest.seeded(); TestWorkspace target = TestWorkspace.start()) {
      Path repo = tmp.resolve("repo");
      ExportReport first = E2eSupport.export(source.client(), repo);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      assertTrue(importing.run(true).success(), importing.output());
      ContentReadsTest.changeContent(source.client(), "second");
      E2eSupport.export(source.client(), repo);
      RequestLog log = target.emulator().requests();

      for (String[] step : new String[][] {{null, "second"}, {first.tag(), "changed-back"}}) {
        log.reset();
        ImportResult run = importing.run(step[0], b -> b.apply(true));
        assertTrue(run.success(), run.failures() + "\n" + importing.output());
        assertEquals(3, run.plan().actionable().size(), run.planText());
        assertTrue(run.verification().inSync(), run.verification().text());
        // the plan read nothing; the verification read back the three it wrote
        assertEquals(Map.of(NOTEBOOK_EXPORT, 1L, DBFS_READ, 1L, SCRIPT_GET, 1L), ContentReadsTest.reads(log));
        String notebook = notebookText(target, "/Shared/e2e/python notebook");
        assertEquals(step[1].equals("second"), notebook.contains("print('second')"), notebook);
      }
      log.reset();
      ImportResult again = importing.run(first.tag(), b -> b.apply(true));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(NO_READS, ContentReadsTest.reads(log));
    }
  }

  private static String notebookText(TestWorkspace w, String path) throws Exception {
    String b64 = E2eSeed.call(w.client(), "GET", "/api/2.0/workspace/export", null, "path", path, "format", "SOURCE")
        .path("content").asText();
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private E2eSupport.Importing imported(TestWorkspace source, TestWorkspace target) throws Exception {
    Path repo = tmp.resolve("repo");
    E2eSupport.export(source.client(), repo);
    E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
    ImportResult first = importing.run(true);
    assertTrue(first.success(), first.failures() + "\n" + importing.output());
    assertTrue(first.verification().inSync(), first.verification().text());
    return importing;
  }

  private static Map<String, StateEntry> artifactEntries(E2eSupport.Importing importing) throws Exception {
    Map<String, StateEntry> out = new TreeMap<>();
    StateDocument.load(importing.state).resources().forEach((address, e) -> {
      if (ARTIFACT_TYPES.contains(e.type())) {
        out.put(address, e);
      }
    });
    return out;
  }

  private static Map<String, Long> countByType(Map<String, StateEntry> entries) {
    return entries.values().stream().collect(Collectors.groupingBy(StateEntry::type, TreeMap::new, Collectors.counting()));
  }
}
