package io.dbsync.cli;

import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.FaultRule;
import io.dbsync.lock.LockFile;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.LocalStateStore;
import io.dbsync.tf.TfJson;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault table of the reliability review, through the commands against the emulator: failures of
 * the source or target, held and stale locks, signals, dirty work trees and misleading configs. Each
 * case states what must hold: nothing lost, the right exit code, and a line that names the problem.
 */
class FaultSuiteTest {
  @TempDir
  static Path tmp;
  static SuiteWorkspaces ws;
  static Emulator source;
  static Emulator target;
  static Map<String, String> env;
  static Path repo;
  static int n;

  @BeforeAll
  static void exportOnce() throws Exception {
    ws = new SuiteWorkspaces(tmp, Files.readString(config()), Map.of("TF_VAR_etl_db_password_07d9640d", "x"));
    source = ws.source;
    target = ws.target;
    env = ws.env;
    repo = ws.repo;
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  static Path config() throws Exception {
    Path f = tmp.resolve("full.yaml");
    if (!Files.exists(f)) {
      Files.writeString(f, "name: full\nobjects:\n  cluster_policy: {}\n  instance_pool: {}\n  identity: {}\n  cluster: {}\n  job: {}\n");
    }
    return f;
  }

  static CliRunner.Result export(Path repoPath, Path config, String... more) {
    List<String> a = new ArrayList<>(List.of("export", "--profile", "source", "-l", repoPath.toString(), "-c", config.toString(),
        "--no-progress", "--report-dir", tmp.toString()));
    a.addAll(List.of(more));
    return CliRunner.run(env, a.toArray(String[]::new));
  }

  static CliRunner.Result importing(Path state, String... more) {
    List<String> a = new ArrayList<>(List.of("import", "--profile", "target", "-l", repo.toString(), "--artifact-dir", state.toString()));
    a.addAll(List.of(more));
    return CliRunner.run(env, a.toArray(String[]::new));
  }

  static Path copyOfRepo() throws Exception {
    Path copy = tmp.resolve("copy-" + (++n));
    try (Git git = Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(copy.toFile()).call()) {
      return copy;
    }
  }

  static String head(Path r) throws Exception {
    try (Git git = Git.open(r.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  /** #4: a failed listing keeps the kind's files: nothing is removed, the run exits 1. */
  @Test
  void aFailedListingKeepsEverything() throws Exception {
    Path r = copyOfRepo();
    String before = head(r);
    source.addFault(FaultRule.status("GET", "^/api/2\\.\\d/clusters/list$", 500, 1000));
    try {
      CliRunner.Result res = export(r, config());
      assertEquals(1, res.exitCode(), res.out() + res.err());
      assertTrue(res.out().contains("LIST_FAILED"), res.out());
      assertEquals(before, head(r), "nothing to commit: no file removed");
    } finally {
      source.clearFaults();
    }
  }

  /** #36 (D11): a 500 from the target while planning exits 1 (not "bad input") and says why. */
  @Test
  void aServerErrorWhilePlanningIsARuntimeErrorWithItsReason() throws Exception {
    Path state = tmp.resolve("state-plan");
    CliRunner.Result applied = importing(state, "--apply");
    assertEquals(0, applied.exitCode(), applied.out() + applied.err());
    // the refresh reads clusters from their listing (issue 14), a cluster it lacks with clusters/get
    target.addFault(FaultRule.status("GET", "^/api/2\\.\\d/clusters/(list|get)$", 500, 3));
    try {
      CliRunner.Result res = importing(state, "--plan");
      assertEquals(1, res.exitCode(), res.out() + res.err());
      assertTrue(res.err().contains("refresh failed:") && res.err().contains("databricks_cluster."), res.err());
      assertFalse(res.err().contains("\tat "), res.err());
    } finally {
      target.clearFaults();
    }
    assertFalse(Files.exists(state.resolve("databricks-sync.state.json.lock")), "the lock is released");
  }

  /** #29: failed creates fail only their dependents; a rerun completes, then sends no writes. */
  @Test
  void failedCreatesConvergeOnRerun() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      Path cfg = tmp.resolve("fresh.cfg");
      Files.writeString(cfg, "[t]\nhost = " + fresh.url() + "\ntoken = " + fresh.token() + "\n");
      Map<String, String> e = Map.of("DATABRICKS_CONFIG_FILE", cfg.toString());
      Path state = tmp.resolve("state-creates");
      String[] args = {"import", "--profile", "t", "-l", repo.toString(), "--artifact-dir", state.toString(), "--apply"};
      fresh.addFault(FaultRule.status("POST", "^/api/2\\.\\d/clusters/create$", 500, 5));
      CliRunner.Result failed = CliRunner.run(e, args);
      assertEquals(1, failed.exitCode(), failed.out() + failed.err());
      fresh.clearFaults();
      CliRunner.Result second = CliRunner.run(e, args);
      assertEquals(0, second.exitCode(), second.out() + second.err());
      long writes = fresh.requests().writes();
      CliRunner.Result third = CliRunner.run(e, args);
      assertEquals(0, third.exitCode());
      assertEquals(writes, fresh.requests().writes(), "converged: no write on the third run");
    }
  }

  /** #50 (D10): --force-unlock refuses the lock of a run that is still running here, unless --force. */
  @Test
  void forceUnlockRefusesALiveHolder() throws Exception {
    Path state = tmp.resolve("state-live");
    LockInfo live = LockInfo.forThisProcess("ops@here", "import apply");
    LocalStateStore.inDirectory(state).lock(live);
    CliRunner.Result refused = importing(state, "--force-unlock", live.id());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("still running") && refused.err().contains("--force"), refused.err());
    assertEquals(0, importing(state, "--force-unlock", live.id(), "--force").exitCode());
  }

  /** D3: an export into a repository another export holds is refused, naming the holder. */
  @Test
  void aHeldRepositoryIsRefused() throws Exception {
    Path r = copyOfRepo();
    try (LockFile.Held held = new LockFile(r.resolve(".git/databricks-sync.lock"), "repository")
        .acquire(LockInfo.forThisProcess("ci@runner-7", "export"))) {
      CliRunner.Result res = export(r, config(), "--branch", "beta");
      assertEquals(1, res.exitCode(), res.err());
      assertTrue(res.err().contains("is locked by ci@runner-7") && res.err().contains("still running"), res.err());
    }
  }

  /** #20 (D9): a git index lock left behind is named, before anything is read. */
  @Test
  void aLeftoverGitIndexLockIsExplained() throws Exception {
    Path r = copyOfRepo();
    Files.writeString(r.resolve(".git/index.lock"), "");
    CliRunner.Result res = export(r, config());
    assertEquals(1, res.exitCode(), res.err());
    assertTrue(res.err().contains(".git/index.lock") && res.err().contains("remove that file"), res.err());
  }

  /** #19 (D5): leaving kinds out of the config removes nothing. */
  @Test
  void kindsLeftOutOfTheConfigKeepTheirFiles() throws Exception {
    Path r = copyOfRepo();
    String before = head(r);
    Path onlyPolicies = tmp.resolve("policies.yaml");
    Files.writeString(onlyPolicies, "objects:\n  cluster_policy: {}\n");
    CliRunner.Result res = export(r, onlyPolicies);
    assertEquals(0, res.exitCode(), res.out() + res.err());
    assertEquals(before, head(r), "no removal committed");
  }

  /** #35 (D19): hand edits under exports/ stop the export (exit 2) until --force. */
  @Test
  void uncommittedEditsStopTheExport() throws Exception {
    Path r = copyOfRepo();
    Files.writeString(r.resolve("exports/mine.txt"), "notes");
    CliRunner.Result res = export(r, config());
    assertEquals(2, res.exitCode(), res.err());
    assertTrue(res.err().contains("uncommitted change") && res.err().contains("mine.txt"), res.err());
    assertTrue(Files.exists(r.resolve("exports/mine.txt")));
    assertEquals(0, export(r, config(), "--force").exitCode());
  }

  /** #86 (D21): a password in a -g URL is never printed, not even with --debug. */
  @Test
  void aPasswordInAGitUrlIsNeverEchoed() {
    CliRunner.Result res = CliRunner.run(env, "--debug", "import", "--profile", "target", "-g",
        "https://ci:PASSWORD-CANARY@127.0.0.1:9/repo.git", "--artifact-dir", tmp.resolve("state-url").toString());
    assertTrue(res.exitCode() != 0);
    assertFalse((res.out() + res.err()).contains("PASSWORD-CANARY"), res.err());
  }

  /** #60 (D7): a notebook x next to a folder x.py/ are both exported and imported. */
  @Test
  void aNotebookNextToAFolderNamedLikeItsFile() throws Exception {
    try (Emulator src = new Emulator().start(); Emulator dst = new Emulator().start()) {
      src.seed(TfJson.MAPPER.readTree("""
          {"workspace": [{"path": "/Shared/coll/x", "language": "PYTHON", "content": "# Databricks notebook source\\nprint(1)\\n"},
                         {"path": "/Shared/coll/x.py/y", "language": "PYTHON", "content": "# Databricks notebook source\\nprint(2)\\n"},
                         {"path": "/Shared/coll/Report", "language": "SQL", "content": "-- Databricks notebook source\\nSELECT 1\\n"},
                         {"path": "/Shared/coll/report", "language": "SQL", "content": "-- Databricks notebook source\\nSELECT 2\\n"}]}"""));
      Path cfg = tmp.resolve("coll.cfg");
      Files.writeString(cfg, "[s]\nhost = " + src.url() + "\ntoken = " + src.token() + "\n\n[t]\nhost = " + dst.url()
          + "\ntoken = " + dst.token() + "\n");
      Map<String, String> e = Map.of("DATABRICKS_CONFIG_FILE", cfg.toString());
      Path conf = tmp.resolve("coll.yaml");
      Files.writeString(conf, "objects:\n  notebook:\n    notebook_path: /Shared/coll\n");
      Path r = tmp.resolve("coll-repo");
      CliRunner.Result exported = CliRunner.run(e, "export", "--profile", "s", "-l", r.toString(), "-c", conf.toString(),
          "--no-progress", "--report-dir", tmp.toString());
      assertEquals(0, exported.exitCode(), exported.out() + exported.err());
      CliRunner.Result imported = CliRunner.run(e, "import", "--profile", "t", "-l", r.toString(), "--artifact-dir",
          tmp.resolve("coll-state").toString(), "--apply");
      assertEquals(0, imported.exitCode(), imported.out() + imported.err());
      String dump = dst.dump().path("workspace").toString();
      for (String p : List.of("/Shared/coll/x", "/Shared/coll/x.py/y", "/Shared/coll/Report", "/Shared/coll/report")) {
        assertTrue(dump.contains("\"" + p + "\""), p + " in " + dump);
      }
    }
  }

  // ------------------------------------------------------------------ in a process of its own

  static Process launch(Path dir, Map<String, String> environment, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(environment);
    return pb.start();
  }

  /** #47/#48 (D8): SIGTERM mid-apply finishes what is in flight and releases the lock; a rerun needs no unlock. */
  @Test
  void sigtermDuringAnApplyReleasesTheLock() throws Exception {
    try (Emulator slow = new Emulator().start()) {
      slow.options().latencyMillis = 150;
      Path cfg = tmp.resolve("slow.cfg");
      Files.writeString(cfg, "[t]\nhost = " + slow.url() + "\ntoken = " + slow.token() + "\n");
      Path state = tmp.resolve("state-signal");
      Map<String, String> e = Map.of("DATABRICKS_CONFIG_FILE", cfg.toString(), "TF_VAR_etl_db_password_07d9640d", "x");
      Process p = launch(tmp, e, "import", "--profile", "t", "-l", repo.toString(), "--artifact-dir", state.toString(), "--apply");
      p.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      StringBuilder out = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean signalled = false;
        while ((line = r.readLine()) != null) {
          out.append(line).append('\n');
          if (!signalled && line.contains("Creating...")) {
            p.toHandle().destroy(); // SIGTERM, as a CI cancel or docker stop sends (the streams stay open)
            signalled = true;
          }
        }
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
      assertEquals(143, p.exitValue(), out + err.get());
      assertTrue(out.toString().contains("Interrupted"), out.toString());
      assertFalse(Files.exists(state.resolve("databricks-sync.state.json.lock")), "no lock is left:\n" + out + err.get());
      slow.options().latencyMillis = 0;
      CliRunner.Result rerun = CliRunner.run(e, "import", "--profile", "t", "-l", repo.toString(), "--artifact-dir",
          state.toString(), "--apply");
      assertEquals(0, rerun.exitCode(), "the next run goes ahead without --force-unlock:\n" + rerun.out() + rerun.err());
    }
  }

  /** #28 (D15): a profile without a token is one error line, with the SDK's own logging quiet. */
  @Test
  void aProfileWithoutATokenIsOneLineInARealProcess() throws Exception {
    Process p = launch(tmp, env, "import", "--profile", "notoken", "-l", repo.toString(), "--artifact-dir",
        tmp.resolve("state-notoken").toString(), "--plan");
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    String err = read(p.getErrorStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err + out.get());
    assertTrue(err.lines().count() <= 2, "no SDK stack trace:\n" + err);
    assertTrue(err.contains("error: no credentials for"), err);
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
