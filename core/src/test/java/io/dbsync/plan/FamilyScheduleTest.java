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
  void anExportWeighsAnObjectByOneRequestOfItsTypesFamily() {
    // notebooks: workspace:read at 50/s; jobs: jobs:read at 100/s; clusters: 30/s assumed
    assertEquals(20_000, FamilySchedule.requestMicros("databricks_notebook", false));
    assertEquals(10_000, FamilySchedule.requestMicros("databricks_job", false));
    assertEquals(33_333, FamilySchedule.requestMicros("databricks_cluster", false));
    assertEquals("workspace", FamilySchedule.familyOf("databricks_notebook"));
  }
}
