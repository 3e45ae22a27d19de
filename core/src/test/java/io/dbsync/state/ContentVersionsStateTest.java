package io.dbsync.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refresh metadata of state entries: kept by the document, its journal and older documents alike. */
class ContentVersionsStateTest {
  private static final String ADDRESS = "databricks_notebook.nb";

  private static ObjectNode versions() {
    ObjectNode v = TfJson.object();
    v.putObject("Shared/nb.py").put("hash", "sha256:aa").putObject("version").put("object_id", 7).put("modified_at", 1000);
    return v;
  }

  private static StateEntry entry() {
    return new StateEntry("databricks_notebook", "/Shared/nb", TfJson.object().put("source", "sha256:aa"),
        List.of(), "notebook", Set.of(), false, versions());
  }

  @Test
  void theDocumentAndItsJournalKeepTheVersions() throws Exception {
    StateDocument doc = StateDocument.empty();
    byte[] before = doc.toBytes();
    doc.put(ADDRESS, entry());
    assertEquals(versions(), StateDocument.parse(doc.toBytes(), "test").get(ADDRESS).orElseThrow().contentVersions());

    StateDocument replayed = StateDocument.parse(before, "test");
    replayed.replay(doc.drainChanges(), "test");
    assertEquals(versions(), replayed.get(ADDRESS).orElseThrow().contentVersions());
    assertEquals(entry(), replayed.get(ADDRESS).orElseThrow());
  }

  @Test
  void anOlderDocumentWithoutVersionsReadsAndWritesAsBefore() throws Exception {
    String old = "{\"version\":1,\"serial\":3,\"lineage\":\"l\",\"resources\":{\"" + ADDRESS + "\":{\"type\":"
        + "\"databricks_notebook\",\"id\":\"/Shared/nb\",\"attributes\":{\"source\":\"sha256:aa\"},\"dependencies\":[],"
        + "\"dir\":\"notebook\",\"sensitive\":[]}}}";
    StateDocument doc = StateDocument.parse(old.getBytes(StandardCharsets.UTF_8), "test");
    StateEntry e = doc.get(ADDRESS).orElseThrow();
    assertTrue(e.contentVersions().isEmpty());
    assertFalse(new String(doc.toBytes(), StandardCharsets.UTF_8).contains("content_versions"),
        "an entry without versions is written in the older form");
    assertNotEquals(e, e.withContentVersions(versions()));
  }
}
