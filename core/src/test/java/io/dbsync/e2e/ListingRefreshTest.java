package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.RequestLog;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import refreshes clusters (with their libraries), jobs and groups (with their members) from one
 * listing each per run (issue 14): a no-change re-import reads none of them on its own, drift in any of
 * them is still seen, and a job whose tasks do not fit in its listing entry is read whole.
 */
class ListingRefreshTest {
  static final String JOB_GET = "GET /api/2.0|2.1|2.2/jobs/get";
  static final String CLUSTER_GET = "GET /api/2.0|2.1/clusters/get";
  static final String LIBRARIES_GET = "GET /api/2.0/libraries/cluster-status";
  static final String GROUP_GET = "GET /api/2.0/preview/scim/v2/Groups/{id}";
  static final String POLICY_GET = "GET /api/2.0/policies/clusters/get";
  static final String POOL_GET = "GET /api/2.0/instance-pools/get";
  static final List<String> PER_OBJECT_READS = List.of(JOB_GET, CLUSTER_GET, LIBRARIES_GET, GROUP_GET, POLICY_GET, POOL_GET);

  @TempDir
  Path tmp;

  @Test
  void aNoChangeReimportReadsNoClusterJobLibraryGroupPolicyOrPoolOnItsOwn() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = DriftTest.synced(source, target, tmp);
      RequestLog log = target.emulator().requests();
      log.reset();

      ImportResult again = importing.run(true);
      assertTrue(again.success(), again.failures() + "\n" + importing.output());
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(Map.of(JOB_GET, 0L, CLUSTER_GET, 0L, LIBRARIES_GET, 0L, GROUP_GET, 0L, POLICY_GET, 0L, POOL_GET, 0L),
          reads(log, PER_OBJECT_READS));
      assertEquals(1, log.route("GET /api/2.0/libraries/all-cluster-statuses"), "one libraries listing per run");
      assertTrue(log.route("GET /api/2.0|2.1|2.2/jobs/list") >= 1, "the jobs come from their listing");
      assertEquals(0, log.writes());
    }
  }

  /**
   * Edits in the target after an import: a job's task, a cluster setting, a library removed, a group
   * member removed, a group renamed, a policy's definition, a pool's idle time. The plan shows each; the apply repairs them, its verification reads
   * what it wrote afresh, and the next plan is empty.
   */
  @Test
  void driftInListedObjectsIsSeenAndRepaired() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = DriftTest.synced(source, target, tmp);
      WorkspaceClient t = target.client();

      String jobId = jobId(t, "nightly etl");
      ObjectNode job = (ObjectNode) E2eSeed.call(t, "GET", "/api/2.2/jobs/get", null, "job_id", jobId);
      ObjectNode settings = (ObjectNode) job.get("settings");
      for (JsonNode task : settings.get("tasks")) {
        if ("report".equals(task.path("task_key").asText())) {
          ((ObjectNode) task.get("notebook_task")).put("notebook_path", "/Shared/etl/ingest");
        }
      }
      E2eSeed.call(t, "POST", "/api/2.2/jobs/reset", E2eSeed.JSON.createObjectNode()
          .put("job_id", Long.parseLong(jobId)).set("new_settings", settings).toString());

      String clusterId = E2eSeed.clusterId(t, "etl shared");
      E2eSeed.call(t, "POST", "/api/2.0/libraries/uninstall", """
          {"cluster_id": "%s", "libraries": [{"pypi": {"package": "requests==2.32.3"}}]}""".formatted(clusterId));
      DriftTest.editCluster(t, clusterId, List.of(), edit -> edit.put("autotermination_minutes", 99));

      String platform = E2eSeed.groupId(t, "platform");
      String dataEngineers = E2eSeed.groupId(t, "data-engineers");
      scimPatch(t, platform, new Patch().setOp(PatchOp.REMOVE).setPath("members[value eq \"" + dataEngineers + "\"]"));
      scimPatch(t, dataEngineers, new Patch().setOp(PatchOp.REPLACE).setPath("displayName").setValue("data-eng-renamed"));

      JsonNode pool = E2eSeed.call(t, "GET", "/api/2.0/instance-pools/list", null).path("instance_pools").get(0);
      ObjectNode poolEdit = E2eSeed.JSON.createObjectNode();
      for (String f : List.of("instance_pool_id", "instance_pool_name", "node_type_id", "min_idle_instances", "max_capacity")) {
        if (pool.has(f)) {
          poolEdit.set(f, pool.get(f));
        }
      }
      E2eSeed.call(t, "POST", "/api/2.0/instance-pools/edit", poolEdit.put("idle_instance_autotermination_minutes", 44).toString());
      for (JsonNode policy : E2eSeed.call(t, "GET", "/api/2.0/policies/clusters/list", null).path("policies")) {
        if ("Small clusters".equals(policy.path("name").asText())) {
          E2eSeed.call(t, "POST", "/api/2.0/policies/clusters/edit", E2eSeed.JSON.createObjectNode()
              .put("policy_id", policy.path("policy_id").asText()).put("name", "Small clusters")
              .put("definition", "{\"autoscale.max_workers\":{\"type\":\"range\",\"maxValue\":6}}").toString());
        }
      }

      ImportResult plan = importing.run(false);
      Map<String, String> changes = new TreeMap<>();
      for (PlannedChange c : plan.plan().actionable()) {
        changes.put(c.action() + " " + c.address(), c.change().diffs().stream().map(d -> d.key()).sorted().toList().toString());
      }
      assertEquals("[task]", find(changes, Action.UPDATE + " databricks_job.nightly_etl"), plan.planText());
      assertEquals("[autotermination_minutes, library]", find(changes, Action.UPDATE + " databricks_cluster.etl_shared"),
          plan.planText());
      assertTrue(changes.keySet().stream().anyMatch(k -> k.startsWith(Action.CREATE + " databricks_group_member.platform_")),
          plan.planText());
      assertEquals("[display_name]", find(changes, Action.UPDATE + " databricks_group.data_engineers"), plan.planText());
      assertEquals("[idle_instance_autotermination_minutes]", find(changes, Action.UPDATE + " databricks_instance_pool."),
          plan.planText());
      assertTrue(find(changes, Action.UPDATE + " databricks_cluster_policy.small_clusters").contains("definition"),
          plan.planText());

      ImportResult repair = importing.run(true);
      assertTrue(repair.success(), repair.failures() + "\n" + importing.output());
      assertTrue(repair.verification().differences().isEmpty(), repair.verification().toString());
      JsonNode repaired = E2eSeed.call(t, "GET", "/api/2.1/clusters/get", null, "cluster_id", clusterId);
      assertEquals(30, repaired.path("autotermination_minutes").asInt());
      JsonNode libraries = E2eSeed.call(t, "GET", "/api/2.0/libraries/cluster-status", null, "cluster_id", clusterId);
      assertTrue(libraries.toString().contains("requests==2.32.3"), libraries.toString());
      assertEquals(dataEngineers, E2eSeed.groupId(t, "data-engineers"), "renamed back in place");
      assertFalse(importing.run(false).plan().hasChanges());
    }
  }

  /**
   * A job with more tasks than its listing entry holds (has_more) is read with jobs/get across its
   * pages: the re-import sees it unchanged, and a change to a task beyond the first 100 is drift.
   */
  @Test
  void aJobWithMoreThan100TasksIsRefreshedWhole() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      ObjectNode body = E2eSeed.JSON.createObjectNode().put("name", "wide job");
      body.putArray("job_clusters").addObject().put("job_cluster_key", "c")
          .putObject("new_cluster").put("spark_version", "15.4.x-scala2.12").put("num_workers", 1)
          .put("node_type_id", "i3.xlarge");
      ArrayNode tasks = body.putArray("tasks");
      for (int i = 0; i < 130; i++) {
        tasks.addObject().put("task_key", String.format("t%03d", i)).put("job_cluster_key", "c")
            .putObject("notebook_task").put("notebook_path", "/Shared/n" + i);
      }
      E2eSeed.call(source.client(), "POST", "/api/2.2/jobs/create", body.toString());
      E2eSeed.call(source.client(), "POST", "/api/2.2/jobs/create",
          "{\"name\": \"small job\", \"tasks\": [{\"task_key\": \"a\", \"notebook_task\": {\"notebook_path\": \"/Shared/a\"}}]}");
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      assertTrue(importing.run(true).success(), importing.output());

      RequestLog log = target.emulator().requests();
      log.reset();
      ImportResult again = importing.run(false);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(2, log.route(JOB_GET), "the wide job's two pages of tasks; the small one from the listing");

      WorkspaceClient t = target.client();
      String wideId = jobId(t, "wide job");
      JsonNode whole = E2eSeed.call(t, "GET", "/api/2.2/jobs/get", null, "job_id", wideId);
      JsonNode second = E2eSeed.call(t, "GET", "/api/2.2/jobs/get", null, "job_id", wideId,
          "page_token", whole.path("next_page_token").asText());
      ArrayNode all = ((ArrayNode) whole.at("/settings/tasks")).deepCopy();
      all.addAll((ArrayNode) second.at("/settings/tasks"));
      assertEquals(130, all.size());
      ((ObjectNode) all.get(120).get("notebook_task")).put("notebook_path", "/Shared/elsewhere");
      ObjectNode settings = ((ObjectNode) whole.get("settings")).deepCopy();
      settings.set("tasks", all);
      E2eSeed.call(t, "POST", "/api/2.2/jobs/reset", E2eSeed.JSON.createObjectNode()
          .put("job_id", Long.parseLong(wideId)).set("new_settings", settings).toString());

      ImportResult drift = importing.run(false);
      List<String> changed = drift.plan().actionable().stream().map(c -> c.action() + " " + c.address()).toList();
      assertEquals(1, changed.size(), drift.planText());
      assertTrue(changed.get(0).startsWith(Action.UPDATE + " databricks_job.wide_job"), drift.planText());
      assertTrue(drift.planText().contains("/Shared/elsewhere"), drift.planText());
    }
  }

  private static Map<String, Long> reads(RequestLog log, List<String> routes) {
    Map<String, Long> out = new TreeMap<>();
    routes.forEach(r -> out.put(r, log.route(r)));
    return out;
  }

  /** The diffs of the one change whose "action address" starts with {@code prefix}. */
  private static String find(Map<String, String> changes, String prefix) {
    Set<String> keys = new TreeSet<>();
    changes.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
    assertEquals(1, keys.size(), prefix + " in " + changes);
    return changes.get(keys.iterator().next());
  }

  private static String jobId(WorkspaceClient w, String name) throws Exception {
    for (JsonNode j : E2eSeed.call(w, "GET", "/api/2.2/jobs/list", null, "name", name).path("jobs")) {
      return j.path("job_id").asText();
    }
    throw new IllegalStateException("no job " + name);
  }

  private static void scimPatch(WorkspaceClient t, String groupId, Patch op) {
    t.groups().patch(new PartialUpdate().setId(groupId)
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP)).setOperations(List.of(op)));
  }
}
