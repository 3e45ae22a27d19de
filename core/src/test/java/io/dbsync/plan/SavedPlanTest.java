package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saved plan names every input that moved since it was saved, and keeps no value, only hashes. */
class SavedPlanTest {
  @TempDir
  Path tmp;

  static ObjectNode json(String s) {
    return DifferTest.json(s);
  }

  static Plan plan(String secret, String targetName) {
    return plan(secret, targetName, "RUNNING");
  }

  /** @param computed a value only the target has (the plan never compares it) */
  static Plan plan(String secret, String targetName, String computed) {
    DesiredResource r = new DesiredResource("databricks_secret", "k", json("{}"), List.of(), "secret_scope",
        Path.of("exports/secret_scope/s.tf.json"));
    ObjectNode after = json("{'key': 'k', 'scope': 's'}");
    after.put("string_value", secret);
    ObjectNode before = json("{'key': 'k', 'scope': 's'}");
    StateEntry prior = new StateEntry("databricks_secret", "s|k", after.deepCopy(), List.of(), "secret_scope", Set.of("string_value"));
    PlannedChange secretChange = PlannedChange.update(r, prior, before, after, Differ.diff(after, before, prior.attributes(), Set.of(), true),
        Set.of("string_value"));
    DesiredResource job = new DesiredResource("databricks_job", "j", json("{}"), List.of(), "job", Path.of("exports/job/j.tf.json"));
    ObjectNode jobAttrs = json("{'name': 'j'}");
    ObjectNode jobTarget = json("{}");
    jobTarget.put("name", targetName);
    jobTarget.put("state", computed);
    StateEntry jobPrior = new StateEntry("databricks_job", "1", jobAttrs.deepCopy(), List.of(), "job", Set.of());
    PlannedChange jobChange = PlannedChange.update(job, jobPrior, jobTarget, jobAttrs,
        Differ.diff(jobAttrs, jobTarget, jobPrior.attributes(), Set.of(), false), Set.of());
    return new Plan(List.of(jobChange, secretChange), Map.of(), false);
  }

  static SavedPlan saved(Plan p, String revision, long serial, String salt) {
    return SavedPlan.of(p, revision, "lineage-1", serial, List.of(), List.of("databricks_job.j"), false, salt);
  }

  @Test
  void theSameInputsMatchAndEachMovedInputIsNamed() throws Exception {
    String salt = SavedPlan.newSalt();
    SavedPlan original = saved(plan("s3cr3t", "j"), "abc", 4, salt);
    Path file = tmp.resolve("plan.json");
    original.write(file, TfJson.object());
    String written = Files.readString(file);
    assertFalse(written.contains("s3cr3t"), "no value is kept: " + written);
    SavedPlan read = SavedPlan.read(file);
    assertEquals(original, read);
    assertEquals(List.of(), read.differences(saved(plan("s3cr3t", "j"), "abc", 4, read.salt())));

    assertEquals(List.of("the revision changed: the plan was made from abc, this run reads def"),
        read.differences(saved(plan("s3cr3t", "j"), "def", 4, read.salt())));
    assertTrue(read.differences(saved(plan("s3cr3t", "j"), "abc", 5, read.salt())).get(0)
        .startsWith("the state changed since the plan was saved (serial 4, now 5)"));
    assertEquals(List.of("databricks_job.j changed in the target since the plan was saved"),
        read.differences(saved(plan("s3cr3t", "renamed"), "abc", 4, read.salt())));
    assertEquals(List.of(), read.differences(saved(plan("s3cr3t", "j", "TERMINATED"), "abc", 4, read.salt())),
        "what only the target has is not part of the plan");
    assertEquals(List.of("databricks_secret.k: the desired attributes differ from the saved plan (another variable value or mapping?)"),
        read.differences(saved(plan("rotated", "j"), "abc", 4, read.salt())));
  }

  @Test
  void aFileThatIsNotASavedPlanIsRefused() throws Exception {
    Path other = Files.writeString(tmp.resolve("other.json"), "{\"format_version\": \"1.2\"}");
    assertTrue(assertThrows(PlanException.class, () -> SavedPlan.read(other)).getMessage().contains("is not a plan saved by"));
    assertTrue(assertThrows(PlanException.class, () -> SavedPlan.read(tmp.resolve("missing.json"))).getMessage().contains("not found"));
  }
}
