package io.dbsync.git;

import io.dbsync.tf.config.RevisionFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revision is read from the git objects: any tag, branch or commit, whatever the work tree holds;
 * links and paths that leave the tree are refused, naming the path.
 */
class RevisionCheckoutTest {
  @TempDir
  Path tmp;

  private Path repo;

  private void commit(Git git, String message, String policyName) throws Exception {
    Path exports = repo.resolve("exports");
    Files.createDirectories(exports.resolve("cluster_policy"));
    Files.createDirectories(exports.resolve("notebook/data/Shared"));
    Files.writeString(exports.resolve("cluster_policy/p.tf.json"),
        "{\"resource\":{\"databricks_cluster_policy\":{\"p\":{\"name\":\"" + policyName + "\",\"definition\":\"{}\"}}}}");
    Files.writeString(exports.resolve("notebook/data/Shared/nb.py"), "# Databricks notebook source\nprint('" + policyName + "')\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setSign(false).call();
  }

  private static String read(RevisionFiles files, String path) throws IOException {
    try (InputStream in = files.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

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

  /** Point-in-time restore: any earlier export, by tag or (abbreviated) commit, not only the branch head. */
  @Test
  void anOlderTagOrCommitReadsItsOwnFiles() throws Exception {
    GitTarget target = new GitTarget.Local(tmp.resolve("repo"));
    GitWorkspace.Committed first = export(target, "{\"v\":1}\n", false, Instant.parse("2026-11-25T10:00:00Z"));
    GitWorkspace.Committed second = export(target, "{\"v\":2}\n", true, Instant.parse("2026-11-25T11:00:00Z"));

    for (String revision : new String[] {first.tag(), first.commitId(), first.commitId().substring(0, 10)}) {
      try (RevisionCheckout co = RevisionCheckout.of(target, "main", revision, null)) {
        assertEquals(first.commitId(), co.commitId(), revision);
        assertEquals("{\"v\":1}\n", read(co.files(), "a.tf.json"));
        assertFalse(co.files().isFile("b.tf.json"), "only the files of that revision");
      }
    }
    try (RevisionCheckout head = RevisionCheckout.of(target, "main", null, null)) {
      assertEquals(second.commitId(), head.commitId());
      assertEquals("{\"v\":2}\n", read(head.files(), "a.tf.json"));
      assertEquals(List.of("a.tf.json", "b.tf.json"), head.files().configFiles());
    }
    try (Git git = Git.open(tmp.resolve("repo").toFile())) {
      assertEquals(2, git.tagList().call().size());
    }
  }

  @Test
  void anOlderRevisionReadsWhateverTheWorkTreeHolds() throws Exception {
    repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commit(git, "one", "p1");
      git.tag().setName("export-1").setAnnotated(true).setMessage("first").setSigned(false).call();
      String first = git.getRepository().resolve("HEAD").name();
      commit(git, "two", "p2");
      Files.writeString(repo.resolve("exports/cluster_policy/p.tf.json"), "uncommitted edit");
    }
    for (String revision : List.of("export-1", "HEAD~1", "main~1")) {
      try (RevisionCheckout co = RevisionCheckout.of(new GitTarget.Local(repo), "main", revision, null)) {
        assertTrue(read(co.files(), "cluster_policy/p.tf.json").contains("\"p1\""), revision);
        assertEquals(List.of("cluster_policy/p.tf.json"), co.files().configFiles(), revision);
        assertEquals(read(co.files(), "notebook/data/Shared/nb.py").length(), co.files().size("notebook/data/Shared/nb.py"));
      }
    }
    try (RevisionCheckout head = RevisionCheckout.of(new GitTarget.Local(repo), "main", null, null)) {
      assertTrue(read(head.files(), "cluster_policy/p.tf.json").contains("\"p2\""), "the head, not the work tree");
      assertFalse(head.files().isFile("cluster_policy/missing.tf.json"));
    }
    GitException e = assertThrows(GitException.class,
        () -> RevisionCheckout.of(new GitTarget.Local(repo), "main", "no-such-tag", null));
    assertTrue(e.getMessage().contains("revision not found"), e.getMessage());
  }

  @Test
  void linksAndEscapesAreRefusedNamingThePath() throws Exception {
    repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commit(git, "one", "p1");
      // a committed symlink (mode 120000), as `ln -s /etc/hostname ...; git add` makes it
      addSymlink(git, "exports/notebook/data/Shared/secret.py", "/etc/hostname");
      addSymlink(git, "exports/linked.tf.json", "/etc/hostname");
      git.commit().setMessage("links").setSign(false).call();
    }
    try (RevisionCheckout co = RevisionCheckout.of(new GitTarget.Local(repo), "main", null, null)) {
      RevisionFiles files = co.files();
      IOException link = assertThrows(IOException.class, () -> files.open("notebook/data/Shared/secret.py"));
      assertTrue(link.getMessage().contains("exports/notebook/data/Shared/secret.py is a symbolic link"), link.getMessage());
      assertThrows(IOException.class, () -> files.size("notebook/data/Shared/secret.py"));
      IOException config = assertThrows(IOException.class, files::configFiles);
      assertTrue(config.getMessage().contains("linked.tf.json"), config.getMessage());
      IOException escape = assertThrows(IOException.class, () -> files.relativePath("${path.module}/../../etc/passwd"));
      assertTrue(escape.getMessage().contains("../../etc/passwd"), escape.getMessage());
      assertThrows(IOException.class, () -> files.open("notebook/../../HEAD"));
    }
  }

  @Test
  void aFolderRefusesLinksToo() throws Exception {
    Path exports = Files.createDirectories(tmp.resolve("exports/notebook/data/Shared"));
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Files.createSymbolicLink(exports.resolve("secret.py"), tmp.resolve("outside.txt"));
    Files.createSymbolicLink(tmp.resolve("exports/notebook/data/linked-dir"), tmp);
    RevisionFiles files = RevisionFiles.directory(tmp.resolve("exports"));
    IOException e = assertThrows(IOException.class, () -> files.open("notebook/data/Shared/secret.py"));
    assertTrue(e.getMessage().contains("notebook/data/Shared/secret.py is a symbolic link"), e.getMessage());
    assertThrows(IOException.class, () -> files.open("notebook/data/linked-dir/outside.txt"));
    assertThrows(IOException.class, () -> files.open("../outside.txt"));
  }

  private void addSymlink(Git git, String path, String target) throws IOException {
    var repository = git.getRepository();
    ObjectId blob;
    try (ObjectInserter ins = repository.newObjectInserter()) {
      blob = ins.insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8));
      ins.flush();
    }
    DirCache index = repository.lockDirCache();
    try {
      DirCacheEditor editor = index.editor();
      editor.add(new DirCacheEditor.PathEdit(path) {
        @Override
        public void apply(DirCacheEntry ent) {
          ent.setFileMode(FileMode.SYMLINK);
          ent.setObjectId(blob);
        }
      });
      editor.commit();
    } finally {
      index.unlock();
    }
  }
}
