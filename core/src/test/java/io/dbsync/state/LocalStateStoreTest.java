package io.dbsync.state;

import io.dbsync.lock.LockInfo;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStateStoreTest {
  @TempDir
  Path tmp;

  @Test
  void writeReplacesAtomicallyAndLeavesNoTempFiles() throws Exception {
    LocalStateStore store = LocalStateStore.inDirectory(tmp.resolve("artifacts"));
    assertTrue(store.read().isEmpty());
    StateDocument doc = StateDocument.empty();
    doc.put("databricks_job.j", new StateEntry("databricks_job", "7", TfJson.object().put("name", "j"),
        List.of("databricks_cluster.c"), "job", Set.of()));
    store.write(doc.toBytes());
    store.write(doc.toBytes());

    assertArrayEquals(doc.toBytes(), store.read().orElseThrow());
    try (Stream<Path> files = Files.list(tmp.resolve("artifacts"))) {
      assertEquals(List.of(LocalStateStore.STATE_FILE), files.map(p -> p.getFileName().toString()).toList());
    }
    StateDocument back = StateDocument.parse(store.read().orElseThrow(), "t");
    assertEquals(doc.lineage(), back.lineage());
    assertEquals(1, back.serial());
    assertEquals("7", back.get("databricks_job.j").orElseThrow().id());
    assertEquals(List.of("databricks_cluster.c"), back.get("databricks_job.j").orElseThrow().dependencies());
    assertArrayEquals(doc.toBytes(), back.toBytes(), "serialization is canonical");
  }

  @Test
  void lockIsExclusiveNamesTheHolderAndReleases() throws Exception {
    LocalStateStore store = LocalStateStore.inDirectory(tmp);
    LockInfo mine = new LockInfo("id-1", "bob@host", "import apply", 1_700_000_000_000L);
    try (StateLock lock = store.lock(mine)) {
      StateLockedException e = assertThrows(StateLockedException.class,
          () -> store.lock(new LockInfo("id-2", "carol@host", "import plan", 0)));
      assertEquals(mine, e.holder());
      assertTrue(e.getMessage().contains("bob@host") && e.getMessage().contains("id-1"), e.getMessage());
    }
    assertFalse(Files.exists(store.lockFile()));
    try (StateLock again = store.lock(new LockInfo("id-3", "dave", "import plan", 0))) {
      assertTrue(Files.exists(store.lockFile()));
    }
  }

  @Test
  void forceUnlockRemovesALeftOverLockOnlyByItsId() throws Exception {
    LocalStateStore store = LocalStateStore.inDirectory(tmp);
    LockNotHeldException none = assertThrows(LockNotHeldException.class, () -> store.forceUnlock("id-1"));
    assertTrue(none.getMessage().contains("no lock with id id-1"), none.getMessage());
    store.lock(new LockInfo("id-1", "bob", "import apply", 0)); // a run that dies and never releases it
    assertThrows(LockNotHeldException.class, () -> store.forceUnlock("id-2"));
    assertTrue(Files.exists(store.lockFile()), "a wrong id leaves the lock alone");
    store.forceUnlock("id-1");
    assertFalse(Files.exists(store.lockFile()));
    store.lock(new LockInfo("id-3", "carol", "import plan", 0)).close();
  }

  @Test
  void releasingDoesNotRemoveSomeoneElsesLock() throws Exception {
    LocalStateStore store = LocalStateStore.inDirectory(tmp);
    StateLock lock = store.lock(new LockInfo("id-1", "bob", "import", 0));
    Files.writeString(store.lockFile(), TfJson.MAPPER.writeValueAsString(new LockInfo("id-9", "eve", "import", 0)));
    lock.close();
    assertTrue(Files.exists(store.lockFile()));
  }

  @Test
  void unknownVersionIsRefused() throws Exception {
    Files.writeString(tmp.resolve("s.json"), "{\"version\": 7, \"resources\": {}}");
    IOException e = assertThrows(IOException.class,
        () -> StateDocument.parse(new LocalStateStore(tmp.resolve("s.json")).read().orElseThrow(), "s.json"));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }
}
