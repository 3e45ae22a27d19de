package io.dbsync.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only a version whose content is what the state says is recorded, for objects that converged. */
class ContentVersionRecorderTest {
  private static StateEntry notebook(String path, String hash) {
    return new StateEntry("databricks_notebook", path, TfJson.object().put("path", path).put("source", hash),
        List.of(), "notebook", Set.of());
  }

  private static ObjectNode seen(String artifact, String hash) {
    ObjectNode o = TfJson.object();
    o.putObject(artifact).put("hash", hash).putObject("version").put("object_id", 1).put("modified_at", 5);
    return o;
  }

  @Test
  void recordsOnlyContentTheStateHoldsForConvergedObjects() throws Exception {
    StateDocument doc = StateDocument.empty();
    doc.put("databricks_notebook.ours", notebook("/a", "sha256:ours"));
    doc.put("databricks_notebook.foreign", notebook("/b", "sha256:ours-b"));
    doc.put("databricks_notebook.differs", notebook("/c", "sha256:ours-c"));
    MemoryStateStore store = new MemoryStateStore(0);
    StateSession session = new StateSession(doc, store);

    int recorded = ContentVersionRecorder.converged(session, Map.of(
            "databricks_notebook.ours", seen("a.py", "sha256:ours"),
            // someone else's content after our write: not what the state holds
            "databricks_notebook.foreign", seen("b.py", "sha256:someone-else"),
            "databricks_notebook.differs", seen("c.py", "sha256:ours-c")),
        address -> !address.equals("databricks_notebook.differs"));

    assertEquals(1, recorded);
    assertEquals(1, store.writes.get(), "one store write for what was recorded");
    StateDocument stored = StateDocument.parse(store.latest.get(), "memory");
    assertEquals(seen("a.py", "sha256:ours"), stored.get("databricks_notebook.ours").orElseThrow().contentVersions());
    assertTrue(stored.get("databricks_notebook.foreign").orElseThrow().contentVersions().isEmpty());
    assertTrue(stored.get("databricks_notebook.differs").orElseThrow().contentVersions().isEmpty());

    assertEquals(0, ContentVersionRecorder.converged(session, Map.of("databricks_notebook.ours", seen("a.py", "sha256:ours")),
        address -> true), "the same versions again: nothing to write");
    assertEquals(1, store.writes.get());
  }
}
