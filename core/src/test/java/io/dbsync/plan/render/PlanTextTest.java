package io.dbsync.plan.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.plan.Differ;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.expr.Unknown;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan text as terraform prints it: blocks as blocks, one attribute a line, only what changes in an update. */
class PlanTextTest {
  static ObjectNode json(String s) {
    try {
      return (ObjectNode) TfJson.read(s.replace('\'', '"').getBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static DesiredResource resource(String type, String name, ObjectNode attrs) {
    return new DesiredResource(type, name, attrs, List.of(), "job", Path.of("exports/job/" + name + ".tf.json"));
  }

  static String text(PlannedChange... changes) {
    return PlanText.text(new Plan(List.of(changes), Map.of(), false));
  }

  @Test
  void aCreateShowsEveryAttributeALineAndBlocksAsBlocks() {
    ObjectNode after = json("{'name': 'nightly', 'max_concurrent_runs': 1, 'tags': {'team': 'etl', 'cost.center': '42'},"
        + " 'schedule': {'quartz_cron_expression': '0 0 2 * * ?', 'timezone_id': 'UTC'},"
        + " 'task': [{'task_key': 'a', 'notebook_task': {'notebook_path': '/Shared/a'}}, {'task_key': 'b',"
        + " 'depends_on': [{'task_key': 'a'}], 'libraries': ['x.whl', 'y.whl']}]}");
    after.set("existing_cluster_id", Unknown.NODE);
    String text = text(PlannedChange.create(resource("databricks_job", "nightly", after), after, Set.of(), null, null, false));
    assertEquals("""
          # databricks_job.nightly will be created
          + resource "databricks_job" "nightly" {
              + existing_cluster_id = (known after apply)
              + id                  = (known after apply)
              + max_concurrent_runs = 1
              + name                = "nightly"
              + tags                = {
                  + "cost.center" = "42"
                  + "team"        = "etl"
                }

              + schedule {
                  + quartz_cron_expression = "0 0 2 * * ?"
                  + timezone_id            = "UTC"
                }

              + task {
                  + task_key = "a"

                  + notebook_task {
                      + notebook_path = "/Shared/a"
                    }
                }

              + task {
                  + libraries = [
                      + "x.whl",
                      + "y.whl",
                    ]
                  + task_key  = "b"

                  + depends_on {
                      + task_key = "a"
                    }
                }
            }

        Plan: 1 to add, 0 to change, 0 to destroy.
        """, text.substring(text.indexOf("  # databricks_job")));
  }

  @Test
  void anUpdateShowsOnlyWhatDiffersAndCountsTheRest() {
    ObjectNode before = json("{'name': 'nightly', 'max_concurrent_runs': 1, 'timeout_seconds': 60, 'created_time': 123,"
        + " 'tags': {'team': 'etl', 'env': 'prod'},"
        + " 'schedule': {'quartz_cron_expression': '0 0 2 * * ?', 'timezone_id': 'UTC', 'pause_status': 'UNPAUSED'},"
        + " 'email_notifications': {'on_failure': ['a@x.com']},"
        + " 'task': [{'task_key': 'a', 'timeout_seconds': 0}, {'task_key': 'b', 'max_retries': 1}]}");
    ObjectNode after = json("{'name': 'nightly', 'max_concurrent_runs': 1, 'timeout_seconds': 60,"
        + " 'tags': {'team': 'platform', 'env': 'prod'},"
        + " 'schedule': {'quartz_cron_expression': '0 0 3 * * ?', 'timezone_id': 'UTC'},"
        + " 'email_notifications': {'on_failure': ['a@x.com']},"
        + " 'task': [{'task_key': 'a'}, {'task_key': 'b', 'max_retries': 2}]}");
    StateEntry prior = new StateEntry("databricks_job", "42", after.deepCopy(), List.of(), "job", Set.of());
    Differ.Result diff = Differ.diff(after, before, prior.attributes(), Set.of(), false);
    String text = text(PlannedChange.update(resource("databricks_job", "nightly", after), prior, before, after, diff, Set.of()));
    assertEquals("""
          # databricks_job.nightly will be updated in-place
          ~ resource "databricks_job" "nightly" {
                id   = "42"
              ~ tags = {
                  ~ "team" = "etl" -> "platform"
                    # (1 unchanged element hidden)
                }
                # (3 unchanged attributes hidden)

              ~ schedule {
                  ~ quartz_cron_expression = "0 0 2 * * ?" -> "0 0 3 * * ?"
                    # (1 unchanged attribute hidden)
                }

              ~ task {
                  ~ max_retries = 1 -> 2
                    # (1 unchanged attribute hidden)
                }

                # (2 unchanged blocks hidden)
            }

        Plan: 0 to add, 1 to change, 0 to destroy.
        """, text.substring(text.indexOf("  # databricks_job")));
  }

  @Test
  void longContentIsAHashChangeAndSensitiveValuesAreMasked() {
    String script = "#!/bin/bash\n" + "echo installing\n".repeat(40);
    ObjectNode before = json("{'name': 'agent', 'content_base64': 'old', 'source': 'sha256:" + "a".repeat(64) + "'}");
    ObjectNode after = json("{'name': 'agent', 'source': 'sha256:" + "b".repeat(64) + "'}");
    after.put("content_base64", script);
    after.put("token", "s3cr3t-value");
    StateEntry prior = new StateEntry("databricks_global_init_script", "9", before.deepCopy(), List.of(), "gis", Set.of("token"));
    Differ.Result diff = Differ.diff(after, before, prior.attributes(), Set.of(), false);
    String text = text(PlannedChange.update(resource("databricks_global_init_script", "agent", after), prior, before, after,
        diff, Set.of("token")));
    assertTrue(text.contains("~ source         = (file sha256:aaaaaaaaaaaa) -> (file sha256:bbbbbbbbbbbb)"), text);
    assertTrue(text.matches("(?s).*~ content_base64 = \"old\" -> \\(" + script.length() + " characters, sha256:[0-9a-f]{12}\\)\n.*"), text);
    assertTrue(text.contains("+ token          = (sensitive value)"), text);
    assertFalse(text.contains("echo installing"), "long content is never dumped");
    assertFalse(text.contains("s3cr3t-value"));
  }

  @Test
  void aReplaceMarksWhatForcesItAndADestroyListsWhatGoes() {
    ObjectNode before = json("{'name': 's1', 'backend_type': 'DATABRICKS'}");
    ObjectNode after = json("{'name': 's2', 'backend_type': 'DATABRICKS'}");
    StateEntry prior = new StateEntry("databricks_secret_scope", "s1", before.deepCopy(), List.of(), "secret_scope", Set.of());
    Differ.Result diff = Differ.diff(after, before, prior.attributes(), Set.of("name"), false);
    String replace = text(PlannedChange.update(resource("databricks_secret_scope", "s", after), prior, before, after, diff, Set.of()));
    assertTrue(replace.contains("""
        -/+ resource "databricks_secret_scope" "s" {
              ~ id   = "s1" -> (known after apply)
              ~ name = "s1" -> "s2" # forces replacement
                # (1 unchanged attribute hidden)
            }
        """), replace);

    String destroy = text(PlannedChange.delete("databricks_job.old", new StateEntry("databricks_job", "7",
        json("{'name': 'old', 'schedule': {'timezone_id': 'UTC'}}"), List.of(), "job", Set.of()), "it is no longer in the configuration"));
    assertTrue(destroy.contains("""
          # databricks_job.old will be destroyed (it is no longer in the configuration)
          - resource "databricks_job" "old" {
              - id   = "7" -> null
              - name = "old" -> null

              - schedule {
                  - timezone_id = "UTC" -> null
                }
            }
        """), destroy);
  }

  @Test
  void aListThatGrowsShowsTheAddedElementsAndBlocks() {
    ObjectNode before = json("{'name': 'p', 'ssh_public_keys': ['a', 'b'], 'library': [{'jar': 'x.jar'}]}");
    ObjectNode after = json("{'name': 'p', 'ssh_public_keys': ['a', 'c', 'b'], 'library': [{'jar': 'x.jar'}, {'whl': 'y.whl'}]}");
    StateEntry prior = new StateEntry("databricks_cluster", "c", before.deepCopy(), List.of(), "cluster", Set.of());
    Differ.Result diff = Differ.diff(after, before, prior.attributes(), Set.of(), false);
    String text = text(PlannedChange.update(resource("databricks_cluster", "p", after), prior, before, after, diff, Set.of()));
    assertTrue(text.contains("""
              ~ ssh_public_keys = [
                  + "c",
                    # (2 unchanged elements hidden)
                ]
                # (1 unchanged attribute hidden)

              + library {
                  + whl = "y.whl"
                }

                # (1 unchanged block hidden)
            }
        """), text);
  }

  /**
   * Inside a changed block the text follows the differ: a write-only value the API does not return is
   * the last-applied one (hidden when unchanged), any other value the target lacks is added.
   */
  @Test
  void writeOnlyValuesFallBackToLastAppliedAndOtherMissingValuesAreAdded() {
    ObjectNode before = json("{'display_name': 'ops', 'config': {'slack': {'channel': 'old'}}}");
    ObjectNode last = json("{'display_name': 'ops', 'config': {'slack': {'url': 'sha256:1', 'channel': 'old', 'mention': 'here'}}}");
    ObjectNode after = json("{'display_name': 'ops', 'config': {'slack': {'url': 'sha256:1', 'channel': 'new', 'mention': 'here'}}}");
    StateEntry prior = new StateEntry("databricks_notification_destination", "d1", last, List.of(), "notification_destination", Set.of());
    Differ.Result diff = Differ.diff(after, before, prior.attributes(), Set.of(), false, Set.of("config.slack.url"));
    String text = text(PlannedChange.update(resource("databricks_notification_destination", "ops", after), prior, before,
        after, diff, Set.of()));
    assertTrue(text.contains("""
              ~ config {
                  ~ slack {
                      ~ channel = "old" -> "new"
                      + mention = "here"
                        # (1 unchanged attribute hidden)
                    }
                }
        """), text);
  }
}
