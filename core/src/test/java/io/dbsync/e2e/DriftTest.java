package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand edits in the target after an import (a deleted notebook, a changed cluster, a removed group
 * member) are seen by the refresh and put back by the next import of the same revision.
 */
class DriftTest {
  @TempDir
  Path tmp;

  @Test
  void importRepairsDriftInTheTarget() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = synced(source, target, tmp);

      WorkspaceClient t = target.client();
      E2eSeed.call(t, "POST", "/api/2.0/workspace/delete", "{\"path\": \"/Shared/etl/report\"}");
      String clusterId = E2eSeed.clusterId(t, "etl shared");
      editCluster(t, clusterId, List.of(), edit -> edit.put("autotermination_minutes", 99));
      String platform = E2eSeed.groupId(t, "platform");
      String dataEngineers = E2eSeed.groupId(t, "data-engineers");
      t.groups().patch(new PartialUpdate().setId(platform).setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
          .setOperations(List.of(new Patch().setOp(PatchOp.REMOVE).setPath("members[value eq \"" + dataEngineers + "\"]"))));

      ImportResult repair = importing.run(true);
      assertTrue(repair.success(), repair.failures() + "\n" + repair.planText());
      Set<String> actions = new TreeSet<>();
      repair.plan().actionable().forEach(c -> actions.add(c.action() + " " + c.type()));
      assertEquals(new TreeSet<>(Set.of(Action.CREATE + " databricks_notebook", Action.UPDATE + " databricks_cluster",
          Action.CREATE + " databricks_group_member")), actions, repair.planText());
      assertEquals(3, repair.plan().actionable().size(), repair.planText());
      JsonNode repaired = E2eSeed.call(t, "GET", "/api/2.1/clusters/get", null, "cluster_id", clusterId);
      assertEquals(30, repaired.path("autotermination_minutes").asInt(), "updated in place, same cluster");
      RoundTripTest.assertSameWorkspace(source.client(), t);

      long writes = target.emulator().requests().writes();
      ImportResult settled = importing.run(true);
      assertFalse(settled.plan().hasChanges(), settled.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  /**
   * An attribute removed from a synced object in the target (spark_conf of a cluster) is drift: the
   * plan shows it and the import puts it back, although the state says it was applied.
   */
  @Test
  void anAttributeRemovedInTheTargetIsDrift() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = synced(source, target, tmp);

      WorkspaceClient t = target.client();
      String clusterId = E2eSeed.clusterId(t, "etl shared");
      ObjectNode before = editCluster(t, clusterId, List.of("autotermination_minutes"), edit -> edit.remove("spark_conf"));
      assertTrue(before.has("spark_conf"), before.toString());

      ImportResult plan = importing.run(false);
      List<String> changes = plan.plan().actionable().stream().map(c -> c.action() + " " + c.address()).toList();
      assertEquals(1, changes.size(), plan.planText());
      assertTrue(changes.get(0).startsWith(Action.UPDATE + " databricks_cluster.etl_shared"), plan.planText());
      assertEquals(List.of("spark_conf"), plan.plan().actionable().get(0).change().diffs().stream().map(d -> d.key()).toList());

      assertTrue(importing.run(true).success(), importing.output());
      JsonNode repaired = E2eSeed.call(t, "GET", "/api/2.1/clusters/get", null, "cluster_id", clusterId);
      assertEquals("64", repaired.path("spark_conf").path("spark.sql.shuffle.partitions").asText(), repaired.toString());
      assertFalse(importing.run(false).plan().hasChanges());
    }
  }

  /** The seeded source exported and imported into the target: the importer, ready for the next run. */
  static E2eSupport.Importing synced(TestWorkspace source, TestWorkspace target, Path tmp) throws Exception {
    E2eSeed.populate(source.client());
    Path repo = tmp.resolve("repo");
    E2eSupport.export(source.client(), repo);
    E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
    assertTrue(importing.run(true).success(), importing.output());
    return importing;
  }

  /**
   * A hand edit of a cluster (clusters/edit replaces the whole spec): its basic fields, the
   * {@code kept} ones, and what {@code change} does to that body. Returns the cluster as it was.
   */
  static ObjectNode editCluster(WorkspaceClient t, String clusterId, List<String> kept,
                                        Consumer<ObjectNode> change) throws Exception {
    ObjectNode cluster = (ObjectNode) E2eSeed.call(t, "GET", "/api/2.1/clusters/get", null, "cluster_id", clusterId);
    ObjectNode edit = E2eSeed.JSON.createObjectNode();
    List<String> fields = new ArrayList<>(List.of("cluster_id", "cluster_name", "spark_version",
        "instance_pool_id", "policy_id", "autoscale", "custom_tags", "spark_conf"));
    fields.addAll(kept);
    for (String f : fields) {
      if (cluster.has(f)) {
        edit.set(f, cluster.get(f));
      }
    }
    change.accept(edit);
    E2eSeed.call(t, "POST", "/api/2.1/clusters/edit", edit.toString());
    return cluster;
  }
}
