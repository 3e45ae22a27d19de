package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Point-in-time restore: any earlier export, by tag or (abbreviated) commit, not only the branch head. */
class RevisionCheckoutTest {
  @TempDir
  Path tmp;

  private static GitWorkspace.Committed export(GitTarget target, String content, boolean extraFile, Instant when)
      throws IOException {
    try (GitWorkspace ws = GitWorkspace.open(target, "main", false, null)) {
      Path exports = ws.workTree().resolve("exports");
      Files.createDirectories(exports);
      Files.writeString(exports.resolve("a.tf.json"), content);
      if (extraFile) {
        Files.writeString(exports.resolve("b.tf.json"), "{}\n");
      }
      ws.stage("exports");
      return ws.commit("exports", "export " + content, when);
    }
  }

  @Test
  void anOlderTagOrCommitChecksOutItsOwnFiles() throws Exception {
    GitTarget repo = new GitTarget.Local(tmp.resolve("repo"));
    GitWorkspace.Committed first = export(repo, "{\"v\":1}\n", false, Instant.parse("2026-11-25T10:00:00Z"));
    GitWorkspace.Committed second = export(repo, "{\"v\":2}\n", true, Instant.parse("2026-11-25T11:00:00Z"));

    for (String revision : new String[] {first.tag(), first.commitId(), first.commitId().substring(0, 10)}) {
      try (RevisionCheckout co = RevisionCheckout.of(repo, "main", revision, null)) {
        assertEquals(first.commitId(), co.commitId(), revision);
        assertEquals("{\"v\":1}\n", Files.readString(co.exportsDir().resolve("a.tf.json")));
        assertFalse(Files.exists(co.exportsDir().resolve("b.tf.json")), "only the files of that revision");
      }
    }
    try (RevisionCheckout head = RevisionCheckout.of(repo, "main", null, null)) {
      assertEquals(second.commitId(), head.commitId());
      assertEquals("{\"v\":2}\n", Files.readString(head.exportsDir().resolve("a.tf.json")));
    }
    try (Git git = Git.open(tmp.resolve("repo").toFile())) {
      assertEquals(2, git.tagList().call().size());
    }
  }
}
