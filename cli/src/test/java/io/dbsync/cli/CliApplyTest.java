package io.dbsync.cli;

import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.UpdateJob;
import com.databricks.sdk.service.workspace.Delete;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply as terraform users expect it, through the commands against the emulator: the plan is
 * always printed before anything is applied, --detailed-exitcode, saved plans that refuse to apply
 * when something moved, --target, terraform-like nested plan text, and the verification after an
 * apply (and as a drift report after a plan).
 */
class CliApplyTest {
  @TempDir
  Path tmp;

  ImportFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new ImportFixture(tmp);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void applyAloneShowsTheWholePlanBeforeActingAndEndsVerified() {
    CliRunner.Result r = f.expect(0, "--apply");
    String out = r.out();
    assertTrue(out.contains("# databricks_job.nightly will be created"), out);
    // the one destroy: the mirror removes the MANAGE ACL the API gives the importing user on the new scope
    assertTrue(out.indexOf("Plan: 5 to add, 0 to change, 1 to destroy.") < out.indexOf("Creating..."),
        "the plan comes before the first action:\n" + out);
    assertTrue(out.contains("# databricks_secret_acl.etl_admin_example_com_46e21ac9 will be destroyed"), out);
    assertTrue(out.contains("Apply complete! Resources: 5 added, 0 changed, 1 destroyed."), out);
    assertTrue(out.strip().endsWith("Verified 6 of 6 objects."), out);
    assertFalse(out.contains("tok-1-secret"), "a secret value is never printed");
  }

  @Test
  void detailedExitcodeTellsDriftFromErrors() throws Exception {
    f.expect(2, "--plan", "--detailed-exitcode");
    f.expect(0, "--plan"); // without the flag a plan with changes succeeds as before
    f.expect(0, "--apply");
    CliRunner.Result inSync = f.expect(0, "--plan", "--detailed-exitcode");
    assertTrue(inSync.out().contains("No changes."), inSync.out());

    f.client().workspace().delete(new Delete().setPath("/Shared/etl/ingest"));
    f.expect(2, "--detailed-exitcode"); // --plan is the default

    CliRunner.Result badType = f.expect(1, "--plan", "--detailed-exitcode", "--databricks-object-type", "no_such_kind");
    assertTrue(badType.err().contains("unknown --databricks-object-type"), badType.err());
    f.expect(2, "--plan", "--databricks-object-type", "no_such_kind"); // bad input is 2 without the flag
    f.expect(1, "--plan", "--detailed-exitcode", "--no-such-flag");
    CliRunner.Result badLevel = f.expect(1, "--plan", "--detailed-exitcode", "-v", "bogus"); // checked before picocli runs
    assertTrue(badLevel.err().contains("unknown verbosity 'bogus'"), badLevel.err());
    CliRunner.Result withApply = f.expect(1, "--apply", "--detailed-exitcode");
    assertTrue(withApply.err().contains("use it with --plan"), withApply.err());
  }

  @Test
  void aSavedPlanIsAppliedExactlyAndRefusedWhenAnythingMoved() throws Exception {
    Path saved = tmp.resolve("reviewed.plan.json");
    CliRunner.Result planned = f.expect(0, "--plan", "--out", saved.toString());
    assertTrue(planned.out().contains("import --apply-plan " + saved), planned.out());
    assertEquals(0, f.target.requests().writes());

    // a new export lands after the review: the saved plan still applies the reviewed revision
    f.job("0 0 5 * * ?", "etl");
    String newer = f.commit("second export");
    CliRunner.Result applied = f.expect(0, "--apply-plan", saved.toString());
    assertTrue(applied.out().contains("Apply complete! Resources: 5 added"), applied.out());
    CliRunner.Result reviewed = f.expect(0, "--plan", "--revision", "HEAD~1");
    assertTrue(reviewed.out().contains("No changes."), "exactly the reviewed revision was applied:\n" + reviewed.out());

    // the revision, the state and the target are each checked against the saved plan
    Path second = tmp.resolve("second.plan.json");
    f.expect(0, "--plan", "--out", second.toString());
    CliRunner.Result otherRevision = f.expect(2, "--apply-plan", second.toString(), "--revision", "HEAD~1");
    assertTrue(otherRevision.err().contains("the revision changed: the plan was made from " + newer), otherRevision.err());

    String jobId = f.stateId("databricks_job.nightly");
    f.client().jobs().update(new UpdateJob().setJobId(Long.parseLong(jobId)).setNewSettings(new JobSettings().setMaxConcurrentRuns(7L)));
    f.target.requests().reset();
    CliRunner.Result edited = f.expect(2, "--apply-plan", second.toString());
    assertTrue(edited.err().contains("databricks_job.nightly changed in the target since the plan was saved"), edited.err());
    assertTrue(edited.err().contains("nothing was applied"), edited.err());
    assertEquals(0, f.target.requests().writes());

    Path third = tmp.resolve("third.plan.json");
    f.expect(0, "--plan", "--out", third.toString());
    f.expect(0, "--apply"); // another run writes the state
    CliRunner.Result stale = f.expect(2, "--apply-plan", third.toString());
    assertTrue(stale.err().contains("the state changed since the plan was saved"), stale.err());

    CliRunner.Result notAPlan = f.expect(2, "--apply-plan", f.artifacts.resolve("databricks-sync.state.json").toString());
    assertTrue(notAPlan.err().contains("is not a plan saved by"), notAPlan.err());
    CliRunner.Result ownSelection = f.expect(2, "--apply-plan", third.toString(), "--target", "databricks_job.nightly");
    assertTrue(ownSelection.err().contains("drop --target"), ownSelection.err());
  }

  @Test
  void aTargetPlansTheAddressAndWhatItDependsOn() {
    CliRunner.Result job = f.expect(0, "--apply", "--target", "databricks_job.nightly");
    assertTrue(job.out().contains("Warning: resource targeting is in effect"), job.out());
    assertTrue(job.out().contains("Plan: 2 to add, 0 to change, 0 to destroy."), "the job and its notebook:\n" + job.out());
    assertTrue(job.out().contains("# databricks_notebook.ingest will be created"), job.out());
    assertFalse(job.out().contains("databricks_cluster_policy.small"), job.out());

    CliRunner.Result rest = f.expect(0, "--plan", "--target", "databricks_secret.etl_token",
        "--target", "databricks_cluster_policy.small");
    assertTrue(rest.out().contains("Plan: 3 to add, 0 to change, 1 to destroy."),
        "the secret, its scope, the policy, and the mirror's removal of the creator's ACL on the new scope:\n" + rest.out());

    CliRunner.Result destroy = f.expect(0, "--destroy", "--plan", "--target", "databricks_notebook.ingest");
    assertTrue(destroy.out().contains("Plan: 0 to add, 0 to change, 2 to destroy."),
        "destroying the notebook takes the job that refers to it:\n" + destroy.out());
    assertTrue(destroy.out().contains("# databricks_job.nightly will be destroyed"), destroy.out());

    CliRunner.Result unknown = f.expect(2, "--plan", "--target", "databricks_job.nope");
    assertTrue(unknown.err().contains("--target databricks_job.nope names no resource"), unknown.err());
  }

  @Test
  void thePlanShowsNestedBlocksAttributeByAttributeAndLongContentAsAHash() throws Exception {
    f.expect(0, "--apply");
    f.job("0 30 4 * * ?", "platform");
    Files.writeString(f.repo.resolve("exports/notebook/data/Shared/etl/ingest.py"), ImportFixture.NOTEBOOK_SOURCE + "print('new step')\n");
    f.commit("changed schedule, tags and notebook");
    CliRunner.Result r = f.expect(0, "--plan");
    String out = r.out();
    assertTrue(out.contains("""
              ~ schedule {
                  ~ quartz_cron_expression = "0 0 2 * * ?" -> "0 30 4 * * ?"
                    # (1 unchanged attribute hidden)
                }
        """), out);
    assertTrue(out.contains("""
              ~ tags = {
                  ~ "team" = "etl" -> "platform"
                }
        """), out);
    assertTrue(out.matches("(?s).*~ source = \\(file sha256:[0-9a-f]{12}\\) -> \\(file sha256:[0-9a-f]{12}\\)\n.*"), out);
    assertFalse(out.contains("ingest step"), "notebook source is not dumped into the plan");
    assertFalse(out.contains("{\"quartz_cron_expression\""), "no one-line JSON for blocks");
  }

  @Test
  void aNightlyPlanIsADriftReportAndAnApplyThatDoesNotConvergeFails() throws Exception {
    f.expect(0, "--apply");
    CliRunner.Result clean = f.expect(0, "--plan");
    assertTrue(clean.out().contains("Verified 5 of 5 objects: the target matches the revision."), clean.out());

    f.client().workspace().delete(new Delete().setPath("/Shared/etl/ingest"));
    CliRunner.Result drift = f.expect(0, "--plan");
    assertTrue(drift.out().contains("Verified 3 of 5 objects: 2 differ from the revision:\n"
        + "  databricks_job.nightly: differs in task (will be updated in place)\n"
        + "  databricks_notebook.ingest: deleted in the target (will be created again)\n"), drift.out());

    // two permissions resources for one job: whichever is applied last wins, the other cannot converge
    // (the apply also recreates the notebook and sets the job's notebook path again: 4 objects touched)
    String owner = "{'user_name': 'admin@example.com', 'permission_level': 'IS_OWNER'}";
    f.write("permissions/nightly.tf.json", "{'resource': {'databricks_permissions': {"
        + "'nightly_view': {'job_id': '${databricks_job.nightly.id}', 'access_control': [{'group_name': 'users', 'permission_level': 'CAN_VIEW'}, " + owner + "]},"
        + "'nightly_run': {'job_id': '${databricks_job.nightly.id}', 'access_control': [{'group_name': 'users', 'permission_level': 'CAN_MANAGE_RUN'}, " + owner + "]}}}}");
    f.commit("conflicting permissions");
    CliRunner.Result fight = f.expect(1, "--apply");
    assertTrue(fight.out().contains("Apply complete!"), "every API call succeeded:\n" + fight.out());
    assertTrue(fight.out().matches("(?s).*Verified 3 of 4 objects: 1 did not converge:\n"
        + "  databricks_permissions\\.nightly_(view|run): still differs in access_control\n.*"), fight.out());
  }
}
