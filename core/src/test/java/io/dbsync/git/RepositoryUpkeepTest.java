package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After an export commits to a local repository past git's gc limits (here gc.autoPackLimit lowered to
 * 2), the repository is packed again, as {@code git gc --auto} would, and every exported file is still
 * there; below the limits, or with the limit 0, nothing is repacked.
 */
class RepositoryUpkeepTest {
  @TempDir
  Path tmp;

  /** One export of {@code files} new files (past FolderStaging's loose limit: they land in a pack). */
  private static GitWorkspace.Committed export(Path repo, int round, int files) throws IOException {
    try (GitWorkspace ws = GitWorkspace.open(new GitTarget.Local(repo), "main", false, null)) {
      Path dir = ws.workTree().resolve("exports/round" + round);
      Files.createDirectories(dir);
      for (int i = 0; i < files; i++) {
        Files.writeString(dir.resolve("f" + i + ".tf.json"), "{\"round\":" + round + ",\"i\":" + i + "}\n");
      }
      ws.stage("exports");
      return ws.commit("exports", "round " + round, Instant.parse("2026-11-30T20:00:00Z").plusSeconds(round));
    }
  }

  private static long packs(Path repo) throws IOException {
    try (Stream<Path> f = Files.list(repo.resolve(".git/objects/pack"))) {
      return f.filter(p -> p.toString().endsWith(".pack")).count();
    }
  }

  private static void packLimit(Path repo, int limit) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      StoredConfig c = git.getRepository().getConfig();
      c.setInt("gc", null, "autopacklimit", limit);
      c.save();
    }
  }

  private static int filesAtHead(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile()); RevWalk rw = new RevWalk(git.getRepository());
         ObjectReader reader = git.getRepository().newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
      Repository r = git.getRepository();
      RevCommit head = rw.parseCommit(r.resolve(Constants.HEAD));
      tw.addTree(head.getTree());
      tw.setRecursive(true);
      int n = 0;
      while (tw.next()) {
        reader.open(tw.getObjectId(0)).getBytes(); // every blob readable
        n++;
      }
      return n;
    }
  }

  @Test
  void pastThePackLimitTheExportPacksTheRepositoryAgain() throws Exception {
    Path repo = tmp.resolve("repo");
    int files = BlobWriter.LOOSE_LIMIT + 20;
    export(repo, 0, files);
    packLimit(repo, 2);
    export(repo, 1, files);
    assertEquals(2, packs(repo), "one pack per export, not past the limit yet");
    GitWorkspace.Committed third = export(repo, 2, files);
    assertNull(third.upkeepNotice());
    assertEquals(1, packs(repo), "the third pack went past the limit of 2: packed into one");
    assertEquals(3 * files, filesAtHead(repo));
    try (Git git = Git.open(repo.toFile())) {
      assertFalse(RepositoryUpkeep.needed(git.getRepository()));
    }
  }

  @Test
  void aLimitOfZeroTurnsItOff() throws Exception {
    Path repo = tmp.resolve("repo");
    int files = BlobWriter.LOOSE_LIMIT + 20;
    export(repo, 0, files);
    packLimit(repo, 0);
    export(repo, 1, files);
    export(repo, 2, files);
    assertEquals(3, packs(repo));
    try (Git git = Git.open(repo.toFile())) {
      assertFalse(RepositoryUpkeep.needed(git.getRepository()));
      git.getRepository().getConfig().setInt("gc", null, "autopacklimit", 2);
      assertTrue(RepositoryUpkeep.needed(git.getRepository()));
    }
  }
}
