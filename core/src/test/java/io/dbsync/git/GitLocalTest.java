package io.dbsync.git;

import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportListener;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.export.Safeguards;
import io.dbsync.export.FixedKind;
import io.dbsync.export.TreeFiles;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitLocalTest {
  static TestWorkspace ws;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T14:30:00Z"), ZoneOffset.UTC);

  @TempDir
  Path tmp;
  FixedKind clusters;
  FixedKind jobs;

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
    clusters = new FixedKind("databricks_cluster", "cluster", "clusters").put("c1", "etl").put("c2", "adhoc");
    jobs = new FixedKind("databricks_job", "job", "jobs").put("j1", "nightly", "ref_cluster", "c1");
  }

  ExportReport export(Path repo, String branch, boolean dryRun) throws Exception {
    ExportConfig config = ExportConfig.parse("name: local-test\nobjects:\n  cluster:\n  job:\n", List.of());
    return ExportRun.run(ExportOptions.builder(ws.client(), config, GitTarget.parse(repo.toString()))
        .kinds(new KindRegistry(List.of(clusters, jobs))).branch(branch).dryRun(dryRun).clock(CLOCK).build());
  }

  static Map<String, String> filesAt(Path repoDir, String rev) throws Exception {
    try (Git git = Git.open(repoDir.toFile())) {
      return filesAt(git.getRepository(), rev);
    }
  }

  static Map<String, String> filesAt(Repository repo, String rev) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    ObjectId id = repo.resolve(rev + "^{tree}");
    if (id == null) {
      return out;
    }
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(id);
      tw.setRecursive(true);
      while (tw.next()) {
        out.put(tw.getPathString(), new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static int commitCount(Path repoDir) throws Exception {
    try (Git git = Git.open(repoDir.toFile())) {
      int n = 0;
      for (RevCommit ignored : git.log().call()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void newFolderGetsARepositoryAndAFirstCommitWithATag() throws Exception {
    Path repo = tmp.resolve("new-repo");
    ExportReport r = export(repo, null, false);

    assertNotNull(r.commit());
    assertEquals("export-20261125T143000Z", r.tag());
    assertEquals("main", r.branch());
    Map<String, String> files = filesAt(repo, "HEAD");
    assertTrue(files.containsKey("exports/clusters/etl.tf.json"), files.keySet().toString());
    assertTrue(files.get("exports/jobs/nightly.tf.json").contains("${databricks_cluster.etl.id}"));
    assertTrue(files.containsKey("exports/main.tf.json"));
    try (Git git = Git.open(repo.toFile())) {
      Repository rp = git.getRepository();
      assertEquals(r.commit(), rp.resolve("refs/tags/" + r.tag() + "^{commit}").getName());
      assertEquals("refs/heads/main", rp.getFullBranch());
      try (RevWalk walk = new RevWalk(rp)) {
        String msg = walk.parseCommit(rp.resolve("HEAD")).getFullMessage();
        assertTrue(msg.startsWith("databricks-sync export 'local-test': 4 added, 0 modified, 0 removed"), msg);
        assertTrue(msg.contains("A clusters/etl.tf.json"), msg);
      }
    }
    assertEquals(4, r.changelog().added(), r.changelog().toText());
    assertEquals(2, r.changelog().bookkeeping(), "the .source-ids.json files");
  }

  @Test
  void emptyFreshlyInitialisedRepositoryGetsItsFirstCommit() throws Exception {
    Path repo = tmp.resolve("empty");
    Git.init().setDirectory(repo.toFile()).setInitialBranch("trunk").call().close();
    ExportReport r = export(repo, null, false);
    assertNotNull(r.commit());
    assertEquals("trunk", r.branch());
    assertEquals(1, commitCount(repo));
    assertTrue(filesAt(repo, "refs/heads/trunk").containsKey("exports/clusters/adhoc.tf.json"));
  }

  @Test
  void existingRepositoryKeepsItsOtherFilesAndASecondExportWithoutChangesMakesNoCommit() throws Exception {
    Path repo = tmp.resolve("existing");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("README.md"), "# exports\n");
      git.add().addFilepattern("README.md").call();
      git.commit().setMessage("readme").setSign(false).setAuthor("t", "t@x").setCommitter("t", "t@x").call();
    }
    ExportReport first = export(repo, null, false);
    assertNotNull(first.commit());
    assertEquals(2, commitCount(repo));
    assertEquals("# exports\n", filesAt(repo, "HEAD").get("README.md"));

    ExportReport second = export(repo, null, false);
    assertNull(second.commit(), "nothing changed, nothing committed");
    assertNull(second.tag());
    assertTrue(second.changelog().isEmpty());
    assertEquals(2, commitCount(repo));

    clusters.objects.remove("c2");
    clusters.put("c3", "streaming");
    jobs.objects.get("j1").put("max_retries", 3);
    ExportReport third = export(repo, null, false);
    assertEquals(3, commitCount(repo));
    assertEquals("export-20261125T143000Z-1", third.tag(), "tag names never collide");
    Changelog c = third.changelog();
    Changelog.DirChanges cl = c.dirs().stream().filter(d -> d.dir().equals("clusters")).findFirst().orElseThrow();
    assertEquals(List.of("clusters/streaming.tf.json"), cl.added());
    assertEquals(List.of("clusters/adhoc.tf.json"), cl.removed());
    assertTrue(c.dirs().stream().anyMatch(d -> d.modified().contains("jobs/nightly.tf.json")), c.toText());
    assertFalse(filesAt(repo, "HEAD").containsKey("exports/clusters/adhoc.tf.json"));
  }

  @Test
  void dryRunWritesNothingButReportsWhatWouldChange() throws Exception {
    Path repo = tmp.resolve("dry");
    export(repo, null, false);
    String head = filesAt(repo, "HEAD").toString();
    Map<String, String> workTree = TreeFiles.read(repo.resolve("exports"));
    int commits = commitCount(repo);

    clusters.put("c9", "new one");
    ExportReport r = export(repo, null, true);

    assertTrue(r.dryRun());
    assertNull(r.commit());
    assertEquals(1, r.changelog().added(), r.changelog().toText());
    assertEquals(commits, commitCount(repo));
    assertEquals(head, filesAt(repo, "HEAD").toString());
    assertEquals(workTree, TreeFiles.read(repo.resolve("exports")), "the work tree is untouched");
    try (Git git = Git.open(repo.toFile())) {
      assertEquals(1, git.tagList().call().size());
    }

    Path absent = tmp.resolve("never-created");
    ExportReport fresh = export(absent, null, true);
    assertEquals(5, fresh.changelog().added());
    assertFalse(Files.exists(absent), "a dry run creates no repository");
  }

  @Test
  void missingBranchIsCreatedFromTheCurrentOne() throws Exception {
    Path repo = tmp.resolve("branches");
    export(repo, null, false);
    clusters.put("c5", "only-on-branch");
    ExportReport r = export(repo, "dr-sync", false);
    assertEquals("dr-sync", r.branch());
    assertEquals(1, r.changelog().added());
    assertTrue(filesAt(repo, "refs/heads/dr-sync").containsKey("exports/clusters/only_on_branch_" +
        io.dbsync.tf.Names.hash8("only-on-branch") + ".tf.json"));
    assertEquals(filesAt(repo, "refs/heads/main").size() + 1, filesAt(repo, "refs/heads/dr-sync").size());
  }

  /** Review D5: leaving a kind out of the config keeps its files; --prune-unselected removes them. */
  @Test
  void droppingAKindFromTheConfigKeepsItsFolderUnlessPruned() throws Exception {
    Path repo = tmp.resolve("drop");
    export(repo, null, false);
    ExportConfig onlyClusters = ExportConfig.parse("objects:\n  cluster:\n", List.of());
    ExportReport kept = ExportRun.run(ExportOptions.builder(ws.client(), onlyClusters, GitTarget.parse(repo.toString()))
        .kinds(new KindRegistry(List.of(clusters, jobs))).clock(CLOCK).build());
    assertTrue(kept.changelog().isEmpty(), kept.changelog().toText());
    assertTrue(filesAt(repo, "HEAD").containsKey("exports/jobs/nightly.tf.json"), "the unselected kind keeps its files");

    ExportReport r = ExportRun.run(ExportOptions.builder(ws.client(), onlyClusters, GitTarget.parse(repo.toString()))
        .kinds(new KindRegistry(List.of(clusters, jobs))).clock(CLOCK)
        .safeguards(new Safeguards(true, true, Safeguards.DEFAULT_THRESHOLD_PERCENT)).build());
    assertEquals(List.of("jobs/nightly.tf.json"),
        r.changelog().dirs().stream().filter(d -> d.dir().equals("jobs")).findFirst().orElseThrow().removed());
    Map<String, String> head = filesAt(repo, "HEAD");
    assertFalse(head.keySet().stream().anyMatch(p -> p.startsWith("exports/jobs/")), head.keySet().toString());
    assertTrue(head.containsKey("exports/clusters/etl.tf.json"));
    try (Git git = Git.open(repo.toFile())) {
      assertTrue(git.status().call().isClean(), "nothing left uncommitted");
    }
  }

  @Test
  void nonEmptyFolderThatIsNotARepositoryIsRefused() throws Exception {
    Path dir = tmp.resolve("not-a-repo");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    GitException e = assertThrows(GitException.class, () -> export(dir, null, false));
    assertTrue(e.getMessage().contains("not a git repository and not empty"), e.getMessage());
  }

  @Test
  void reportsAreWrittenAndPrinted() throws Exception {
    Path repo = tmp.resolve("reports");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    ExportListener recorder = new ExportListener() {
      @Override
      public void listed(Kind kind, int objects, Exception error) {
        events.add("listed " + kind.info().type() + ": " + objects + " objects");
      }

      @Override
      public void exported(Kind kind, String name, Exception error) {
        if (error != null) {
          events.add("failed " + kind.info().type() + " " + name);
        }
      }
    };
    ExportConfig config = ExportConfig.parse("objects:\n  cluster:\n  job:\n", List.of());
    jobs.failingIds.add("j1");
    ExportReport r = ExportRun.run(ExportOptions.builder(ws.client(), config, GitTarget.parse(repo.toString()))
        .kinds(new KindRegistry(List.of(clusters, jobs))).clock(CLOCK)
        .jsonReport(tmp.resolve("out/report.json")).excelReport(tmp.resolve("out/report.xlsx"))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).listener(recorder).build());
    assertFalse(r.success());
    String table = out.toString(StandardCharsets.UTF_8);
    assertTrue(table.contains("databricks_job"), table);
    assertTrue(table.contains("PARTIAL"), table);
    assertTrue(table.contains("Failures (1):"), table);
    String logText = String.join("\n", events);
    assertTrue(logText.contains("listed databricks_cluster: 2 objects"), logText);
    assertTrue(logText.contains("failed databricks_job nightly"), logText);
    var json = io.dbsync.tf.TfJson.MAPPER.readTree(tmp.resolve("out/report.json").toFile());
    assertEquals(1, json.path("failures").size());
    assertEquals(r.commit(), json.path("commit").asText());
    assertTrue(Files.size(tmp.resolve("out/report.xlsx")) > 0);
    assertEquals(Constants.OBJECT_ID_STRING_LENGTH, r.commit().length());
  }
}
