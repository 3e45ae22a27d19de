package io.dbsync.state;

import io.dbsync.apply.StateSession;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local state's journal: a change costs a record, not a rewrite of the state; the document plus
 * the journal replayed is the state at every moment (a crash anywhere loses nothing), replaying is safe
 * after a full write, a torn last record is ignored, and parallel changes all arrive.
 */
class StateJournalTest {
  @TempDir
  Path dir;

  private LocalStateStore store;
  private StateDocument doc;
  private StateSession session;

  @BeforeEach
  void newSession() {
    store = LocalStateStore.inDirectory(dir);
    doc = StateDocument.empty();
    session = new StateSession(doc, store);
  }

  private static StateEntry entry(String id) {
    return new StateEntry("databricks_job", id, TfJson.object().put("name", "job " + id), List.of(), "job", Set.of());
  }

  private Path journalFile() {
    return store.file().resolveSibling(store.file().getFileName() + ".journal");
  }

  @Test
  void changesAreJournaledAndTheStateIsTheDocumentPlusTheJournal() throws Exception {
    session.put("databricks_job.a", entry("1"));
    long afterFirst = Files.size(store.file());
    session.markPending("databricks_job.b", "databricks_job");
    session.put("databricks_job.b", entry("2"));
    session.put("databricks_job.c", entry("3"));
    session.remove("databricks_job.a");
    assertEquals(afterFirst, Files.size(store.file()), "later changes do not rewrite the state");
    assertEquals(4, Files.readAllLines(journalFile()).size());

    StateDocument loaded = StateDocument.load(store);
    assertArrayEquals(doc.toBytes(), loaded.toBytes(), "document + journal = the state");

    session.checkpoint();
    assertFalse(Files.exists(journalFile()), "a checkpoint empties the journal");
    assertArrayEquals(doc.toBytes(), store.read().orElseThrow());
  }

  @Test
  void aCrashBetweenAFullWriteAndClearingTheJournalReplaysNothingTwice() throws Exception {
    session.put("databricks_job.a", entry("1"));
    session.put("databricks_job.b", entry("2"));
    session.remove("databricks_job.b");
    byte[] journal = Files.readAllBytes(journalFile());
    session.checkpoint();
    Files.write(journalFile(), journal); // the journal outlived the full write
    assertArrayEquals(doc.toBytes(), StateDocument.load(store).toBytes());
  }

  @Test
  void aTornLastRecordIsIgnoredAndAForeignJournalRefused() throws Exception {
    session.put("databricks_job.a", entry("1"));
    session.put("databricks_job.b", entry("2"));
    Files.writeString(journalFile(), "{\"serial\": 99, \"op\": \"put\", \"addr", StandardOpenOption.APPEND);
    assertArrayEquals(doc.toBytes(), StateDocument.load(store).toBytes());

    Files.writeString(journalFile(), "{\"serial\": 100, \"lineage\": \"other\", \"op\": \"remove\", \"address\": \"x\"}\n");
    IOException e = assertThrows(IOException.class, () -> StateDocument.load(store));
    assertTrue(e.getMessage().contains("another state"), e.getMessage());
  }

  @Test
  void aLongJournalIsCompactedIntoTheDocument() throws Exception {
    for (int i = 0; i < 2500; i++) {
      session.put("databricks_job.j" + (i % 10), entry(Integer.toString(i)));
    }
    assertTrue(Files.readAllLines(journalFile()).size() <= 1000, "compacted after 1000 records");
    assertArrayEquals(doc.toBytes(), StateDocument.load(store).toBytes());
  }

  @Test
  void parallelChangesAllArriveAndEachIsDurableOnReturn() throws Exception {
    Set<String> notDurable = ConcurrentHashMap.newKeySet();
    try (var pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        String address = "databricks_job.j" + i;
        boolean drop = i % 7 == 0;
        futures.add(pool.submit(() -> {
          session.markPending(address, "databricks_job");
          session.put(address, entry(address));
          if (drop) {
            session.remove(address);
          }
          boolean stored = StateDocument.load(store).get(address).isPresent();
          if (stored == drop) {
            notDurable.add(address);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertEquals(Set.of(), notDurable, "changes not in the store when their call returned");
    StateDocument loaded = StateDocument.load(store);
    assertArrayEquals(doc.toBytes(), loaded.toBytes());
    assertEquals(3000 - 3000 / 7 - 1, loaded.resources().size());
    assertTrue(new String(Files.readAllBytes(store.file()), StandardCharsets.UTF_8).contains("\"lineage\""));
  }
}
