package io.dbsync.state;

import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy (the verification's snapshot during an apply) is the document as it was, apart from later changes of either. */
class StateDocumentCopyTest {
  @Test
  void aCopyIsTheDocumentAtThatMomentAndNeitherSeesTheOthersChanges() {
    StateDocument doc = StateDocument.empty();
    doc.put("databricks_group.a", entry("1"));
    doc.markPending("databricks_group.b", "databricks_group");
    StateDocument copy = doc.copy();
    assertArrayEquals(doc.toBytes(), copy.toBytes());
    assertTrue(copy.drainChanges().isEmpty(), "the journal records stay with the document");

    doc.put("databricks_group.b", entry("2"));
    doc.remove("databricks_group.a");
    copy.put("databricks_group.c", entry("3"));
    assertEquals(Set.of("databricks_group.a", "databricks_group.c"), copy.resources().keySet());
    assertTrue(copy.isPending("databricks_group.b"));
    assertEquals(Set.of("databricks_group.b"), doc.resources().keySet());
    assertEquals(doc.lineage(), copy.lineage());
  }

  private static StateEntry entry(String id) {
    return new StateEntry("databricks_group", id, TfJson.object().put("display_name", "g" + id), List.of(), "group", Set.of());
  }
}
