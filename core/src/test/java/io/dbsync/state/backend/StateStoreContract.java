package io.dbsync.state.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbsync.apply.StateSession;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateJournal;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every remote StateStore must do, run against a real server. Each store returned by
 * {@link #newStore} has its own client, like a separate import run would.
 */
abstract class StateStoreContract {
  private final List<RemoteStateStore> opened = new ArrayList<>();
  private String key;

  /** A new, independent store for the given key. */
  abstract RemoteStateStore openStore(String key);

  @BeforeEach
  void uniqueKey(TestInfo info) {
    key = "states/" + info.getTestMethod().orElseThrow().getName() + "-"
        + UUID.randomUUID().toString().substring(0, 8) + "/terraform.tfstate";
  }

  @AfterEach
  void closeStores() throws IOException {
    for (RemoteStateStore store : opened) {
      store.close();
    }
    opened.clear();
  }

  String key() {
    return key;
  }

  synchronized RemoteStateStore newStore() {
    RemoteStateStore store = openStore(key);
    opened.add(store);
    return store;
  }

  static LockInfo info(String who) {
    return new LockInfo(UUID.randomUUID().toString(), who, "import apply", 1_700_000_000_000L);
  }

  @Test
  void readOfNeverWrittenStateIsEmpty() throws IOException {
    assertTrue(newStore().read().isEmpty());
  }

  @Test
  void writeThenReadRoundTripsAndOverwriteReplaces() throws IOException {
    StateStore writer = newStore();
    byte[] first = "{\"serial\":1,\"name\":\"état ✓\"}".getBytes(UTF_8);
    writer.write(first);
    assertArrayEquals(first, newStore().read().orElseThrow());
    byte[] second = "{\"serial\":2}".getBytes(UTF_8);
    writer.write(second);
    assertArrayEquals(second, newStore().read().orElseThrow());
  }

  @Test
  void lockBlocksOtherRunsUntilReleased() throws Exception {
    StateStore first = newStore();
    StateStore second = newStore();
    LockInfo alice = info("alice@host-a");
    StateLock lock = first.lock(alice);
    StateLockedException blocked =
        assertThrows(StateLockedException.class, () -> second.lock(info("bob@host-b")));
    assertEquals(alice, blocked.holder());
    assertTrue(blocked.getMessage().contains("alice@host-a"), blocked.getMessage());
    assertTrue(blocked.getMessage().contains(alice.id()), blocked.getMessage());
    assertTrue(blocked.getMessage().contains(first.describe()), blocked.getMessage());

    lock.close();
    lock.close(); // releasing twice is harmless
    LockInfo bob = info("bob@host-b");
    try (StateLock again = second.lock(bob)) {
      StateLockedException now =
          assertThrows(StateLockedException.class, () -> first.lock(info("alice@host-a")));
      assertEquals(bob, now.holder());
    }
  }

  @Test
  void writeUnderOwnLockKeepsTheLock() throws Exception {
    StateStore owner = newStore();
    LockInfo carol = info("carol");
    try (StateLock lock = owner.lock(carol)) {
      owner.write("{\"serial\":7}".getBytes(UTF_8));
      owner.write("{\"serial\":8}".getBytes(UTF_8));
      StateLockedException blocked =
          assertThrows(StateLockedException.class, () -> newStore().lock(info("dave")));
      assertEquals(carol, blocked.holder());
    }
    assertEquals("{\"serial\":8}", new String(newStore().read().orElseThrow(), UTF_8));
    try (StateLock lock = newStore().lock(info("dave"))) {
      assertNotNull(lock);
    }
  }

  @Test
  void lockHolderIsVisibleWhileLocked() throws Exception {
    RemoteStateStore store = newStore();
    assertTrue(store.lockHolder().isEmpty());
    LockInfo ivy = info("ivy");
    try (StateLock lock = store.lock(ivy)) {
      assertEquals(ivy, newStore().lockHolder().orElseThrow());
    }
    assertTrue(newStore().lockHolder().isEmpty());
  }

  @Test
  void forceUnlockFreesALockLeftByADeadRunButOnlyByItsId() throws Exception {
    RemoteStateStore dead = newStore();
    LockInfo crashed = info("crashed-run");
    StateLock orphan = dead.lock(crashed);
    RemoteStateStore operator = newStore();
    IOException wrongId = assertThrows(IOException.class, () -> operator.forceUnlock("nope"));
    assertTrue(wrongId.getMessage().contains(crashed.id()), wrongId.getMessage());
    assertEquals(crashed, operator.lockHolder().orElseThrow(), "a wrong id changes nothing");

    operator.forceUnlock(crashed.id());
    assertTrue(operator.lockHolder().isEmpty());
    IOException notLocked =
        assertThrows(IOException.class, () -> operator.forceUnlock(crashed.id()));
    assertTrue(notLocked.getMessage().contains("not locked"), notLocked.getMessage());

    LockInfo next = info("next-run");
    try (StateLock lock = operator.lock(next)) {
      // The dead run coming back must not release the new holder's lock.
      assertThrows(IOException.class, orphan::close);
      assertEquals(next, newStore().lockHolder().orElseThrow());
      assertThrows(StateLockedException.class, () -> newStore().lock(info("third")));
    }
  }

  @Test
  void twoRunsRacingForTheLockOneWinsAndTheOtherNamesIt() throws Exception {
    for (int round = 0; round < 5; round++) {
      key = key.replaceAll("-r\\d+$", "") + "-r" + round;
      StateStore a = newStore();
      StateStore b = newStore();
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Object>> results = new ArrayList<>();
        for (var entry : List.of(new Object[] {a, info("run-a")}, new Object[] {b, info("run-b")})) {
          results.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            try {
              return ((StateStore) entry[0]).lock((LockInfo) entry[1]);
            } catch (StateLockedException e) {
              return e;
            }
          }));
        }
        Object ra = results.get(0).get(60, TimeUnit.SECONDS);
        Object rb = results.get(1).get(60, TimeUnit.SECONDS);
        boolean aWon = ra instanceof StateLock;
        boolean bWon = rb instanceof StateLock;
        assertTrue(aWon ^ bWon, "exactly one run takes the lock, got " + ra + " and " + rb);
        StateLockedException loser = (StateLockedException) (aWon ? rb : ra);
        assertNotNull(loser.holder(), "the loser is told who holds the lock");
        assertEquals(aWon ? "run-a" : "run-b", loser.holder().who());
        ((StateLock) (aWon ? ra : rb)).close();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void fiftyConcurrentLockedIncrementsEndWithTheExactCount() throws Exception {
    int increments = 50;
    int runs = 6;
    AtomicInteger remaining = new AtomicInteger(increments);
    AtomicInteger conflicts = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        String who = "run-" + r;
        StateStore store = newStore();
        done.add(pool.submit(() -> {
          while (remaining.get() > 0 && System.nanoTime() < deadline) {
            try (StateLock lock = store.lock(info(who))) {
              if (remaining.get() <= 0) {
                break;
              }
              int serial = store.read().map(StateStoreContract::serial).orElse(0);
              store.write(("{\"serial\":" + (serial + 1) + ",\"by\":\"" + who + "\"}")
                  .getBytes(UTF_8));
              remaining.decrementAndGet();
            } catch (StateLockedException e) {
              conflicts.incrementAndGet();
              Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40));
            } catch (Throwable t) {
              errors.add(t);
              return null;
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(errors.isEmpty(), () -> "errors: " + errors);
    assertEquals(0, remaining.get(), "all increments ran before the deadline");
    assertEquals(increments, serial(newStore().read().orElseThrow()),
        "every locked read-modify-write counted exactly once");
    assertTrue(conflicts.get() > 0, "the runs really contended for the lock");
  }

  @Test
  void readersNeverSeeAHalfWrittenState() throws Exception {
    int size = 2 * 1024 * 1024;
    StateStore writer = newStore();
    writer.write(document('a', size));
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        StateStore reader = newStore();
        readers.add(pool.submit(() -> {
          while (writing.get()) {
            Optional<byte[]> got = reader.read();
            reads.incrementAndGet();
            String problem = got.isEmpty() ? "state vanished" : check(got.get(), size);
            if (problem != null) {
              bad.add(problem);
            }
          }
          return null;
        }));
      }
      for (int w = 0; w < 12; w++) {
        writer.write(document(w % 2 == 0 ? 'b' : 'a', size));
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
    assertTrue(reads.get() > 0, "readers ran");
    assertTrue(bad.isEmpty(), () -> "torn reads: " + bad);
    assertEquals(null, check(newStore().read().orElseThrow(), size));
  }

  // ---------------------------------------------------------------- the journal (issue 14 follow-up)

  /**
   * A session's changes after its first write go to the store's journal, not to full rewrites of the
   * document; a store opened afresh (another run, or this one after a crash) reads the document plus
   * the journal; a checkpoint writes the document once and empties the journal.
   */
  @Test
  void aSessionJournalsItsChangesAndTheStateIsTheDocumentPlusTheJournal() throws Exception {
    CountingStore counting = new CountingStore(newStore());
    StateDocument doc = StateDocument.load(counting);
    StateSession session = new StateSession(doc, counting);
    for (int i = 0; i < 30; i++) {
      session.put("databricks_job.j" + i, entry(i));
    }
    session.remove("databricks_job.j0");
    assertEquals(1, counting.writes.get(), "only the session's first change rewrote the document");
    assertEquals(30, newStore().journal().orElseThrow().read().size(), "29 puts and a remove, journaled");
    assertArrayEquals(doc.toBytes(), StateDocument.load(newStore()).toBytes(), "document + journal = the state");

    session.checkpoint();
    assertEquals(2, counting.writes.get());
    assertEquals(List.of(), newStore().journal().orElseThrow().read(), "a checkpoint empties the journal");
    assertArrayEquals(doc.toBytes(), newStore().read().orElseThrow());
    assertArrayEquals(doc.toBytes(), StateDocument.load(newStore()).toBytes());
  }

  /** Parallel changes through one session: each durable when its call returns, all of them exact. */
  @Test
  void parallelChangesThroughTheJournalAllArrive() throws Exception {
    CountingStore counting = new CountingStore(newStore());
    StateDocument doc = StateDocument.load(counting);
    StateSession session = new StateSession(doc, counting);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            int n = thread * 100 + i;
            session.put("databricks_job.j" + n, entry(n));
            // durable on return: a fresh store already has it
            if (i % 8 == 0 && StateDocument.load(newStore()).get("databricks_job.j" + n).isEmpty()) {
              throw new AssertionError("databricks_job.j" + n + " not durable on return");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    StateDocument loaded = StateDocument.load(newStore());
    assertEquals(200, loaded.resources().size());
    assertArrayEquals(doc.toBytes(), loaded.toBytes());
    assertTrue(counting.writes.get() <= 1 + 200 / counting.journal().orElseThrow().maxAppends() + 1,
        "full writes: " + counting.writes.get());
  }

  /**
   * A journal that reached the append limit is folded into the document and restarted, so it stays short
   * to read back (the limit lowered to 50 here: Azure's own, 40,000, is out of a test's reach).
   */
  @Test
  void aLongJournalIsFoldedIntoTheDocumentAtTheAppendLimit() throws Exception {
    int limit = 50;
    CountingStore counting = new CountingStore(newStore(), limit);
    StateDocument doc = StateDocument.load(counting);
    StateSession session = new StateSession(doc, counting);
    for (int i = 0; i < limit + 11; i++) {
      session.put("databricks_job.j" + i, entry(i));
    }
    assertEquals(2, counting.writes.get(), "the first change, then one rewrite at the limit");
    // put 0 wrote the document, puts 1..limit were appends, put limit+1 rewrote it, the last 9 are appends
    assertEquals(9, newStore().journal().orElseThrow().read().size(), "the journal restarted at the rewrite");
    assertArrayEquals(doc.toBytes(), StateDocument.load(newStore()).toBytes());
  }

  private static StateEntry entry(int i) {
    return new StateEntry("databricks_job", String.valueOf(i), TfJson.object().put("name", "job " + i), List.of(),
        "job", Set.of());
  }

  /** A store that counts full document writes, optionally with a lower journal append limit; the rest is the wrapped store's. */
  private static final class CountingStore implements StateStore {
    final StateStore store;
    final AtomicInteger writes = new AtomicInteger();
    private final int maxAppends;

    CountingStore(StateStore store) {
      this(store, Integer.MAX_VALUE);
    }

    CountingStore(StateStore store, int maxAppends) {
      this.store = store;
      this.maxAppends = maxAppends;
    }

    @Override
    public Optional<byte[]> read() throws IOException {
      return store.read();
    }

    @Override
    public void write(byte[] state) throws IOException {
      writes.incrementAndGet();
      store.write(state);
    }

    @Override
    public Optional<StateJournal> journal() {
      return store.journal().map(j -> new StateJournal() {
        @Override
        public void append(List<byte[]> records) throws IOException {
          j.append(records);
        }

        @Override
        public List<byte[]> read() throws IOException {
          return j.read();
        }

        @Override
        public void clear() throws IOException {
          j.clear();
        }

        @Override
        public int maxAppends() {
          return Math.min(maxAppends, j.maxAppends());
        }
      });
    }

    @Override
    public StateLock lock(LockInfo info) throws IOException, StateLockedException {
      return store.lock(info);
    }

    @Override
    public void forceUnlock(String lockId) throws IOException {
      store.forceUnlock(lockId);
    }

    @Override
    public String describe() {
      return store.describe();
    }
  }

  /** A document of one repeated letter inside a JSON string, so any mix of two is detectable. */
  static byte[] document(char fill, int size) {
    byte[] d = new byte[size];
    Arrays.fill(d, (byte) fill);
    byte[] head = "{\"s\":\"".getBytes(UTF_8);
    System.arraycopy(head, 0, d, 0, head.length);
    d[size - 2] = '"';
    d[size - 1] = '}';
    return d;
  }

  /** Null when d is a whole document, else what is wrong with it. */
  static String check(byte[] d, int size) {
    if (d.length != size) {
      return "length " + d.length;
    }
    byte fill = d[6];
    for (int i = 6; i < size - 2; i++) {
      if (d[i] != fill) {
        return "mixed content at byte " + i;
      }
    }
    return null;
  }

  private static final Pattern SERIAL = Pattern.compile("\"serial\":(\\d+)");

  static int serial(byte[] state) {
    Matcher m = SERIAL.matcher(new String(state, UTF_8));
    assertTrue(m.find(), "state has a serial");
    return Integer.parseInt(m.group(1));
  }
}
