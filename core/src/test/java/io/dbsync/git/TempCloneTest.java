package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A run's temporary clone has every branch and tag, HEAD at the remote's default branch, and no
 * automatic gc: JGit's clone detached one that locked gc.log while the run deleted the folder.
 */
class TempCloneTest {
  @TempDir
  Path tmp;

  private Path remote() throws Exception {
    Path work = tmp.resolve("origin");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("trunk").call()) {
      Files.writeString(work.resolve("a.txt"), "a");
      git.add().addFilepattern("a.txt").call();
      git.commit().setMessage("one").setSign(false).call();
      git.tag().setName("export-1").setSigned(false).call();
      git.branchCreate().setName("dr").call();
    }
    return work;
  }

  @Test
  void bareCloneHasBranchesTagsAndTheRemotesHeadWithoutAutomaticGc() throws Exception {
    Path dir = tmp.resolve("bare");
    TempClone.Cloned c = TempClone.of(remote().toUri().toString(), dir, true, null);
    try (Git git = c.git()) {
      Repository repo = git.getRepository();
      assertEquals("trunk", c.defaultBranch());
      assertEquals("refs/heads/trunk", repo.exactRef(Constants.HEAD).getTarget().getName());
      assertNotNull(repo.exactRef("refs/heads/dr"));
      assertNotNull(repo.exactRef("refs/tags/export-1"));
      assertFalse(repo.getConfig().getBoolean("fetch", "autogc", true));
      assertFalse(Files.exists(dir.resolve("gc.log.lock")), "no gc was started");
    }
  }

  @Test
  void workTreeCloneTracksOriginAndAnEmptyRemoteHasNoDefaultBranch() throws Exception {
    TempClone.Cloned c = TempClone.of(remote().toUri().toString(), tmp.resolve("work"), false, null);
    try (Git git = c.git()) {
      assertNotNull(git.getRepository().exactRef("refs/remotes/origin/trunk"));
      assertFalse(Files.exists(tmp.resolve("work/.git/gc.log.lock")));
    }
    Path empty = tmp.resolve("empty.git");
    Git.init().setBare(true).setDirectory(empty.toFile()).call().close();
    TempClone.Cloned none = TempClone.of(empty.toUri().toString(), tmp.resolve("none"), true, null);
    try (Git git = none.git()) {
      assertNull(none.defaultBranch());
      assertNull(git.getRepository().resolve(Constants.HEAD));
    }
  }
}
