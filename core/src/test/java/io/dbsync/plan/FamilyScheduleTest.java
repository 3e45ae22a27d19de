package io.dbsync.plan;

import io.dbsync.dag.DagExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FamilyScheduleTest {
  /** A small import: a group and a user with a membership (scim:write, 5/s), a job, a notebook with its permissions. */
  private static Map<String, List<String>> importGraph() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("databricks_job.etl", List.of());
    g.put("databricks_notebook.a", List.of());
    g.put("databricks_permissions.a", List.of("databricks_notebook.a"));
    g.put("databricks_user.u", List.of());
    g.put("databricks_group.g", List.of());
    g.put("databricks_group_member.g_u", List.of("databricks_group.g", "databricks_user.u"));
    return g;
  }

  private static String type(String address) {
    return address.substring(0, address.indexOf('.'));
  }

  @Test
  void theSlowFamilyAndWhatGatesItComeFirstEachFamilyALane() throws Exception {
    Map<String, List<String>> g = importGraph();
    DagExecutor.Schedule s = FamilySchedule.of(g, FamilyScheduleTest::type, true, 8);
    // scim:write 5/s: 200 ms a request; a group gates a membership: 400 ms of the scim bucket
    assertEquals(400_000, s.priority().applyAsLong("databricks_group.g"));
    assertEquals(200_000, s.priority().applyAsLong("databricks_group_member.g_u"));
    // jobs:write 20/s: 50 ms
    assertEquals(50_000, s.priority().applyAsLong("databricks_job.etl"));
    assertTrue(s.priority().applyAsLong("databricks_notebook.a") > s.priority().applyAsLong("databricks_permissions.a"),
        "a notebook gates its permissions");
    assertTrue(s.priority().applyAsLong("databricks_group_member.g_u") > s.priority().applyAsLong("databricks_job.etl"));
    assertEquals("scim", s.lane().apply("databricks_user.u"));
    assertEquals("jobs", s.lane().apply("databricks_job.etl"));
    assertEquals(4, s.laneLimit(), "a family gets at most half the slots while others have ready work");
  }

  @Test
  void withOneSlotTheScimWorkRunsFirst() throws Exception {
    Map<String, List<String>> g = importGraph();
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    DagExecutor.run(g, 1, FamilySchedule.of(g, FamilyScheduleTest::type, true, 1), started::add);
    // ties in topological order; the notebook (33 ms, gating 33 ms of permissions) before the job (50 ms)
    assertEquals(List.of("databricks_group.g", "databricks_user.u", "databricks_group_member.g_u",
        "databricks_notebook.a", "databricks_job.etl", "databricks_permissions.a"), started);
  }

  @Test
  void independentWorkStartsWithTheFamilyThatTakesLongestInAll() {
    // an export's objects: 3 notebooks (workspace:read 50/s: 20 ms each, 60 ms in all) against
    // 4 jobs (jobs:read 100/s: 10 ms each, 40 ms) and one cluster (clusters 30/s: 33 ms)
    List<String> nodes = List.of("databricks_job.a", "databricks_job.b", "databricks_job.c", "databricks_job.d",
        "databricks_cluster.x", "databricks_notebook.n1", "databricks_notebook.n2", "databricks_notebook.n3");
    DagExecutor.Schedule s = FamilySchedule.byLoad(nodes, FamilyScheduleTest::type, false, 4);
    assertEquals(60_000, s.priority().applyAsLong("databricks_notebook.n2"));
    assertEquals(40_000, s.priority().applyAsLong("databricks_job.a"));
    assertEquals(33_333, s.priority().applyAsLong("databricks_cluster.x"));
    assertEquals("workspace", s.lane().apply("databricks_notebook.n1"));
    assertEquals(2, s.laneLimit());
  }

  @Test
  void withTwoSlotsTheLongestFamilyHoldsOneAndTheOthersInterleave() throws Exception {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (String n : List.of("databricks_job.a", "databricks_job.b", "databricks_notebook.n1", "databricks_notebook.n2",
        "databricks_notebook.n3")) {
      g.put(n, List.of());
    }
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    DagExecutor.Schedule s = FamilySchedule.byLoad(g.keySet(), FamilyScheduleTest::type, false, 1);
    DagExecutor.run(g, 1, s, started::add);
    assertEquals(List.of("databricks_notebook.n1", "databricks_notebook.n2", "databricks_notebook.n3",
        "databricks_job.a", "databricks_job.b"), started, "the workspace family first, jobs after");
  }
}
