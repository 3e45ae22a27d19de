package io.dbsync.kind.workspace;

import io.dbsync.kind.SourceObject;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review D5 and D14: a selected root that does not exist fails the listing (so the previous files are
 * kept, never recorded as removed), and {@code patterns} / {@code by} select notebooks, workspace
 * files and DBFS files like every other kind.
 */
class SelectionRootsTest {
  static TestWorkspace ws;

  @TempDir
  Path tmp;

  @BeforeAll
  static void seed() throws Exception {
    ws = TestWorkspace.start();
    ws.emulator().seed(TfJson.MAPPER.readTree("""
        {"workspace": [
           {"path": "/Shared/etl/ingest", "language": "PYTHON", "content": "# Databricks notebook source\\n"},
           {"path": "/Shared/etl/report", "language": "SQL", "content": "-- Databricks notebook source\\n"},
           {"path": "/Shared/tmp/scratch", "language": "PYTHON", "content": "# Databricks notebook source\\n"}],
         "dbfs": [{"path": "/FileStore/a.csv", "content": "a"}, {"path": "/FileStore/b.txt", "content": "b"}]}"""));
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @Test
  void aMistypedNotebookRootFailsTheListing() throws Exception {
    var ctx = KindTestSupport.exportContext(ws.client(), "notebook", "{\"notebook_path\": \"/Sahred\"}", tmp);
    IOException e = assertThrows(IOException.class, () -> new NotebookKind().list(ctx));
    assertTrue(e.getMessage().contains("/Sahred") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aMistypedDbfsRootFailsTheListing() throws Exception {
    var ctx = KindTestSupport.exportContext(ws.client(), "dbfs_file", "{\"dbfs_path\": \"dbfs:/FileStroe\"}", tmp);
    IOException e = assertThrows(IOException.class, () -> new DbfsFileKind().list(ctx));
    assertTrue(e.getMessage().contains("dbfs:/FileStroe") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void patternsAndBySelectNotebooks() throws Exception {
    var byPattern = KindTestSupport.exportContext(ws.client(), "notebook",
        "{\"notebook_path\": \"/Shared\", \"patterns\": [\"/Shared/etl/*\"]}", tmp);
    assertEquals(List.of("/Shared/etl/ingest", "/Shared/etl/report"), ids(new NotebookKind().list(byPattern)));
    var byLanguage = KindTestSupport.exportContext(ws.client(), "notebook",
        "{\"notebook_path\": \"/Shared\", \"by\": {\"language\": \"SQL\"}}", tmp.resolve("b"));
    assertEquals(List.of("/Shared/etl/report"), ids(new NotebookKind().list(byLanguage)));
  }

  @Test
  void patternsSelectDbfsFiles() throws Exception {
    var ctx = KindTestSupport.exportContext(ws.client(), "dbfs_file",
        "{\"dbfs_path\": \"/FileStore\", \"patterns\": [\"*.csv\"]}", tmp);
    assertEquals(List.of("/FileStore/a.csv"), ids(new DbfsFileKind().list(ctx)));
  }

  private static List<String> ids(List<SourceObject> objects) {
    return objects.stream().map(SourceObject::id).toList();
  }
}
