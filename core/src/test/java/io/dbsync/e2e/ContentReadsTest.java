package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.RequestLog;
import io.dbsync.git.Changelog;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-export reads content (notebook and workspace file export, DBFS read, init script body) only
 * for artifacts whose listing metadata differs from what the previous export recorded in
 * .source-meta.json, or whose file is no longer what that export wrote. Counted per route by the
 * emulator.
 */
class ContentReadsTest {
  static final String NOTEBOOK_EXPORT = "GET /api/2.0/workspace/export";
  static final String DBFS_READ = "GET /api/2.0/dbfs/read";
  static final String SCRIPT_GET = "GET /api/2.0/global-init-scripts/{id}";
  static final List<String> CONTENT_READS = List.of(NOTEBOOK_EXPORT, DBFS_READ, SCRIPT_GET);
  static final String FILE_PATH = "/Shared/e2e/conf/settings.json";

  @TempDir
  Path tmp;

  @Test
  void noChangeReExportReadsNoContentAndIsByteIdentical() throws Exception {
    try (TestWorkspace source = seeded()) {
      Path repo = tmp.resolve("repo");
      RequestLog log = source.emulator().requests();
      log.reset();
      ExportReport first = E2eSupport.export(source.client(), repo);
      assertNotNull(first.commit());
      Map<String, Long> firstReads = reads(log);
      // 6 notebooks + 1 workspace file; 2 DBFS files (one over 2 MB, read in 1 MB parts); 1 script
      assertEquals(Map.of(NOTEBOOK_EXPORT, 7L, DBFS_READ, 4L, SCRIPT_GET, 1L), firstReads);
      Map<String, byte[]> before = E2eSupport.files(repo.resolve("exports"));
      assertTrue(before.containsKey("workspace_file/.source-meta.json"), before.keySet().toString());

      log.reset();
      ExportReport second = E2eSupport.export(source.client(), repo);
      assertEquals(Map.of(NOTEBOOK_EXPORT, 0L, DBFS_READ, 0L, SCRIPT_GET, 0L), reads(log));
      assertNull(second.commit(), second.changelog().toText());
      assertSameFiles(before, E2eSupport.files(repo.resolve("exports")));
    }
  }

  @Test
  void changedObjectsAreReadAgainAndShowModified() throws Exception {
    try (TestWorkspace source = seeded()) {
      WorkspaceClient w = source.client();
      Path repo = tmp.resolve("repo");
      E2eSupport.export(w, repo);

      changeContent(w, "changed");

      RequestLog log = source.emulator().requests();
      log.reset();
      ExportReport second = E2eSupport.export(w, repo);
      assertEquals(Map.of(NOTEBOOK_EXPORT, 1L, DBFS_READ, 1L, SCRIPT_GET, 1L), reads(log));
      assertEquals(new TreeSet<>(List.of(
              "dbfs_file/data/FileStore_c4a8e0ad/demo/lookup.csv",
              "global_init_script/data/set_timezone_ce36920f.sh",
              "notebook/data/Shared_e3c4b39d/e2e/python_notebook_e709096e.py")),
          modified(second.changelog()), second.changelog().toText());
      String notebook = text(repo, "notebook/data/Shared_e3c4b39d/e2e/python_notebook_e709096e.py");
      assertTrue(notebook.contains("print('changed')"), notebook);
      assertEquals("#!/bin/bash\necho changed\n", text(repo, "global_init_script/data/set_timezone_ce36920f.sh"));

      log.reset();
      E2eSupport.export(w, repo);
      assertEquals(Map.of(NOTEBOOK_EXPORT, 0L, DBFS_READ, 0L, SCRIPT_GET, 0L), reads(log), "the new metadata was recorded");
    }
  }

  @Test
  void anArtifactRemovedOrEditedInTheRepositoryIsReadAgain() throws Exception {
    try (TestWorkspace source = seeded()) {
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Map<String, byte[]> exported = E2eSupport.files(repo.resolve("exports"));

      Path exports = repo.resolve("exports");
      Files.delete(exports.resolve("notebook/data/Shared_e3c4b39d/e2e/python_notebook_e709096e.py"));
      Files.writeString(exports.resolve("dbfs_file/data/FileStore_c4a8e0ad/demo/lookup.csv"), "truncated");
      // same size, other bytes: only the hash tells
      Path script = exports.resolve("global_init_script/data/set_timezone_ce36920f.sh");
      byte[] bytes = Files.readAllBytes(script);
      bytes[0] ^= 1;
      Files.write(script, bytes);
      try (Git git = Git.open(repo.toFile())) {
        git.add().addFilepattern("exports").setUpdate(true).call();
        git.commit().setMessage("edited by hand").setSign(false).call();
      }

      RequestLog log = source.emulator().requests();
      log.reset();
      ExportReport again = E2eSupport.export(source.client(), repo);
      assertEquals(Map.of(NOTEBOOK_EXPORT, 1L, DBFS_READ, 1L, SCRIPT_GET, 1L), reads(log));
      assertNotNull(again.commit(), "the export puts the source's content back");
      assertSameFiles(exported, E2eSupport.files(exports));
    }
  }

  /** Changes a notebook, a DBFS file and the init script of a {@link #seeded} workspace: each prints {@code word}. */
  static void changeContent(WorkspaceClient w, String word) throws Exception {
    E2eSeed.importNotebook(w, "/Shared/e2e/python notebook", "PYTHON", "# Databricks notebook source\nprint('" + word + "')\n");
    E2eSeed.uploadDbfs(w, "/FileStore/demo/lookup.csv", ("id,name\n1," + word + "\n").getBytes(StandardCharsets.UTF_8));
    JsonNode script = E2eSeed.call(w, "GET", "/api/2.0/global-init-scripts", null).path("scripts").get(0);
    ObjectNode update = JsonNodeFactory.instance.objectNode().put("name", script.path("name").asText())
        .put("script", E2eSeed.b64(("#!/bin/bash\necho " + word + "\n").getBytes(StandardCharsets.UTF_8)));
    E2eSeed.call(w, "PATCH", "/api/2.0/global-init-scripts/" + script.path("script_id").asText(), update.toString());
  }

  static TestWorkspace seeded() throws Exception {
    TestWorkspace source = TestWorkspace.start();
    E2eSeed.populate(source.client());
    E2eSeed.call(source.client(), "POST", "/api/2.0/workspace/mkdirs", "{\"path\": \"/Shared/e2e/conf\"}");
    E2eSeed.call(source.client(), "POST", "/api/2.0/workspace/import", "{\"path\": \"" + FILE_PATH
        + "\", \"format\": \"RAW\", \"content\": \"" + E2eSeed.b64("{\"retries\": 3}\n".getBytes(StandardCharsets.UTF_8))
        + "\"}");
    return source;
  }

  static Map<String, Long> reads(RequestLog log) {
    Map<String, Long> out = new TreeMap<>();
    CONTENT_READS.forEach(r -> out.put(r, log.route(r)));
    return out;
  }

  private static TreeSet<String> modified(Changelog c) {
    TreeSet<String> out = new TreeSet<>();
    c.dirs().forEach(d -> {
      out.addAll(d.modified());
      out.addAll(d.added());
      out.addAll(d.removed());
    });
    return out;
  }

  private static String text(Path repo, String rel) throws Exception {
    return Files.readString(repo.resolve("exports").resolve(rel));
  }

  private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
  }
}
