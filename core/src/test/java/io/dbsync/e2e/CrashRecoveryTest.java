package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.emulator.FaultRule;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An apply that stops partway, because the target fails requests or because the run dies between a
 * create and the state save: re-running converges without duplicating what the first run already
 * created, and a final run plans nothing.
 */
class CrashRecoveryTest {
  @TempDir
  Path tmp;

  private static int notebooks(WorkspaceClient w, String dir) throws Exception {
    int n = 0;
    for (JsonNode o : E2eSeed.call(w, "GET", "/api/2.0/workspace/list", null, "path", dir).path("objects")) {
      String type = o.path("object_type").asText();
      n += type.equals("NOTEBOOK") ? 1 : type.equals("DIRECTORY") ? notebooks(w, o.path("path").asText()) : 0;
    }
    return n;
  }

  private static Map<String, Integer> countsOfEmpty() throws Exception {
    try (TestWorkspace empty = TestWorkspace.start()) {
      return counts(empty.client());
    }
  }

  /** How many objects of each countable sort the workspace holds. */
  static Map<String, Integer> counts(WorkspaceClient w) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    out.put("clusters", E2eSeed.call(w, "GET", "/api/2.1/clusters/list", null).path("clusters").size());
    out.put("jobs", E2eSeed.call(w, "GET", "/api/2.2/jobs/list", null).path("jobs").size());
    out.put("pools", E2eSeed.call(w, "GET", "/api/2.0/instance-pools/list", null).path("instance_pools").size());
    out.put("policies", E2eSeed.call(w, "GET", "/api/2.0/policies/clusters/list", null).path("policies").size());
    out.put("init scripts", E2eSeed.call(w, "GET", "/api/2.0/global-init-scripts", null).path("scripts").size());
    out.put("groups", E2eSeed.call(w, "GET", "/api/2.0/preview/scim/v2/Groups", null).path("Resources").size());
    out.put("users", E2eSeed.call(w, "GET", "/api/2.0/preview/scim/v2/Users", null).path("Resources").size());
    out.put("notebooks", notebooks(w, "/Shared"));
    out.put("warehouses", E2eSeed.call(w, "GET", "/api/2.0/sql/warehouses", null).path("warehouses").size());
    out.put("queries", E2eSeed.call(w, "GET", "/api/2.0/sql/queries", null).path("results").size());
    out.put("alerts", E2eSeed.call(w, "GET", "/api/2.0/sql/alerts", null).path("results").size());
    out.put("dashboards", E2eSeed.call(w, "GET", "/api/2.0/lakeview/dashboards", null).path("dashboards").size());
    out.put("destinations", E2eSeed.call(w, "GET", "/api/2.0/notification-destinations", null).path("results").size());
    out.put("repos", E2eSeed.call(w, "GET", "/api/2.0/repos", null).path("repos").size());
    return out;
  }

  @Test
  void failedApplyResumesWithoutDuplicates() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);

      // every job creation fails; the first notebook import loses its connection
      target.emulator().addFault(FaultRule.status("POST", "^/api/2\\.\\d/jobs/create$", 500, 1000));
      target.emulator().addFault(FaultRule.drop("POST", "^/api/2\\.0/workspace/import$", 1));
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult broken = importing.run(b -> b.apply(true).parallelism(1));
      assertFalse(broken.success(), broken.planText());
      assertTrue(broken.failures().stream().map(ActionFailure::address).anyMatch(a -> a.startsWith("databricks_job.")),
          broken.failures().toString());
      assertTrue(broken.applied().size() > 10, "the apply got partway: " + broken.applied());
      assertEquals(0, counts(target.client()).get("jobs"));

      target.emulator().clearFaults();
      ImportResult resumed = importing.run(b -> b.apply(true).parallelism(1));
      assertTrue(resumed.success(), resumed.failures() + "\n" + resumed.planText());
      assertEquals(0, resumed.plan().toDestroy(), resumed.planText());
      assertTrue(resumed.plan().toAdd() < broken.plan().toAdd(), "only what is missing is created:\n" + resumed.planText());
      assertEquals(counts(source.client()), counts(target.client()), "no duplicate objects in the target");
      RoundTripTest.assertSameWorkspace(source.client(), target.client());

      long writes = target.emulator().requests().writes();
      ImportResult settled = importing.run(true);
      assertTrue(settled.success(), settled.failures().toString());
      assertFalse(settled.plan().hasChanges(), settled.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  /**
   * The run dies after the target created an object but before the state recorded it. Objects
   * whose names are not unique in Databricks (clusters, jobs, notification destinations) must not be
   * created a second time, nor those adopted by their natural key (path, name, folder and name).
   */
  @ParameterizedTest
  @ValueSource(strings = {"databricks_cluster", "databricks_job", "databricks_notebook", "databricks_group",
      "databricks_notification_destination", "databricks_sql_endpoint", "databricks_query", "databricks_alert",
      "databricks_dashboard", "databricks_repo"})
  void crashBeforeStateSaveDoesNotDuplicate(String type) throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path stateDir = tmp.resolve("state");
      crash(repo, new CrashingStateStore(LocalStateStore.inDirectory(stateDir), type), target);
      Map<String, Integer> before = counts(target.client());
      String counted = Map.of("databricks_cluster", "clusters", "databricks_job", "jobs",
          "databricks_notebook", "notebooks", "databricks_group", "groups",
          "databricks_notification_destination", "destinations", "databricks_sql_endpoint", "warehouses",
          "databricks_query", "queries", "databricks_alert", "alerts", "databricks_dashboard", "dashboards",
          "databricks_repo", "repos").get(type);
      assertTrue(before.get(counted) > countsOfEmpty().get(counted),
          "the crash came after the target created a " + type + ": " + before);

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client());
      ImportResult resumed = importing.run(b -> b.apply(true).parallelism(1));
      assertTrue(resumed.success(), resumed.failures() + "\n" + resumed.planText());
      assertTrue(resumed.applied().stream().anyMatch(a -> a.address().startsWith(type + ".") && a.action() == Action.ADOPT),
          "the object created before the crash is adopted, not created again:\n" + resumed.planText());
      assertEquals(counts(source.client()), counts(target.client()), "no duplicate objects in the target");
      RoundTripTest.assertSameWorkspace(source.client(), target.client());

      long writes = target.emulator().requests().writes();
      ImportResult settled = importing.run(true);
      assertFalse(settled.plan().hasChanges(), settled.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  /**
   * What a crashed run created is the tool's own, not a pre-existing object: a later destroy deletes
   * it (it must not be "released" and left behind like the built-ins).
   */
  @Test
  void objectsOfACrashedRunAreDestroyedLikeTheRest() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path stateDir = tmp.resolve("state");
      crash(repo, new CrashingStateStore(LocalStateStore.inDirectory(stateDir), "databricks_cluster"), target);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client());
      assertTrue(importing.run(b -> b.apply(true).parallelism(1)).success(), importing.output());

      ImportResult destroyed = importing.run(b -> b.apply(true).destroy(true));
      assertTrue(destroyed.success(), destroyed.failures().toString());
      assertEquals(countsOfEmpty(), counts(target.client()), "destroy leaves what a fresh workspace has:\n"
          + destroyed.planText());
    }
  }

  /** One apply with a state store that crashes; the run fails. */
  private static void crash(Path repo, CrashingStateStore store, TestWorkspace target) throws Exception {
    try (RevisionCheckout co = RevisionCheckout.of(GitTarget.parse(repo.toString()), "main", null, null)) {
      ImportResult r = new Importer(ImportOptions.builder(co.files(), store, KindRegistry.standard(),
          target.client()).env(Map.of()).varOverrides(E2eSeed.variables())
          .printPlan(false).parallelism(1).out(new PrintStream(OutputStream.nullOutputStream()))
          .apply(true).build()).run();
      assertFalse(r.success(), "the run crashed");
    }
    assertTrue(store.crashed());
  }
}
