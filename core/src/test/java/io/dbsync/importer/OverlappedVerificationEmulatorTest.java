package io.dbsync.importer;

import io.dbsync.emulator.RequestLog;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verification after an apply reads back the families the apply is done with while it still
 * writes the slowest one (SCIM at 5 writes/s, issue 14), and reports what a verification at the end
 * would: an object that cannot converge is still named.
 */
class OverlappedVerificationEmulatorTest {
  static final String NOTEBOOK_EXPORT = "GET /api/2.0/workspace/export";
  static final String GROUP_CREATE = "POST /api/2.0/preview/scim/v2/Groups";
  static final int GROUPS = 20;
  static final int NOTEBOOKS = 20;

  @TempDir
  Path tmp;

  @Test
  void notebooksAreReadBackWhileGroupsAreStillWrittenAndADifferenceIsStillReported() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp.resolve("repo"));
    f.file("main.tf.json", "{'provider': {'databricks': {}}}");
    StringBuilder groups = new StringBuilder("{'resource': {'databricks_group': {");
    for (int i = 0; i < GROUPS; i++) {
      groups.append(i == 0 ? "" : ",").append("'g").append(i).append("': {'display_name': 'team-").append(i).append("'}");
    }
    f.file("group/groups.tf.json", groups.append("}}}").toString());
    for (int i = 0; i < NOTEBOOKS; i++) {
      f.file("notebook/n" + i + ".tf.json", "{'resource': {'databricks_notebook': {'n" + i + "': {'path': '/Shared/v/n" + i
          + "', 'language': 'PYTHON', 'source': '${path.module}/notebook/data/Shared/v/n" + i + ".py'}}}}");
      f.file("notebook/data/Shared/v/n" + i + ".py", "# Databricks notebook source\nprint(" + i + ")\n");
    }
    // two permissions resources for one notebook: whichever is applied last wins, the other cannot converge
    String owner = "{'user_name': 'admin@example.com', 'permission_level': 'CAN_MANAGE'}";
    f.file("permissions/n0.tf.json", "{'resource': {'databricks_permissions': {"
        + "'n0_read': {'notebook_path': '${databricks_notebook.n0.path}', 'access_control': [{'group_name': 'users', 'permission_level': 'CAN_READ'}, " + owner + "]},"
        + "'n0_run': {'notebook_path': '${databricks_notebook.n0.path}', 'access_control': [{'group_name': 'users', 'permission_level': 'CAN_RUN'}, " + owner + "]}}}}");

    try (TestWorkspace ws = TestWorkspace.start()) {
      // SCIM writes at their published 5/s: the groups take seconds, the notebooks a fraction of one
      ws.emulator().options().rateLimits.put("scim:write", 5.0);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ImportOptions.Builder options = ImportOptions.builder(f.exports, LocalStateStore.inDirectory(tmp.resolve("state")),
              KindRegistry.standard(), ws.client()).env(Map.of())
          .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).apply(true).parallelism(8);

      ImportResult applied = new Importer(options.build()).run();
      String out = printed.toString(StandardCharsets.UTF_8);
      assertTrue(applied.failures().isEmpty(), applied.failures() + "\n" + out);
      assertEquals(GROUPS + NOTEBOOKS + 2, applied.applied().size(), out);

      RequestLog log = ws.emulator().requests();
      assertEquals(GROUPS, log.route(GROUP_CREATE), out);
      assertTrue(log.route(NOTEBOOK_EXPORT) >= NOTEBOOKS, "every notebook is read back: " + log.route(NOTEBOOK_EXPORT));
      assertTrue(log.first(NOTEBOOK_EXPORT) > 0 && log.first(NOTEBOOK_EXPORT) < log.last(GROUP_CREATE),
          "the notebooks are read back before the last group is created (" + log.first(NOTEBOOK_EXPORT) + " vs "
              + log.last(GROUP_CREATE) + ")");

      Verification v = applied.verification();
      String text = v.text();
      assertTrue(text.matches("Verified 41 of 42 objects: 1 did not converge:\n"
          + "  databricks_permissions\\.n0_(read|run): still differs in access_control\n"), text);
      assertTrue(out.contains(text), out);

      // a plan made afterwards reads everything back at once: it finds the same difference, and only it
      ImportResult drift = new Importer(options.apply(false).build()).run();
      assertEquals(v.differences().stream().map(Verification.Difference::address).toList(),
          drift.verification().differences().stream().map(Verification.Difference::address).toList(),
          drift.verification().text());
      assertEquals(List.of(), applied.warnings());
    }
  }
}
