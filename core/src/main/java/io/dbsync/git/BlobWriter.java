package io.dbsync.git;

import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.InputStream;

/**
 * Writes blobs as loose objects for the first {@link #LOOSE_LIMIT}, into one pack for the rest, as git
 * keeps a small fetch loose and a large one packed ({@code fetch.unpackLimit}): a first export writes
 * one pack instead of ~15,000 files, and an hourly export that changed three files adds no pack. Not
 * thread-safe: one thread inserts, then flushes.
 */
final class BlobWriter implements AutoCloseable {
  /** Blobs written as loose objects before the writer switches to a pack (git's fetch.unpackLimit). */
  static final int LOOSE_LIMIT = 100;

  private final Repository repo;
  private final ObjectInserter loose;
  private ObjectInserter packed;
  private int inserted;

  BlobWriter(Repository repo) {
    this.repo = repo;
    this.loose = repo.newObjectInserter();
  }

  /** Inserts {@code length} bytes read from {@code in} (the stream must hold exactly that many). */
  ObjectId insert(long length, InputStream in) throws IOException {
    ObjectInserter to = loose;
    if (inserted++ >= LOOSE_LIMIT) {
      if (packed == null) {
        // a repository that does not keep its objects in a directory packs as its own inserter does
        packed = repo.getObjectDatabase() instanceof ObjectDirectory dir ? dir.newPackInserter() : loose;
      }
      to = packed;
    }
    return to.insert(Constants.OBJ_BLOB, length, in);
  }

  /** Makes every blob inserted so far readable from the repository. */
  void flush() throws IOException {
    loose.flush();
    if (packed != null && packed != loose) {
      packed.flush();
    }
  }

  /** Releases the inserters; a pack not flushed is dropped. */
  @Override
  public void close() {
    loose.close();
    if (packed != null && packed != loose) {
      packed.close();
    }
  }
}
