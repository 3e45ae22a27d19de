package io.dbsync.cli;

import io.dbsync.emulator.Emulator;
import io.dbsync.state.LocalStateStore;
import io.dbsync.lock.LockInfo;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A held state lock stops an import with a message naming the holder; --force-unlock clears a dead run's lock. */
class CliLockTest {
  @TempDir
  Path tmp;

  @Test
  void heldLockIsNamedAndCanBeForceUnlocked() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("exports"));
    Files.writeString(repo.resolve("exports/main.tf.json"), "{}\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("empty export").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
    Path state = tmp.resolve("state");
    LocalStateStore.inDirectory(state).lock(new LockInfo("dead-run-42", "ops@host-a", "import apply", 0L));
    try (Emulator target = new Emulator().start()) {
      Map<String, String> env = CliRunner.profileEnv(tmp, "DEFAULT", target);
      CliRunner.Result blocked = CliRunner.run(env, "import", "-l", repo.toString(), "--artifact-dir", state.toString(), "--plan");
      assertEquals(1, blocked.exitCode(), blocked.err());
      assertTrue(blocked.err().contains("locked by ops@host-a"), blocked.err());
      assertTrue(blocked.err().contains("--force-unlock dead-run-42"), blocked.err());
      assertFalse(blocked.err().contains("\tat "), blocked.err());

      CliRunner.Result wrongId = CliRunner.run(env, "import", "-l", repo.toString(), "--artifact-dir", state.toString(),
          "--force-unlock", "someone-else");
      assertEquals(2, wrongId.exitCode(), "a lock is only released by its own id");

      CliRunner.Result unlocked = CliRunner.run(env, "import", "-l", repo.toString(), "--artifact-dir", state.toString(),
          "--force-unlock", "dead-run-42");
      assertEquals(0, unlocked.exitCode(), unlocked.err());

      CliRunner.Result planned = CliRunner.run(env, "import", "-l", repo.toString(), "--artifact-dir", state.toString(), "--plan");
      assertEquals(0, planned.exitCode(), planned.out() + planned.err());
      assertTrue(planned.out().contains("No changes."), planned.out());
    }
  }
}
