package io.dbsync.plan;

import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateRefreshTest {
  private static StateEntry entry(String type, String id) {
    return new StateEntry(type, id, TfJson.object(), List.of(), "dir", Set.of());
  }

  /** Objects known by path take turns by folder, so the refreshes running at once ask different folders' listings. */
  @Test
  void pathObjectsStartSpreadOverTheirFolders() {
    Map<String, StateEntry> entries = new HashMap<>();
    entries.put("databricks_notebook.a1", entry("databricks_notebook", "/Shared/a/1"));
    entries.put("databricks_notebook.a2", entry("databricks_notebook", "/Shared/a/2"));
    entries.put("databricks_notebook.a3", entry("databricks_notebook", "/Shared/a/3"));
    entries.put("databricks_notebook.b1", entry("databricks_notebook", "/Shared/b/1"));
    entries.put("databricks_notebook.c1", entry("databricks_notebook", "/Shared/c/1"));
    entries.put("databricks_notebook.c2", entry("databricks_notebook", "/Shared/c/2"));
    entries.put("databricks_job.x", entry("databricks_job", "17"));
    entries.put("databricks_job.y", entry("databricks_job", "18"));
    Map<String, String> family = new HashMap<>();
    entries.forEach((a, e) -> family.put(a, FamilySchedule.familyOf(e.type())));

    Map<String, String> order = StateRefresh.spreadOverFolders(entries, family);

    assertEquals(List.of("databricks_job.x", "databricks_job.y", "databricks_notebook.a1", "databricks_notebook.b1",
        "databricks_notebook.c1", "databricks_notebook.a2", "databricks_notebook.c2", "databricks_notebook.a3"),
        List.copyOf(order.keySet()));
    assertEquals("workspace", order.get("databricks_notebook.a1"));
    assertEquals("jobs", order.get("databricks_job.x"));
  }
}
