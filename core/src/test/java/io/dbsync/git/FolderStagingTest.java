package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FolderStaging} stages a folder exactly as JGit's {@code add --all <folder>} does (checked on a
 * twin repository that goes through the same edits), reports the same changes as a diff of HEAD
 * against the index, and keeps many new blobs in a pack rather than one file each.
 */
class FolderStagingTest {
  @TempDir
  Path tmp;

  @Test
  void firstStagingOfAFolderMatchesAddAll() throws Exception {
    Twins t = new Twins(tmp);
    t.edit(dir -> {
      write(dir, "exports/clusters/etl.tf.json", "{\"a\":1}");
      write(dir, "exports/jobs/nightly.tf.json", "{\"b\":2}");
      write(dir, "exports/.source-ids.json", "{}");
      write(dir, "README.md", "not staged: outside the folder");
    });
    FolderStaging.Changes changes = t.stage();
    assertEquals(t.expectedIndex(), index(t.ours));
    assertEquals(List.of(), List.copyOf(changes.before().keySet()));
    assertEquals(List.of(".source-ids.json", "clusters/etl.tf.json", "jobs/nightly.tf.json"),
        List.copyOf(new TreeMap<>(changes.after()).keySet()));
    assertTrue(index(t.ours).keySet().stream().noneMatch(p -> p.equals("README.md")));
  }

  @Test
  void changesAdditionsAndDeletionsAgainstHead() throws Exception {
    Twins t = new Twins(tmp);
    t.edit(dir -> {
      write(dir, "exports/clusters/etl.tf.json", "{\"a\":1}");
      write(dir, "exports/clusters/adhoc.tf.json", "{\"a\":2}");
      write(dir, "exports/jobs/nightly.tf.json", "{\"b\":2}");
      write(dir, "notes.txt", "outside");
    });
    t.stage();
    t.commitBoth();
    t.edit(dir -> {
      write(dir, "exports/clusters/etl.tf.json", "{\"a\":10}"); // modified
      delete(dir, "exports/clusters/adhoc.tf.json");           // removed
      write(dir, "exports/pools/small.tf.json", "{\"c\":3}");   // added
      write(dir, "notes.txt", "outside, edited and staged by the user");
    });
    t.addOutsideFolder("notes.txt");
    FolderStaging.Changes changes = t.stage();
    assertEquals(t.expectedIndex(), index(t.ours));
    assertEquals(List.of("clusters/adhoc.tf.json", "clusters/etl.tf.json"),
        List.copyOf(new TreeMap<>(changes.before()).keySet()));
    assertEquals(List.of("clusters/etl.tf.json", "pools/small.tf.json"),
        List.copyOf(new TreeMap<>(changes.after()).keySet()));
    Changelog log = Changelog.between(changes.before(), changes.after());
    assertEquals("[DirChanges[dir=clusters, added=[], modified=[clusters/etl.tf.json], removed=[clusters/adhoc.tf.json]],"
        + " DirChanges[dir=pools, added=[pools/small.tf.json], modified=[], removed=[]]]", log.dirs().toString());
  }

  @Test
  void nothingChangedStagesNothing() throws Exception {
    Twins t = new Twins(tmp);
    t.edit(dir -> write(dir, "exports/clusters/etl.tf.json", "{\"a\":1}"));
    t.stage();
    t.commitBoth();
    FolderStaging.Changes again = t.stage();
    assertEquals(Map.of(), again.before());
    assertEquals(Map.of(), again.after());
    assertEquals(t.expectedIndex(), index(t.ours));
  }

  @Test
  void ignoredUntrackedFilesAreNotStaged() throws Exception {
    Twins t = new Twins(tmp);
    t.edit(dir -> {
      write(dir, ".gitignore", "*.tmp\n");
      write(dir, "exports/clusters/etl.tf.json", "{}");
      write(dir, "exports/clusters/scratch.tmp", "ignored");
    });
    FolderStaging.Changes changes = t.stage();
    assertEquals(t.expectedIndex(), index(t.ours));
    assertEquals(List.of("clusters/etl.tf.json"), List.copyOf(changes.after().keySet()));
  }

  @Test
  void manyNewBlobsGoIntoOnePackAndStayReadable() throws Exception {
    Twins t = new Twins(tmp);
    int n = BlobWriter.LOOSE_LIMIT * 3;
    t.edit(dir -> {
      for (int i = 0; i < n; i++) {
        write(dir, "exports/notebooks/nb_" + i + ".tf.json", "{\"n\":" + i + "}");
      }
    });
    FolderStaging.Changes changes = t.stage();
    assertEquals(n, changes.after().size());
    assertEquals(t.expectedIndex(), index(t.ours));
    Path objects = t.ours.getDirectory().toPath().resolve("objects");
    try (Stream<Path> packs = Files.list(objects.resolve("pack"))) {
      assertEquals(1, packs.filter(p -> p.toString().endsWith(".pack")).count());
    }
    try (Stream<Path> all = Files.walk(objects)) {
      long loose = all.filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).count();
      assertEquals(BlobWriter.LOOSE_LIMIT, loose);
    }
    try (ObjectReader reader = t.ours.newObjectReader()) {
      for (Map.Entry<String, ObjectId> e : changes.after().entrySet()) {
        String i = e.getKey().replaceAll("\\D", "");
        assertEquals("{\"n\":" + i + "}", new String(reader.open(e.getValue()).getBytes(), StandardCharsets.UTF_8));
      }
    }
    t.commitBoth(); // the commit finds every blob
  }

  // ------------------------------------------------------------------------------------------------

  /** Two repositories given the same edits: ours stages with FolderStaging, the other with add --all. */
  private static final class Twins {
    final Repository ours;
    final Repository theirs;

    Twins(Path tmp) throws Exception {
      ours = Git.init().setDirectory(tmp.resolve("ours").toFile()).setInitialBranch("main").call().getRepository();
      theirs = Git.init().setDirectory(tmp.resolve("theirs").toFile()).setInitialBranch("main").call().getRepository();
    }

    void edit(Consumer<Path> edits) {
      edits.accept(ours.getWorkTree().toPath());
      edits.accept(theirs.getWorkTree().toPath());
    }

    void addOutsideFolder(String path) throws Exception {
      Git.wrap(ours).add().addFilepattern(path).call();
      Git.wrap(theirs).add().addFilepattern(path).call();
    }

    FolderStaging.Changes stage() throws Exception {
      Git.wrap(theirs).add().setAll(true).addFilepattern("exports").call();
      try (ObjectReader reader = ours.newObjectReader()) {
        return FolderStaging.stage(ours, GitWorkspace.headTree(ours, reader), "exports");
      }
    }

    Map<String, String> expectedIndex() throws IOException {
      return index(theirs);
    }

    void commitBoth() throws Exception {
      PersonIdent who = new PersonIdent("t", "t@example.com");
      Git.wrap(ours).commit().setMessage("c").setAuthor(who).setCommitter(who).setSign(false).call();
      Git.wrap(theirs).commit().setMessage("c").setAuthor(who).setCommitter(who).setSign(false).call();
    }
  }

  /** path -> "mode blob-id" of every stage-0 index entry. */
  private static Map<String, String> index(Repository repo) throws IOException {
    DirCache dc = repo.readDirCache();
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < dc.getEntryCount(); i++) {
      DirCacheEntry e = dc.getEntry(i);
      out.put(e.getPathString(), e.getFileMode() + " " + e.getObjectId().name() + " stage " + e.getStage());
    }
    return out;
  }

  private static void write(Path root, String path, String text) {
    try {
      Path f = root.resolve(path);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path root, String path) {
    try {
      Files.delete(root.resolve(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
