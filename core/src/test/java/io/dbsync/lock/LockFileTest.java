package io.dbsync.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockFileTest {
  @TempDir
  Path tmp;

  /** The pid of a process that has exited (so it is gone from this host). */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  static LockInfo holder(String id, long pid) {
    return new LockInfo(id, "ops@" + LockInfo.thisHost(), "export", 1_700_000_000_000L, pid, LockInfo.thisHost());
  }

  @Test
  void aLiveHolderBlocksAndIsNamedWithItsProcess() throws Exception {
    LockFile lock = new LockFile(tmp.resolve("x.lock"), "repository /r");
    try (LockFile.Held held = lock.acquire(holder("live", ProcessHandle.current().pid()))) {
      LockHeldException e = assertThrows(LockHeldException.class, () -> lock.acquire(holder("second", 1)));
      assertTrue(e.getMessage().startsWith("repository /r is locked by ops@"), e.getMessage());
      assertTrue(e.getMessage().contains("lock id live") && e.getMessage().contains("still running"), e.getMessage());
      assertTrue(held.replaced().isEmpty());
    }
    assertFalse(Files.exists(tmp.resolve("x.lock")), "released");
  }

  @Test
  void aLockWhoseProcessIsGoneFromThisHostIsTakenOver() throws Exception {
    LockFile lock = new LockFile(tmp.resolve("x.lock"), "state");
    lock.acquire(holder("dead", deadPid())); // never released: kill -9
    try (LockFile.Held held = lock.acquire(holder("next", ProcessHandle.current().pid()))) {
      assertEquals("dead", held.replaced().orElseThrow().id());
    }
  }

  @Test
  void holdersFromOtherHostsOrWithoutAPidAreNeverTakenOver() throws Exception {
    LockFile lock = new LockFile(tmp.resolve("x.lock"), "state");
    lock.acquire(new LockInfo("remote", "ci@other", "import apply", 0, deadPid(), "some-other-host"));
    assertThrows(LockHeldException.class, () -> lock.acquire(holder("next", 1)));
    assertEquals(LockInfo.Liveness.UNKNOWN, lock.holder().orElseThrow().liveness());
  }

  @Test
  void forceUnlockRefusesALiveHolderUnlessForced() throws Exception {
    LockFile lock = new LockFile(tmp.resolve("x.lock"), "state");
    lock.acquire(holder("live", ProcessHandle.current().pid()));
    HolderAliveException e = assertThrows(HolderAliveException.class, () -> lock.forceUnlock("live", false));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertFalse(lock.forceUnlock("other-id", true), "only its own id");
    assertTrue(lock.forceUnlock("live", true));
    assertFalse(Files.exists(lock.file()));
  }

  /** Stress: many threads race for one lock; exactly one holds it at any time. */
  @Test
  void onlyOneOfManyRacingHoldersGetsIt() throws Exception {
    LockFile lock = new LockFile(tmp.resolve("race.lock"), "repository");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    AtomicInteger wins = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int n = i;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int round = 0; round < 50; round++) {
            try (LockFile.Held held = lock.acquire(holder("t" + n + "-" + round, ProcessHandle.current().pid()))) {
              maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              wins.incrementAndGet();
              inside.decrementAndGet();
            } catch (LockHeldException e) {
              // someone else has it now
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, maxInside.get(), "never two holders at once");
    assertTrue(wins.get() > 0);
    assertFalse(Files.exists(lock.file()));
  }
}
