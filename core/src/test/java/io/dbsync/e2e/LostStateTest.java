package io.dbsync.e2e;

import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.state.StateDocument;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review D10: after the state is lost (an ephemeral CI runner), the next import adopts what it finds;
 * the copies of source objects are then its own, so a later deletion in the source is carried out in
 * the target (with the object's permissions), while objects the target has of its own (the admin
 * user, default policies) are only released, never deleted.
 */
class LostStateTest {
  @TempDir
  Path tmp;

  @Test
  void adoptedCopiesOfSourceObjectsAreOwnedAndBuiltInsStayReleased() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path stateDir = tmp.resolve("state");
      assertTrue(new E2eSupport.Importing(repo, stateDir, target.client()).run(true).success());

      deleteRecursively(stateDir); // the runner is gone, with its artifact dir
      E2eSupport.Importing again = new E2eSupport.Importing(repo, stateDir, target.client());
      ImportResult readopted = again.run(true);
      assertTrue(readopted.success(), readopted.failures() + "\n" + again.output());
      StateDocument state = StateDocument.parse(Files.readAllBytes(stateDir.resolve("databricks-sync.state.json")), "state");
      List<String> foreign = state.resources().entrySet().stream().filter(e -> e.getValue().adopted())
          .map(Map.Entry::getKey).sorted().toList();
      assertTrue(foreign.stream().anyMatch(a -> a.startsWith("databricks_user.admin_example_com")), foreign.toString());
      assertTrue(foreign.stream().anyMatch(a -> a.startsWith("databricks_cluster_policy.personal_compute")), foreign.toString());
      assertFalse(foreign.stream().anyMatch(a -> a.startsWith("databricks_job.") || a.startsWith("databricks_cluster.")),
          "copies of source jobs and clusters are the import's own: " + foreign);

      int jobsBefore = CrashRecoveryTest.counts(target.client()).get("jobs");
      String jobId = RoundTripTest.jobByName(source.client(), "nightly etl").path("job_id").asText();
      E2eSeed.call(source.client(), "POST", "/api/2.2/jobs/delete", "{\"job_id\": " + jobId + "}");
      E2eSupport.export(source.client(), repo);
      ImportResult sync = again.run(true);
      assertTrue(sync.success(), sync.failures() + "\n" + sync.planText());
      List<String> jobChanges = sync.plan().actionable().stream()
          .filter(c -> c.name().contains("nightly_etl")).map(c -> c.action() + " " + c.type()).sorted().toList();
      assertEquals(List.of(Action.DELETE + " databricks_job", Action.DELETE + " databricks_permissions"), jobChanges,
          sync.planText());
      assertEquals(jobsBefore - 1, CrashRecoveryTest.counts(target.client()).get("jobs"), "the deleted job is gone from the target");

      ImportResult destroyed = again.run(b -> b.apply(true).destroy(true));
      assertTrue(destroyed.success(), destroyed.failures() + "\n" + destroyed.planText());
      for (PlannedChange c : destroyed.plan().actionable()) {
        if (c.type().equals("databricks_user") && c.name().startsWith("admin_example_com")) {
          assertEquals(Action.RELEASE, c.action(), "the admin user is never deleted");
        }
      }
      assertEquals(0, CrashRecoveryTest.counts(target.client()).get("jobs"));
      assertTrue(CrashRecoveryTest.counts(target.client()).get("users") >= 1, "the admin user is still there");
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
