package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staging with a {@link BlobPrestage} gives exactly the index JGit's {@code add --all} gives (a twin
 * repository through the same writes), and writes no blob of its own for the files prestaged.
 */
class BlobPrestageTest {
  @TempDir
  Path tmp;

  /** Many files written from many threads, as an export writes them: staging adds no object. */
  @Test
  void stagingUsesTheBlobsWrittenMeanwhile() throws Exception {
    Repository ours = init("ours");
    Repository theirs = init("theirs");
    List<Path> written = new ArrayList<>();
    try (BlobPrestage prestage = new BlobPrestage(ours)) {
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          int n = i;
          futures.add(pool.submit(() -> {
            String path = "exports/kind" + (n % 7) + "/object-" + n + ".tf.json";
            byte[] content = ("{\"n\":" + n + "}\n").repeat(n % 50 + 1).getBytes(StandardCharsets.UTF_8);
            atomicWrite(ours, path, content);
            atomicWrite(theirs, path, content);
            prestage.written(ours.getWorkTree().toPath().resolve(path));
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
      // files the export writes at its end, not handed to the prestage: staged as always
      atomicWrite(ours, "exports/.source-ids.json", "{}".getBytes(StandardCharsets.UTF_8));
      atomicWrite(theirs, "exports/.source-ids.json", "{}".getBytes(StandardCharsets.UTF_8));
      prestage.finish();
      int objectsBefore = objectFiles(ours);
      FolderStaging.Changes changes = stage(ours, prestage);
      assertEquals(1, objectFiles(ours) - objectsBefore, "only .source-ids.json's blob is written at staging");
      assertEquals(401, changes.after().size());
    }
    Git.wrap(theirs).add().setAll(true).addFilepattern("exports").call();
    assertEquals(index(theirs), index(ours));
    try (ObjectReader reader = ours.newObjectReader()) {
      for (DirCacheEntry e : entries(ours)) {
        assertTrue(reader.has(e.getObjectId()), "blob of " + e.getPathString() + " is readable");
      }
    }
  }

  /** A file written again after its blob (a new file moved into place) is hashed again, never staged stale. */
  @Test
  void aFileWrittenAgainAfterItsBlobIsHashedAgain() throws Exception {
    Repository ours = init("ours");
    Repository theirs = init("theirs");
    try (BlobPrestage prestage = new BlobPrestage(ours)) {
      atomicWrite(ours, "exports/a.tf.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
      prestage.written(ours.getWorkTree().toPath().resolve("exports/a.tf.json"));
      prestage.written(ours.getWorkTree().toPath().resolve("exports/gone.tf.json")); // never existed
      Map<String, BlobPrestage.Blob> blobs = prestage.finish();
      assertEquals(List.of("exports/a.tf.json"), List.copyOf(blobs.keySet()));
      // same length, other bytes, restored modification time: only the file key tells them apart
      Path file = ours.getWorkTree().toPath().resolve("exports/a.tf.json");
      var modified = Files.getLastModifiedTime(file);
      atomicWrite(ours, "exports/a.tf.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
      Files.setLastModifiedTime(file, modified);
      atomicWrite(theirs, "exports/a.tf.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
      try (ObjectReader reader = ours.newObjectReader()) {
        FolderStaging.stage(ours, GitWorkspace.headTree(ours, reader), "exports", blobs);
      }
    }
    Git.wrap(theirs).add().setAll(true).addFilepattern("exports").call();
    assertEquals(index(theirs), index(ours));
  }

  /** With end-of-line conversion git stores other bytes than the file's: the prestaged blob is not used. */
  @Test
  void convertedFilesAreStagedAsGitConvertsThem() throws Exception {
    Repository ours = init("ours");
    Repository theirs = init("theirs");
    for (Repository r : List.of(ours, theirs)) {
      StoredConfig config = r.getConfig();
      config.setString("core", null, "autocrlf", "true");
      config.save();
    }
    byte[] crlf = "{\r\n\"a\": 1\r\n}\r\n".getBytes(StandardCharsets.UTF_8);
    try (BlobPrestage prestage = new BlobPrestage(ours)) {
      atomicWrite(ours, "exports/a.tf.json", crlf);
      atomicWrite(theirs, "exports/a.tf.json", crlf);
      prestage.written(ours.getWorkTree().toPath().resolve("exports/a.tf.json"));
      stage(ours, prestage);
    }
    Git.wrap(theirs).add().setAll(true).addFilepattern("exports").call();
    assertEquals(index(theirs), index(ours));
    try (ObjectReader reader = ours.newObjectReader()) {
      DirCacheEntry e = entries(ours).get(0);
      assertNotEquals(crlf.length, reader.open(e.getObjectId()).getSize(), "stored with LF endings");
    }
  }

  /** Files handed in after the staging took the blobs are staged as usual. */
  @Test
  void filesAfterFinishAreLeftToStaging() throws Exception {
    Repository ours = init("ours");
    try (BlobPrestage prestage = new BlobPrestage(ours)) {
      assertEquals(Map.of(), prestage.finish());
      atomicWrite(ours, "exports/late.tf.json", "{}".getBytes(StandardCharsets.UTF_8));
      prestage.written(ours.getWorkTree().toPath().resolve("exports/late.tf.json"));
      try (ObjectReader reader = ours.newObjectReader()) {
        FolderStaging.Changes changes = FolderStaging.stage(ours, GitWorkspace.headTree(ours, reader), "exports");
        assertEquals(List.of("late.tf.json"), List.copyOf(changes.after().keySet()));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------

  private Repository init(String name) throws Exception {
    return Git.init().setDirectory(tmp.resolve(name).toFile()).setInitialBranch("main").call().getRepository();
  }

  private static FolderStaging.Changes stage(Repository repo, BlobPrestage prestage) throws IOException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return FolderStaging.stage(repo, GitWorkspace.headTree(repo, reader), "exports", prestage.finish());
    }
  }

  /** As the export writes: a temporary file moved into place. */
  private static void atomicWrite(Repository repo, String path, byte[] content) throws IOException {
    Path file = repo.getWorkTree().toPath().resolve(path);
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".w", ".tmp");
    Files.write(temp, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Loose object files plus pack files in the object database. */
  private static int objectFiles(Repository repo) throws IOException {
    try (Stream<Path> files = Files.walk(repo.getDirectory().toPath().resolve("objects"))) {
      return (int) files.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/info/") && !p.toString().endsWith(".idx")
              && !p.toString().endsWith(".rev") && !p.toString().endsWith(".bitmap"))
          .count();
    }
  }

  private static List<DirCacheEntry> entries(Repository repo) throws IOException {
    DirCache dc = repo.readDirCache();
    List<DirCacheEntry> out = new ArrayList<>();
    for (int i = 0; i < dc.getEntryCount(); i++) {
      out.add(dc.getEntry(i));
    }
    return out;
  }

  /** path -> "mode blob-id" of every index entry. */
  private static Map<String, String> index(Repository repo) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (DirCacheEntry e : entries(repo)) {
      out.put(e.getPathString(), e.getFileMode() + " " + e.getObjectId().name() + " stage " + e.getStage());
    }
    return out;
  }
}
