package io.dbsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --databricks-object-type limits an import to some folders; --destroy removes what the state tracks. */
class SelectionAndDestroyTest {
  @TempDir
  Path tmp;

  static Set<String> types(ImportResult r) {
    Set<String> out = new TreeSet<>();
    r.plan().actionable().forEach(c -> out.add(c.type()));
    return out;
  }

  /**
   * Folders the notebooks were imported into are created implicitly (workspace import makes parents)
   * and are not objects the state tracks, so destroy leaves them; everything else is compared.
   */
  static boolean isImplicitDirectory(String key) {
    return key.startsWith("directory /Shared/") || key.startsWith("permissions directory /Shared/");
  }

  @Test
  void objectTypeFilterImportsOnlyTheSelectedFolders() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());

      // the notebooks' permissions name groups and users: identity comes along so they exist
      ImportResult some = importing.run(b -> b.apply(true)
          .objectTypes(List.of("NOTEBOOK", "databricks_cluster_policy", "identity")));
      assertTrue(some.success(), some.failures() + "\n" + some.planText());
      assertEquals(Set.of("databricks_cluster_policy", "databricks_notebook", "databricks_permissions",
          "databricks_user", "databricks_group", "databricks_group_member", "databricks_service_principal"), types(some),
          some.planText());
      var counts = CrashRecoveryTest.counts(target.client());
      assertEquals(6, counts.get("notebooks"));
      assertEquals(0, counts.get("jobs"));
      assertEquals(0, counts.get("clusters"));
      assertEquals(CrashRecoveryTest.counts(source.client()).get("policies"), counts.get("policies"));

      ImportResult rest = importing.run(true);
      assertTrue(rest.success(), rest.failures() + "\n" + rest.planText());
      for (PlannedChange c : rest.plan().actionable()) {
        assertFalse(Set.of("databricks_notebook", "databricks_cluster_policy", "databricks_user", "databricks_group")
                .contains(c.type()),
            "already imported by the filtered run: " + c.address());
        // the workspace settings exist in every workspace: adopted, never created
        assertEquals(c.type().equals("databricks_workspace_conf") ? Action.ADOPT : Action.CREATE, c.action(),
            rest.planText());
      }
      RoundTripTest.assertSameWorkspace(source.client(), target.client());
    }
  }

  /** Imports the seeded export into target, destroys the jobs, then everything. */
  private void importThenDestroy(TestWorkspace source, TestWorkspace target, E2eSupport.Importing importing)
      throws Exception {
    E2eSeed.populate(source.client());
    E2eSupport.export(source.client(), importing.repo);
    assertTrue(importing.run(true).success(), importing.output());

    ImportResult jobsOnly = importing.run(b -> b.apply(true).destroy(true).objectTypes(List.of("job")));
    assertTrue(jobsOnly.success(), jobsOnly.failures() + "\n" + jobsOnly.planText());
    assertEquals(Set.of("databricks_job", "databricks_permissions"), types(jobsOnly), jobsOnly.planText());
    assertEquals(0, CrashRecoveryTest.counts(target.client()).get("jobs"));
    assertEquals(1, CrashRecoveryTest.counts(target.client()).get("clusters"));

    ImportResult all = importing.run(b -> b.apply(true).destroy(true));
    assertTrue(all.success(), all.failures() + "\n" + all.planText());
    // built-ins the import adopted are released (forgotten), everything it created is deleted
    assertTrue(all.plan().actionable().stream().allMatch(c -> c.action() == Action.DELETE || c.action() == Action.RELEASE),
        all.planText());
    ImportResult nothing = importing.run(b -> b.destroy(true));
    assertFalse(nothing.plan().hasChanges(), "the state is empty after destroy:\n" + nothing.planText());
  }

  /** What is left compared with a fresh workspace, by object, leaving out what {@code skip} names. */
  private static void assertOnlyBuiltInsRemain(TestWorkspace pristine, TestWorkspace target,
                                               Predicate<String> skip) throws Exception {
    Map<String, JsonNode> expected = new TreeMap<>(WorkspaceView.read(pristine.client(), "/Shared", "/FileStore").objects);
    Map<String, JsonNode> actual = new TreeMap<>(WorkspaceView.read(target.client(), "/Shared", "/FileStore").objects);
    expected.keySet().removeIf(k -> isImplicitDirectory(k) || skip.test(k));
    actual.keySet().removeIf(k -> isImplicitDirectory(k) || skip.test(k));
    WorkspaceView.assertSameObjects(expected, actual, "after destroy only the built-ins of a fresh workspace remain");
  }

  @Test
  void destroyRemovesWhatTheStateTracksAndKeepsBuiltIns() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start();
         TestWorkspace pristine = TestWorkspace.start()) {
      E2eSupport.Importing importing = new E2eSupport.Importing(tmp.resolve("repo"), tmp.resolve("state"), target.client());
      importThenDestroy(source, target, importing);
      // default policies are checked by destroyKeepsBuiltInDefaultPolicies; the workspace settings are
      // released by destroy, never reset (WorkspaceConfKind)
      assertOnlyBuiltInsRemain(pristine, target, k -> k.startsWith("cluster-policy ") || k.startsWith("permissions policy ")
          || k.equals("workspace-conf all"));
      assertEquals("true", WorkspaceView.read(target.client(), "/Shared", "/FileStore").objects.get("workspace-conf all")
          .path("enableIpAccessLists").asText(), "the imported settings stay");
      WorkspaceView left = WorkspaceView.read(target.client(), "/Shared", "/FileStore");
      assertTrue(left.objects.containsKey("group admins"));
      assertTrue(left.objects.containsKey("group users"));
      assertTrue(left.objects.containsKey("user admin@example.com"));
    }
  }

  @Test
  void destroyKeepsBuiltInDefaultPolicies() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start();
         TestWorkspace pristine = TestWorkspace.start()) {
      E2eSupport.Importing importing = new E2eSupport.Importing(tmp.resolve("repo"), tmp.resolve("state"), target.client());
      importThenDestroy(source, target, importing);
      assertOnlyBuiltInsRemain(pristine, target, k -> !(k.startsWith("cluster-policy ") || k.startsWith("permissions policy ")));
    }
  }
}
