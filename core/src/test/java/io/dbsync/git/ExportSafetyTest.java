package io.dbsync.git;

import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.export.FixedKind;
import io.dbsync.export.LocalChangesException;
import io.dbsync.export.MassDeletionException;
import io.dbsync.export.Safeguards;
import io.dbsync.kind.KindRegistry;
import io.dbsync.lock.LockFile;
import io.dbsync.lock.LockHeldException;
import io.dbsync.lock.LockInfo;
import io.dbsync.report.ExportReport;
import io.dbsync.report.Problem;
import io.dbsync.testing.TestWorkspace;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an export refuses to do to a local repository (review D3, D5, D9, D19): share it with another
 * export, trip on a git index lock, overwrite uncommitted work, or commit a mass deletion.
 */
class ExportSafetyTest {
  static TestWorkspace ws;

  @TempDir
  Path tmp;
  FixedKind clusters;

  @BeforeAll
  static void start() {
    ws = TestWorkspace.start();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @BeforeEach
  void data() {
    clusters = new FixedKind("databricks_cluster", "cluster", "clusters");
    for (int i = 0; i < 6; i++) {
      clusters.put("c" + i, "cluster-" + i);
    }
  }

  ExportReport export(Path repo, UnaryOperator<ExportOptions.Builder> extra) throws Exception {
    ExportConfig config = ExportConfig.parse("name: safety\nobjects:\n  cluster:\n", List.of());
    return ExportRun.run(extra.apply(ExportOptions.builder(ws.client(), config, GitTarget.parse(repo.toString()))
        .kinds(new KindRegistry(List.of(clusters)))).build());
  }

  static LockInfo holder(String id, long pid) {
    return new LockInfo(id, "ops@" + LockInfo.thisHost(), "export", 0, pid, LockInfo.thisHost());
  }

  static boolean clean(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      return git.status().call().isClean();
    }
  }

  @Test
  void aRepositoryHeldByARunningExportIsRefusedNamingTheHolder() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    LockFile lock = new LockFile(repo.resolve(".git/" + RepositoryLock.FILE), "repository");
    try (LockFile.Held held = lock.acquire(holder("running-export", ProcessHandle.current().pid()))) {
      clusters.put("c9", "new");
      LockHeldException e = assertThrows(LockHeldException.class, () -> export(repo, b -> b.branch("beta")));
      assertTrue(e.getMessage().contains("lock id running-export") && e.getMessage().contains("still running"), e.getMessage());
      try (Git git = Git.open(repo.toFile())) {
        assertEquals("main", git.getRepository().getBranch(), "the blocked run checked nothing out");
      }
    }
  }

  @Test
  void theLockOfADeadExportIsTakenOverAndItsGitIndexLockRemoved() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    new LockFile(repo.resolve(".git/" + RepositoryLock.FILE), "repository").acquire(holder("killed", gone.pid()));
    Files.writeString(repo.resolve(".git/index.lock"), "");
    clusters.put("c9", "new");
    ExportReport r = export(repo, b -> b);
    assertNotNull(r.commit(), "the export went ahead");
    List<String> notices = r.warnings().stream().map(Problem::message).toList();
    assertTrue(notices.stream().anyMatch(n -> n.contains("lock id killed") && n.contains("no longer running")), notices.toString());
    assertTrue(notices.stream().anyMatch(n -> n.contains("index.lock")), notices.toString());
    assertFalse(Files.exists(repo.resolve(".git/" + RepositoryLock.FILE)), "released at the end");
  }

  @Test
  void aGitIndexLockOfSomeGitCommandStopsTheExportBeforeItReadsAnything() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    Files.writeString(repo.resolve(".git/index.lock"), "");
    long before = ws.emulator().requests().total();
    GitException e = assertThrows(GitException.class, () -> export(repo, b -> b));
    assertTrue(e.getMessage().contains(".git/index.lock") && e.getMessage().contains("remove that file"), e.getMessage());
    assertEquals(before, ws.emulator().requests().total(), "nothing was read from the workspace");
    assertFalse(Files.exists(repo.resolve(".git/" + RepositoryLock.FILE)));
  }

  /** Stress for the lock: exports racing into one repository on two branches never mix their commits. */
  @Test
  void concurrentExportsOnTwoBranchesNeverShareTheWorkTree() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    clusters.put("c9", "new");
    clusters.exportMillis = 30;
    Map<String, Object> results = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (String branch : List.of("alpha", "beta")) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
          results.put(branch, export(repo, b -> b.branch(branch)));
        } catch (Exception e) {
          results.put(branch, e);
        }
      }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    int committed = 0;
    for (String branch : List.of("alpha", "beta")) {
      Object r = results.get(branch);
      if (r instanceof ExportReport report) {
        assertEquals(branch, report.branch());
        assertEquals(1, report.changelog().added(), "one cluster added, nothing removed: " + report.changelog().toText());
        assertEquals(0, report.changelog().removed());
        assertEquals(report.commit(), GitLocalTest.filesAt(repo, "refs/heads/" + branch).isEmpty() ? null
            : resolve(repo, "refs/heads/" + branch), "the commit is on its own branch");
        committed++;
      } else {
        assertTrue(r instanceof LockHeldException, "the other run is refused: " + r);
      }
    }
    assertTrue(committed >= 1);
  }

  private static String resolve(Path repo, String ref) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      return git.getRepository().resolve(ref).name();
    }
  }

  @Test
  void removingMostOfAKindsFilesStopsAndLeavesTheWorkTreeAsItWas() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    for (int i = 0; i < 4; i++) {
      clusters.objects.remove("c" + i); // e.g. a token that now sees only a third of the clusters
    }
    clusters.put("c7", "added");
    MassDeletionException e = assertThrows(MassDeletionException.class, () -> export(repo, b -> b));
    assertTrue(e.getMessage().contains("clusters/: 4 of 6 files") && e.getMessage().contains("--allow-mass-delete"),
        e.getMessage());
    assertTrue(clean(repo), "nothing of the stopped run is left in the work tree");
    assertEquals(8, GitLocalTest.filesAt(repo, "HEAD").size(), "nothing committed (6 clusters, ids, main)");

    ExportReport allowed = export(repo, b -> b.safeguards(new Safeguards(false, true, 50)));
    assertEquals(4, allowed.changelog().removed());
  }

  @Test
  void uncommittedWorkUnderExportsIsNeverSilentlyDiscarded() throws Exception {
    Path repo = tmp.resolve("repo");
    export(repo, b -> b);
    Path edited = repo.resolve("exports/clusters/cluster_0_" + io.dbsync.tf.Names.hash8("cluster-0") + ".tf.json");
    assertTrue(Files.exists(edited), edited.toString());
    Files.writeString(edited, "{\"hand\": \"edit\"}\n");
    Files.writeString(repo.resolve("exports/notes.txt"), "mine");
    LocalChangesException e = assertThrows(LocalChangesException.class, () -> export(repo, b -> b));
    assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("--force"), e.getMessage());
    assertEquals("{\"hand\": \"edit\"}\n", Files.readString(edited), "left as it was");

    ExportReport forced = export(repo, b -> b.discardLocalChanges(true));
    assertTrue(forced.warnings().stream().anyMatch(w -> w.message().contains("discarded 2 uncommitted")),
        forced.warnings().toString());
    assertTrue(clean(repo));
  }
}
