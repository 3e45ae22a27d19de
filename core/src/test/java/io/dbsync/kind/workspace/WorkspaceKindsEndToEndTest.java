package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOutcome;
import io.dbsync.export.Exporter;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dbsync.kind.workspace.KindTestSupport.file;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.notebook;
import static io.dbsync.kind.workspace.KindTestSupport.objectId;
import static io.dbsync.kind.workspace.KindTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workspace kinds through the real exporter and import engine: export, import, re-import = no-op. */
class WorkspaceKindsEndToEndTest {
  @TempDir
  Path tmp;

  private static void seedPrincipals(WorkspaceClient c) throws Exception {
    user(c, "ana@example.com");
    group(c, "readers");
  }

  /** Relative path -> content hash of every file under a folder. */
  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    try (var files = java.nio.file.Files.walk(root)) {
      for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), io.dbsync.kind.RefreshRendering.sha256(o -> java.nio.file.Files.copy(p, o)));
      }
    }
    return out;
  }

  @Test
  void exportImportAndReimportConverge() throws Exception {
    byte[] blob = new byte[2 * 1024 * 1024 + 3];
    new Random(1).nextBytes(blob);
    KindRegistry kinds = new KindRegistry(List.of(new SecretScopeKind(), new SecretKind(), new SecretAclKind(),
        new DirectoryKind(), new NotebookKind(), new WorkspaceFileKind(), new DbfsFileKind(), new PermissionsKind()));
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      WorkspaceClient s = source.client();
      seedPrincipals(s);
      seedPrincipals(target.client());
      notebook(s, "/Projects/etl/load data", "PYTHON", "# Databricks notebook source\nprint(1)\n");
      notebook(s, "/Projects/etl/Report", "SQL", "-- Databricks notebook source\nSELECT 1\n");
      grant(s, "notebooks", Long.toString(objectId(s, "/Projects/etl/Report")), "group_name:readers", "CAN_READ");
      grant(s, "directories", Long.toString(objectId(s, "/Projects/etl")), "user_name:ana@example.com", "CAN_MANAGE");
      WorkspaceApi.mkdirs(s, "/Projects/empty");
      file(s, "/Projects/etl/conf.yml", "a: 1\n".getBytes(StandardCharsets.UTF_8));
      Dbfs.upload(s, "/FileStore/libs/blob.bin", new ByteArrayInputStream(blob));
      Rest.post(s, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "etl"));
      Rest.post(s, "/api/2.0/secrets/put", TfJson.object().put("scope", "etl").put("key", "pw").put("string_value", "x"));
      Rest.post(s, "/api/2.0/secrets/acls/put", TfJson.object().put("scope", "etl").put("principal", "readers").put("permission", "READ"));

      ExportConfig config = ExportConfig.parse("""
          name: e2e
          objects:
            notebook:
              notebook_path: "/Projects"
            dbfs_file:
              dbfs_path: "dbfs:/FileStore"
            secret: {}
          """);
      Path exports = tmp.resolve("exports");
      ExportOutcome outcome = new Exporter(s, config, kinds).export(exports);
      assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());

      Path again = tmp.resolve("exports-again");
      assertTrue(new Exporter(s, config, kinds).export(again).failures().isEmpty());
      assertEquals(tree(exports), tree(again), "exporting an unchanged workspace twice gives identical trees");

      LocalStateStore store = LocalStateStore.inDirectory(tmp.resolve("state"));
      ImportOptions.Builder options = ImportOptions.builder(exports, store, kinds, target.client()).env(Map.of())
          .varOverrides(Map.of(Secrets.childName("etl", "pw"), "restored"))
          .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).apply(true);
      ImportResult first = new Importer(options.build()).run();
      assertTrue(first.success(), first.failures() + "\n" + first.planText());
      // 2 notebooks + 1 permissions, 1 directory + permissions, 1 empty directory, 1 file, 1 dbfs file,
      // scope + secret + 2 ACLs (readers, the creator's MANAGE)
      assertEquals(12, first.plan().toAdd(), first.planText());

      assertEquals("restored", new String(java.util.Base64.getDecoder().decode(
          Rest.get(target.client(), "/api/2.0/secrets/get", "scope", "etl", "key", "pw").path("value").asText()),
          StandardCharsets.UTF_8));

      long writes = target.emulator().requests().writes();
      ImportResult second = new Importer(options.build()).run();
      assertTrue(second.success(), second.failures().toString());
      assertFalse(second.plan().hasChanges(), second.planText());
      assertEquals(writes, target.emulator().requests().writes(), "an unchanged revision sends no writes");
    }
  }
}
