package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --target: the address and what it depends on; when destroying, the address and what depends on it. */
class TargetSelectionTest {
  static DesiredResource r(String address, String... refs) {
    String[] tn = address.split("\\.");
    return new DesiredResource(tn[0], tn[1], TfJson.object(), List.of(refs), "x", Path.of("exports/x/" + tn[1] + ".tf.json"));
  }

  static StateEntry e(String type, String... deps) {
    ObjectNode attrs = TfJson.object();
    return new StateEntry(type, "id", attrs, List.of(deps), "x", Set.of());
  }

  @Test
  void aPlanTargetTakesItsDependenciesTransitively() throws Exception {
    DesiredConfig config = new DesiredConfig(Path.of("exports"), List.of(
        r("databricks_job.j", "databricks_cluster.c", "databricks_notebook.n"),
        r("databricks_cluster.c", "databricks_cluster_policy.p"),
        r("databricks_cluster_policy.p"), r("databricks_notebook.n"), r("databricks_notebook.other")), Map.of(), Map.of());
    StateDocument state = StateDocument.empty();
    state.put("databricks_job.gone", e("databricks_job"));
    assertEquals(Set.of("databricks_job.j", "databricks_cluster.c", "databricks_cluster_policy.p", "databricks_notebook.n"),
        TargetSelection.forPlan(List.of("databricks_job.j"), config, state));
    assertEquals(Set.of("databricks_job.gone"), TargetSelection.forPlan(List.of("databricks_job.gone"), config, state),
        "a target that left the configuration is still planned (for its deletion)");
    ConfigException e = assertThrows(ConfigException.class,
        () -> TargetSelection.forPlan(List.of("databricks_job.nope"), config, state));
    assertTrue(e.getMessage().contains("--target databricks_job.nope names no resource"), e.getMessage());
  }

  @Test
  void aDestroyTargetTakesWhatDependsOnIt() throws Exception {
    StateDocument state = StateDocument.empty();
    state.put("databricks_cluster_policy.p", e("databricks_cluster_policy"));
    state.put("databricks_cluster.c", e("databricks_cluster", "databricks_cluster_policy.p"));
    state.put("databricks_job.j", e("databricks_job", "databricks_cluster.c"));
    state.put("databricks_notebook.n", e("databricks_notebook"));
    assertEquals(Set.of("databricks_cluster_policy.p", "databricks_cluster.c", "databricks_job.j"),
        TargetSelection.forDestroy(List.of("databricks_cluster_policy.p"), state));
    assertThrows(ConfigException.class, () -> TargetSelection.forDestroy(List.of("databricks_job.nope"), state));
  }

  @Test
  void theObjectTypeSelectionNarrowedToTargetsKeepsBothRules() {
    ObjectTypeSelection all = ObjectTypeSelection.all().onlyAddresses(Set.of("databricks_job.j"));
    assertTrue(all.includesState("databricks_job.j", "job"));
    assertTrue(!all.includesState("databricks_job.k", "job"));
    assertTrue(!all.selectsEverything());
  }
}
