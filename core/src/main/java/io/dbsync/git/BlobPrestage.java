package io.dbsync.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes the blobs of the files an export writes while the export still runs, so that staging after
 * the last API call only looks them up. An export spends most of its time waiting for rate-limited
 * API calls with the CPU idle, then staged every new file in one go: hashing and deflating them took
 * 0.4 s of a 1,000-object export and 1.1 s at 10,000 (mostly the large DBFS artifacts), all of it
 * after the last API call.
 *
 * <p>One background thread reads each file handed to {@link #written} and inserts its blob
 * ({@link BlobWriter}: loose for the first ones, then one pack). A blob is used by staging only when
 * the file still is the one it was read from: the same file key (inode), length and modification
 * time. The export writes a file once, to a temporary file moved into place, so a later write is a
 * new inode and the file is simply hashed again at staging. Anything going wrong here (a file gone
 * meanwhile, a failed insert) only drops the prestaged blobs: staging then writes them as it always
 * did. Blobs of an export that is then discarded stay unreferenced until git's gc drops them.
 */
public final class BlobPrestage implements AutoCloseable {
  /** What a file was when its blob was written. */
  record Blob(Object fileKey, long length, FileTime modified, ObjectId id) {
    /** Whether {@code now} (the file's attributes at staging) is the same file, unchanged. */
    boolean matches(BasicFileAttributes now) {
      return now.isRegularFile() && now.size() == length && now.lastModifiedTime().equals(modified)
          && Objects.equals(now.fileKey(), fileKey);
    }
  }

  private final Path workTree;
  private final BlobWriter blobs;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "blob-prestage");
    t.setDaemon(true);
    return t;
  });
  /** Work-tree-relative, '/'-separated path -> its blob; written by the background thread. */
  private final Map<String, Blob> byPath = new ConcurrentHashMap<>();
  /** Set on the background thread when an insert failed: nothing prestaged is used then. */
  private volatile boolean failed;
  /** What {@link #finish} returned, for a second call. */
  private Map<String, Blob> finished;

  BlobPrestage(Repository repo) {
    this.workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    this.blobs = new BlobWriter(repo);
  }

  /** A file of the work tree was written (and will not be written again by this export): write its blob. */
  public void written(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(workTree)) {
      return;
    }
    try {
      thread.execute(() -> insert(absolute));
    } catch (RejectedExecutionException e) {
      // finished already: staging hashes the file
    }
  }

  private void insert(Path file) {
    if (failed) {
      return;
    }
    String path = workTree.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    try {
      BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
      if (!before.isRegularFile()) {
        return;
      }
      ObjectId id;
      long length;
      // the open file is one inode whose content the export never changes: its size is its content's
      try (SeekableByteChannel channel = Files.newByteChannel(file); InputStream in = Channels.newInputStream(channel)) {
        length = channel.size();
        id = blobs.insert(length, in);
      }
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
      Blob blob = new Blob(before.fileKey(), length, before.lastModifiedTime(), id);
      if (blob.matches(after) && before.size() == length) {
        byPath.put(path, blob);
      } else {
        byPath.remove(path);
      }
    } catch (IOException | RuntimeException e) {
      // a file moved away before it was read is only not prestaged; a failed insert may have left the
      // pack half written, so nothing of this prestage is used (staging writes every blob itself)
      if (!(e instanceof NoSuchFileException)) {
        failed = true;
      }
    }
  }

  /**
   * Waits for the blobs of every file handed in so far and makes them readable; returns them by
   * work-tree-relative path (empty when anything failed). No file is taken after this.
   */
  synchronized Map<String, Blob> finish() {
    if (finished == null) {
      finished = awaitBlobs();
    }
    return finished;
  }

  private Map<String, Blob> awaitBlobs() {
    thread.shutdown();
    try {
      while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
        // a large artifact is still being deflated
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
      return Map.of();
    }
    if (failed) {
      return Map.of();
    }
    try {
      blobs.flush();
    } catch (IOException e) {
      return Map.of();
    }
    return Map.copyOf(byPath);
  }

  /** Stops taking files; a pack not flushed by {@link #finish} is dropped. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    blobs.close();
  }
}
